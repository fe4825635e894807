package dev.tracekit.collector.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tracekit.collector.CollectorClient;
import dev.tracekit.collector.storage.postgres.TestDatabase;
import dev.tracekit.core.DropReason;
import dev.tracekit.core.TraceKit;
import dev.tracekit.core.TraceKitMetrics;
import dev.tracekit.core.export.OtlpHttpSpanExporter;
import dev.tracekit.core.otlp.Compression;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A traced application keeps serving while its collector goes away and comes back (PostgreSQL
 * store, so what the collector acknowledged outlives its restarts): requests never wait for the
 * exporter, spans wait in the bounded buffer and arrive when the collector returns, and once the
 * buffer overflows the drops are counted exactly — every ended span is either exported (and then
 * stored) or counted as lost.
 */
class CollectorOutageTest {

  private static final String SCHEMA = TestDatabase.uniqueSchema();
  private static final Duration EXPORT_TIMEOUT = Duration.ofSeconds(5);
  private static final int QUEUE = 256;

  @AfterAll
  static void dropSchema() {
    TestDatabase.dropSchema(SCHEMA);
  }

  @Test
  void requestsNeverWaitForTheExporterAndEverySpanIsDeliveredOrCountedAsDropped() throws Exception {
    String service = "outage-app-" + UUID.randomUUID().toString().substring(0, 8);
    TraceKitMetrics metrics = new TraceKitMetrics();
    try (InProcessCollector collector = new InProcessCollector(
            "tracekit.collector.storage.type=postgres",
            "tracekit.collector.storage.postgres.url=" + TestDatabase.URL,
            "tracekit.collector.storage.postgres.username=" + TestDatabase.USER,
            "tracekit.collector.storage.postgres.schema=" + SCHEMA,
            "tracekit.collector.storage.postgres.pool-size=2",
            "tracekit.collector.query.max-limit=100000").start();
        TraceKit tracing = TraceKit.builder()
            .serviceName(service)
            .metrics(metrics)
            .maxQueueSize(QUEUE)
            .maxExportBatchSize(64)
            .scheduleDelay(Duration.ofMillis(100))
            .spanExporter(OtlpHttpSpanExporter.builder()
                .endpoint(collector.base())
                .compression(Compression.LZ4)
                .connectTimeout(Duration.ofMillis(500))
                .timeout(EXPORT_TIMEOUT)
                // Enough retries to outlast a restart: the batch in hand survives the outage.
                .maxRetries(200)
                .initialBackoff(Duration.ofMillis(50))
                .maxBackoff(Duration.ofMillis(200))
                .listener(metrics)
                .build())
            .build();
        TracedApp app = new TracedApp(tracing)) {
      CollectorClient client = new CollectorClient(collector.port());

      // 1. Collector up: everything arrives.
      app.requests(100);
      tracing.flush(Duration.ofSeconds(30));
      await().atMost(Duration.ofSeconds(60)).until(() -> metrics.spansExported() == metrics.spansEnded());
      assertThat(storedSpans(client, service)).isEqualTo(100 * TracedApp.SPANS_PER_REQUEST);

      // 2. Collector down for fewer spans than the buffer holds: the requests succeed, the spans
      //    wait and are all delivered once it is back.
      collector.stop();
      app.requests(100);
      assertThat(metrics.spansLost()).isZero();
      collector.start();
      await().atMost(Duration.ofSeconds(60)).until(() -> metrics.spansExported() == metrics.spansEnded());
      assertThat(storedSpans(client, service)).isEqualTo(200 * TracedApp.SPANS_PER_REQUEST);
      assertThat(metrics.spansLost()).isZero();

      // 3. Collector down for more spans than the buffer holds: the requests still succeed and
      //    the overflow is dropped and counted.
      collector.stop();
      app.requests(600);
      collector.start();
      tracing.shutdown(Duration.ofSeconds(60));

      long ended = metrics.spansEnded();
      assertThat(ended).isEqualTo(800L * TracedApp.SPANS_PER_REQUEST);
      assertThat(metrics.spansDropped(DropReason.QUEUE_FULL)).isPositive();
      assertThat(metrics.spansExported() + metrics.spansLost()).as(metrics.toString()).isEqualTo(ended);
      assertThat(storedSpans(client, service)).as(metrics.toString()).isEqualTo(metrics.spansExported());
      assertThat(app.slowestRequest()).isLessThan(EXPORT_TIMEOUT);
    }
  }

  /** The spans of {@code service} the collector has stored, summed over its trace summaries. */
  private static long storedSpans(CollectorClient client, String service) {
    JsonNode traces = client.getJson("/api/traces?limit=100000&service=" + service);
    long sum = 0;
    for (JsonNode trace : traces) {
      sum += trace.get("spanCount").asLong();
    }
    return sum;
  }
}
