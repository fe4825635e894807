package dev.tracekit.collector.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tracekit.collector.CollectorClient;
import dev.tracekit.collector.TestSpans;
import dev.tracekit.collector.storage.TraceId;
import dev.tracekit.core.Ids;
import dev.tracekit.core.SpanData;
import dev.tracekit.core.otlp.Compression;
import dev.tracekit.core.otlp.OtlpTraceCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The collector (PostgreSQL store, a private server) is killed with SIGKILL in the middle of a
 * stream of batches and started again: every batch it answered 200 for is there, whole.
 */
class CollectorKillTest {

  private static final int SPANS_PER_BATCH = 20;
  private static final int SENDERS = 3;

  @Test
  void everyBatchAcknowledgedBeforeASigkillIsStoredWholeAfterTheRestart() throws Exception {
    try (PrivatePostgres pg = PrivatePostgres.start();
        CollectorProcess collector = new CollectorProcess(Path.of("target", "fault-tests", "collector-kill.log"),
            "tracekit.collector.storage.type=postgres",
            "tracekit.collector.storage.postgres.url=" + pg.jdbcUrl(),
            "tracekit.collector.storage.postgres.username=postgres",
            "tracekit.collector.storage.postgres.pool-size=3",
            "logging.level.root=WARN").start()) {
      Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
      AtomicInteger failedRequests = new AtomicInteger();
      AtomicLong nextTrace = new AtomicLong(System.nanoTime() & 0xFFFF_FFFFL | 1);
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      String url = "http://127.0.0.1:" + collector.port() + "/v1/traces";
      List<Thread> senders = new ArrayList<>();
      for (int s = 0; s < SENDERS; s++) {
        Thread t = new Thread(() -> {
          while (true) {
            long trace = nextTrace.getAndIncrement();
            try {
              HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url))
                  .timeout(Duration.ofSeconds(30))
                  .header("Content-Type", "application/x-protobuf").header("Content-Encoding", "lz4")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body(trace))).build(), HttpResponse.BodyHandlers.discarding());
              if (r.statusCode() == 200) {
                acknowledged.add(trace);
              }
            } catch (IOException e) {
              failedRequests.incrementAndGet();
              return; // the collector is gone
            } catch (InterruptedException e) {
              return;
            }
          }
        }, "kill-test-sender-" + s);
        senders.add(t);
        t.start();
      }
      await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 60);

      collector.kill();
      for (Thread t : senders) {
        t.join(60_000);
      }
      // The kill landed mid-stream: requests were in flight or being sent when it came.
      assertThat(failedRequests.get()).isPositive();
      Set<Long> acked = Set.copyOf(acknowledged);
      System.out.println("CollectorKillTest: " + acked.size() + " batches acknowledged before SIGKILL, "
          + failedRequests.get() + " requests cut off by it");

      collector.start();

      CollectorClient client = new CollectorClient(collector.port());
      try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), "postgres", "")) {
        for (long trace : acked) {
          assertThat(spansInDatabase(c, trace)).as("trace %d", trace).isEqualTo(SPANS_PER_BATCH);
        }
      }
      for (long trace : acked.stream().limit(10).toList()) {
        assertThat(client.getJson("/api/traces/" + Ids.toHex(trace, trace)).get("spans")).hasSize(SPANS_PER_BATCH);
      }
    }
  }

  private static byte[] body(long trace) {
    List<SpanData> spans = new ArrayList<>();
    spans.add(TestSpans.span(trace, 1, 0, "kill-test", "root", 0, 10_000).build());
    for (int i = 2; i <= SPANS_PER_BATCH; i++) {
      spans.add(TestSpans.span(trace, i, 1, "kill-test", "step " + i, i * 10, 5).build());
    }
    return Compression.LZ4.compress(OtlpTraceCodec.encode(spans));
  }

  private static int spansInDatabase(Connection c, long trace) {
    try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM tracekit.spans WHERE trace_id = ?")) {
      ps.setBytes(1, new TraceId(trace, trace).toBytes());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    } catch (java.sql.SQLException e) {
      throw new UncheckedIOException(new IOException(e));
    }
  }
}
