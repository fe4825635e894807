package dev.tracekit.collector.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tracekit.collector.CollectorClient;
import dev.tracekit.collector.TestSpans;
import dev.tracekit.core.Ids;
import dev.tracekit.core.SpanData;
import dev.tracekit.core.otlp.Compression;
import dev.tracekit.core.otlp.OtlpTraceCodec;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * The collector's PostgreSQL goes away (a private server, stopped for real) and comes back: while
 * it is down, ingest and queries answer 503 with Retry-After — never a 500, never a hang — and
 * health says DOWN; once it is back the collector recovers by itself.
 */
class PostgresDownTest {

  @Test
  void withPostgresDownIngestAndQueriesAnswer503WithRetryAfterAndTheCollectorRecoversByItself() throws Exception {
    try (PrivatePostgres pg = PrivatePostgres.start();
        InProcessCollector collector = new InProcessCollector(
            "tracekit.collector.storage.type=postgres",
            "tracekit.collector.storage.postgres.url=" + pg.jdbcUrl(),
            "tracekit.collector.storage.postgres.username=postgres",
            "tracekit.collector.storage.postgres.pool-size=3",
            "tracekit.collector.storage.postgres.connection-timeout=2s",
            "tracekit.collector.ingest.commit-timeout=20s",
            "tracekit.collector.ingest.retry-after=1s").start()) {
      CollectorClient client = new CollectorClient(collector.port());
      long before = id();
      assertThat(ingest(client, before).statusCode()).isEqualTo(200);
      assertThat(client.get("/actuator/health").statusCode()).isEqualTo(200);

      pg.stopServer();

      for (int i = 0; i < 3; i++) {
        HttpResponse<byte[]> refused = ingest(client, id());
        assertThat(refused.statusCode()).as("ingest %d while PostgreSQL is down", i).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
      }
      HttpResponse<byte[]> query = client.get("/api/traces/" + Ids.toHex(before, before));
      assertThat(query.statusCode()).isEqualTo(503);
      assertThat(query.headers().firstValue("Retry-After")).isPresent();
      assertThat(client.get("/api/traces?limit=5").statusCode()).isEqualTo(503);
      HttpResponse<byte[]> health = client.get("/actuator/health");
      assertThat(health.statusCode()).isEqualTo(503);
      assertThat(CollectorClient.text(health)).contains("DOWN");

      pg.startServer();

      // Nobody restarts the collector: the next attempts succeed once the pool reconnects.
      long after = id();
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
          .until(() -> ingest(client, after).statusCode() == 200);
      assertThat(client.getJson("/api/traces/" + Ids.toHex(after, after)).get("spans")).hasSize(3);
      assertThat(client.getJson("/api/traces/" + Ids.toHex(before, before)).get("spans")).hasSize(3);
      assertThat(client.get("/actuator/health").statusCode()).isEqualTo(200);
    }
  }

  private static long id() {
    return ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
  }

  private static HttpResponse<byte[]> ingest(CollectorClient client, long trace) {
    List<SpanData> spans = new ArrayList<>();
    spans.add(TestSpans.span(trace, 1, 0, "pg-down", "root", 0, 1_000).build());
    spans.add(TestSpans.span(trace, 2, 1, "pg-down", "child", 1, 10).build());
    spans.add(TestSpans.span(trace, 3, 1, "pg-down", "child", 2, 10).build());
    return client.post("/v1/traces", "application/x-protobuf", Compression.LZ4.compress(OtlpTraceCodec.encode(spans)),
        "Content-Encoding", "lz4");
  }
}
