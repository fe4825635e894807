package dev.tracekit.starter.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.tracekit.core.LogRecordData;
import dev.tracekit.core.Span;
import dev.tracekit.core.TraceKit;
import dev.tracekit.core.Tracer;
import dev.tracekit.starter.TraceKitAutoConfiguration;
import dev.tracekit.starter.logging.TraceKitLoggingAutoConfiguration;
import dev.tracekit.starter.metrics.TraceKitExporterHealthIndicator;
import dev.tracekit.starter.metrics.TraceKitMetricsAutoConfiguration;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The auto-configured OTLP/HTTP exporters against real HTTP servers. */
class ExportIntegrationTests {

  private final TelemetryReceiver receiver = new TelemetryReceiver();
  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  TraceKitAutoConfiguration.class,
                  TraceKitLoggingAutoConfiguration.class,
                  TraceKitMetricsAutoConfiguration.class))
          .withPropertyValues("spring.application.name=export-test", "tracekit.exporter.endpoint=" + receiver.endpoint());

  @AfterEach
  void close() {
    receiver.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"lz4", "gzip", "none"})
  void spansAndLogsArriveWithEachCompression(String compression) {
    runner
        .withPropertyValues("tracekit.exporter.compression=" + compression, "tracekit.exporter.schedule-delay=50ms")
        .run(
            context -> {
              Span span = context.getBean(Tracer.class).spanBuilder("exported").setNoParent().startSpan();
              span.end();
              LoggerFactory.getLogger("com.example.Export").info("shipped with {}", compression);
              receiver.awaitSpans(spans -> spans.stream().anyMatch(s -> s.name().equals("exported")));
              receiver.awaitLogs(
                  logs -> logs.stream().anyMatch(l -> l.body().equals("shipped with " + compression)));
              LogRecordData log =
                  receiver.logs().stream().filter(l -> l.body().equals("shipped with " + compression)).findFirst().orElseThrow();
              assertThat(log.resource().serviceName()).isEqualTo("export-test");
              assertThat(log.severityText()).isEqualTo("INFO");
            });
    assertThat(receiver.encodings()).contains(compression.equals("none") ? "identity" : compression);
    assertThat(receiver.rejected()).isZero();
  }

  @Test
  void closingTheApplicationFlushesQueuedSpansWithinTheShutdownTimeout() {
    runner
        .withPropertyValues("tracekit.exporter.schedule-delay=1h", "tracekit.exporter.shutdown-timeout=30s")
        .run(
            context -> {
              for (int i = 0; i < 3; i++) {
                context.getBean(Tracer.class).spanBuilder("queued-" + i).setNoParent().startSpan().end();
              }
              assertThat(receiver.spans()).isEmpty();
            });
    assertThat(receiver.spans()).extracting(s -> s.name()).containsExactlyInAnyOrder("queued-0", "queued-1", "queued-2");
  }

  @Test
  void healthIsDownWhenEveryRecentExportFailedAndUpAgainAfterASuccess() throws Exception {
    int[] status = {503};
    HttpServer failing = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    failing.createContext(
        "/",
        exchange -> {
          try (exchange) {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(status[0], -1);
          }
        });
    failing.start();
    try {
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(TraceKitAutoConfiguration.class, TraceKitMetricsAutoConfiguration.class))
          .withPropertyValues(
              "tracekit.exporter.endpoint=http://127.0.0.1:" + failing.getAddress().getPort(),
              "tracekit.exporter.max-retries=1",
              "tracekit.exporter.schedule-delay=1h",
              "tracekit.logging.ship=false")
          .run(
              context -> {
                TraceKit traceKit = context.getBean(TraceKit.class);
                TraceKitExporterHealthIndicator health = context.getBean(TraceKitExporterHealthIndicator.class);
                assertThat(health.health().getStatus()).isEqualTo(Status.UP);
                for (int i = 0; i < TraceKitExporterHealthIndicator.FAILURES_FOR_DOWN; i++) {
                  traceKit.tracer().spanBuilder("lost-" + i).setNoParent().startSpan().end();
                  traceKit.flush(Duration.ofSeconds(30));
                }
                Health down = health.health();
                assertThat(down.getStatus()).isEqualTo(Status.DOWN);
                assertThat(down.getDetails()).containsKey("lastError");
                assertThat((Long) down.getDetails().get("spansDropped")).isGreaterThanOrEqualTo(3L);

                status[0] = 200;
                traceKit.tracer().spanBuilder("delivered").setNoParent().startSpan().end();
                traceKit.flush(Duration.ofSeconds(30));
                await().atMost(Duration.ofSeconds(30)).until(() -> health.health().getStatus().equals(Status.UP));
              });
    } finally {
      failing.stop(0);
    }
  }
}
