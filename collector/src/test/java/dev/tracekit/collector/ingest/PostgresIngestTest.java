package dev.tracekit.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tracekit.collector.CollectorClient;
import dev.tracekit.collector.TestSpans;
import dev.tracekit.collector.storage.postgres.TestDatabase;
import dev.tracekit.core.Ids;
import dev.tracekit.core.SpanData;
import dev.tracekit.core.otlp.Compression;
import dev.tracekit.core.otlp.OtlpTraceCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The collector on the real PostgreSQL, in a schema of its own: a 200 means committed, and a
 * database that stops taking writes turns into 429/503 with Retry-After, not into a pile-up.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "tracekit.collector.storage.type=postgres",
    "tracekit.collector.storage.postgres.url=" + TestDatabase.URL,
    "tracekit.collector.storage.postgres.username=" + TestDatabase.USER,
    "tracekit.collector.storage.postgres.pool-size=3",
    "tracekit.collector.ingest.max-spans-per-request=50",
    "tracekit.collector.ingest.max-logs-per-request=50",
    "tracekit.collector.ingest.queue-capacity=150",
    "tracekit.collector.ingest.max-concurrent-requests=3",
    "tracekit.collector.ingest.commit-timeout=3s",
    "tracekit.collector.ingest.retry-after=1s",
})
class PostgresIngestTest {

  private static final String SCHEMA = TestDatabase.uniqueSchema();

  @DynamicPropertySource
  static void schema(DynamicPropertyRegistry registry) {
    registry.add("tracekit.collector.storage.postgres.schema", () -> SCHEMA);
  }

  @AfterAll
  static void dropSchema() {
    TestDatabase.dropSchema(SCHEMA);
  }

  @LocalServerPort
  int port;

  CollectorClient client;

  @BeforeEach
  void connect() {
    client = new CollectorClient(port);
  }

  private static List<SpanData> trace(long id, int spans) {
    List<SpanData> result = new ArrayList<>();
    result.add(TestSpans.span(id, 1, 0, "pg-ingest", "root", 0, 1_000).build());
    for (int i = 2; i <= spans; i++) {
      result.add(TestSpans.span(id, i, 1, "pg-ingest", "child", i, 10).build());
    }
    return result;
  }

  private static byte[] body(long id, int spans) {
    return Compression.LZ4.compress(OtlpTraceCodec.encode(trace(id, spans)));
  }

  private static long randomId() {
    return ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
  }

  private static int spansInDatabase(long id) throws Exception {
    try (Connection c = DriverManager.getConnection(TestDatabase.URL, TestDatabase.USER, "");
        PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + SCHEMA + ".spans WHERE trace_id = ?")) {
      ps.setBytes(1, new dev.tracekit.collector.storage.TraceId(id, id).toBytes());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  @Test
  void okIsAnsweredOnlyOnceTheBatchIsCommitted() throws Exception {
    long id = randomId();

    HttpResponse<byte[]> response = client.post("/v1/traces", "application/x-protobuf", body(id, 5),
        "Content-Encoding", "lz4");

    assertThat(response.statusCode()).isEqualTo(200);
    // No waiting: the rows must already be there, seen from another connection.
    assertThat(spansInDatabase(id)).isEqualTo(5);
    assertThat(client.getJson("/api/traces/" + Ids.toHex(id, id)).get("spans")).hasSize(5);
  }

  @Test
  void aRetriedBatchIsStoredOnce() throws Exception {
    long id = randomId();
    byte[] body = body(id, 4);

    assertThat(client.post("/v1/traces", "application/x-protobuf", body, "Content-Encoding", "lz4").statusCode()).isEqualTo(200);
    assertThat(client.post("/v1/traces", "application/x-protobuf", body, "Content-Encoding", "lz4").statusCode()).isEqualTo(200);

    assertThat(spansInDatabase(id)).isEqualTo(4);
    assertThat(client.getJson("/api/traces?service=pg-ingest&limit=1000").findValues("traceId").stream()
        .filter(t -> t.stringValue().equals(Ids.toHex(id, id))).count()).isEqualTo(1);
  }

  @Test
  void aDatabaseThatStopsTakingWritesGetsRetryAfterAnswersAndIngestRecovers() throws Exception {
    HttpClient async = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    List<Long> pending = List.of(randomId(), randomId(), randomId());
    try (Connection blocker = DriverManager.getConnection(TestDatabase.URL, TestDatabase.USER, "");
        Statement s = blocker.createStatement()) {
      blocker.setAutoCommit(false);
      s.execute("LOCK TABLE " + SCHEMA + ".spans IN ACCESS EXCLUSIVE MODE");

      // The writer takes the first batch and waits on the lock; the next two wait in the queue.
      List<CompletableFuture<HttpResponse<byte[]>>> waiting = new ArrayList<>();
      for (int i = 0; i < pending.size(); i++) {
        waiting.add(async.sendAsync(post(pending.get(i)), HttpResponse.BodyHandlers.ofByteArray()));
        awaitQueueDepth(50 * (i + 1));
      }

      // Three requests are in progress: a fourth is turned away before its body is read.
      HttpResponse<byte[]> busy = client.post("/v1/traces", "application/x-protobuf", body(randomId(), 50),
          "Content-Encoding", "lz4");
      assertThat(busy.statusCode()).isEqualTo(429);
      assertThat(busy.headers().firstValue("Retry-After")).hasValue("1");

      // Nobody is told 200 while nothing is committed: the waiting requests time out with 503.
      for (CompletableFuture<HttpResponse<byte[]>> response : waiting) {
        assertThat(response.get().statusCode()).isEqualTo(503);
        assertThat(response.get().headers().firstValue("Retry-After")).hasValue("1");
      }

      // The queue is still full of their batches: the next request gets 503 at once.
      HttpResponse<byte[]> full = client.post("/v1/traces", "application/x-protobuf", body(randomId(), 50),
          "Content-Encoding", "lz4");
      assertThat(full.statusCode()).isEqualTo(503);
      assertThat(full.headers().firstValue("Retry-After")).hasValue("1");
      assertThat(IngestBadInputTest.RpcStatus.parse(full.body()).message()).contains("queue is full");
      blocker.rollback();
    }

    // Once the lock is gone the queued batches commit (a client's retry would insert nothing
    // twice) and ingest works again.
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      for (long id : pending) {
        if (spansInDatabase(id) != 50) {
          return false;
        }
      }
      return true;
    });
    long after = randomId();
    assertThat(client.post("/v1/traces", "application/x-protobuf", body(after, 3), "Content-Encoding", "lz4").statusCode())
        .isEqualTo(200);
    assertThat(spansInDatabase(after)).isEqualTo(3);
  }

  private HttpRequest post(long id) {
    return HttpRequest.newBuilder(URI.create(client.base() + "/v1/traces"))
        .header("Content-Type", "application/x-protobuf")
        .header("Content-Encoding", "lz4")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body(id, 50)))
        .build();
  }

  private void awaitQueueDepth(int items) {
    await().atMost(Duration.ofSeconds(30)).until(() -> CollectorClient.text(client.get("/actuator/prometheus"))
        .contains("tracekit_collector_queue_depth " + items + ".0"));
  }
}
