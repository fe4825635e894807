package dev.tracekit.starter.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import dev.tracekit.core.Context;
import dev.tracekit.core.LogRecordData;
import dev.tracekit.core.LogRecordExporter;
import dev.tracekit.core.Scope;
import dev.tracekit.core.Span;
import dev.tracekit.core.TraceKit;
import dev.tracekit.core.ExportResult;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TraceKitLogAppenderTests {

  private final List<LogRecordData> shipped = new CopyOnWriteArrayList<>();
  private final TraceKit traceKit =
      TraceKit.builder()
          .serviceName("appender-test")
          .logExporter(new Collecting(shipped))
          .scheduleDelay(Duration.ofHours(1))
          .build();
  private final LoggerContext loggerContext = new LoggerContext();
  private final TraceKitLogAppender appender =
      new TraceKitLogAppender(traceKit.logs(), traceKit.resource(), List.of("dev.tracekit.core", "jdk.internal.httpclient"), true);

  TraceKitLogAppenderTests() {
    loggerContext.setMDCAdapter(new LogbackMDCAdapter());
    appender.setContext(loggerContext);
    appender.start();
    loggerContext.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
  }

  @AfterEach
  void close() {
    appender.stop();
    traceKit.close();
  }

  @Test
  void eventsCarryTheCurrentSpansIds() {
    Span span = traceKit.tracer().spanBuilder("request").setNoParent().startSpan();
    Scope scope = Context.root().with(span).makeCurrent();
    try {
      loggerContext.getLogger("com.example.Orders").info("order {} placed", 42);
    } finally {
      scope.close();
    }
    span.end();
    traceKit.flush(Duration.ofSeconds(30));
    assertThat(shipped).hasSize(1);
    LogRecordData record = shipped.get(0);
    assertThat(record.body()).isEqualTo("order 42 placed");
    assertThat(record.severityNumber()).isEqualTo(9);
    assertThat(record.severityText()).isEqualTo("INFO");
    assertThat(record.traceIdHex()).isEqualTo(span.context().traceIdHex());
    assertThat(record.spanIdHex()).isEqualTo(span.context().spanIdHex());
    assertThat(record.traceFlags()).isEqualTo(span.context().flags());
    assertThat(record.resource().serviceName()).isEqualTo("appender-test");
    assertThat(record.attributes().getString("logger.name")).isEqualTo("com.example.Orders");
    assertThat(record.attributes().getString("thread.name")).isEqualTo(Thread.currentThread().getName());
  }

  @Test
  void exceptionsBecomeExceptionAttributes() {
    loggerContext.getLogger("com.example.Orders").error("failed", new IllegalStateException("stock is gone"));
    traceKit.flush(Duration.ofSeconds(30));
    LogRecordData record = shipped.get(0);
    assertThat(record.severityNumber()).isEqualTo(17);
    assertThat(record.hasTrace()).isFalse();
    assertThat(record.attributes().getString("exception.type")).isEqualTo("java.lang.IllegalStateException");
    assertThat(record.attributes().getString("exception.message")).isEqualTo("stock is gone");
    assertThat(record.attributes().getString("exception.stacktrace")).contains("IllegalStateException: stock is gone");
  }

  @Test
  void excludedLoggersAreNeverShipped() {
    loggerContext.getLogger("dev.tracekit.core.export.OtlpHttpSpanExporter").warn("export failed");
    loggerContext.getLogger("jdk.internal.httpclient.debug").warn("connection reset");
    loggerContext.getLogger("dev.tracekit.coreish.Other").warn("not excluded: only whole name segments match");
    traceKit.flush(Duration.ofSeconds(30));
    assertThat(shipped).extracting(LogRecordData::body).containsExactly("not excluded: only whole name segments match");
  }

  @Test
  void eventsLoggedOnTheExporterThreadsAreNeverShipped() throws InterruptedException {
    Thread exporterThread =
        new Thread(() -> loggerContext.getLogger("org.example.Http").warn("while exporting"), "tracekit-logs-exporter");
    exporterThread.start();
    exporterThread.join();
    loggerContext.getLogger("org.example.Http").warn("on an application thread");
    traceKit.flush(Duration.ofSeconds(30));
    assertThat(shipped).extracting(LogRecordData::body).containsExactly("on an application thread");
  }

  @Test
  void idsFromTheMdcAreUsedWhenNoSpanIsCurrentAndMdcIsCopied() {
    LoggingEvent event = new LoggingEvent();
    event.setLoggerName("com.example.Async");
    event.setLevel(Level.WARN);
    event.setMessage("late");
    event.setThreadName("worker");
    event.setTimeStamp(System.currentTimeMillis());
    event.setMDCPropertyMap(
        Map.of(
            "trace_id", "0af7651916cd43dd8448eb211c80319c",
            "span_id", "b7ad6b7169203331",
            "trace_flags", "01",
            "tenant", "acme"));
    LogRecordData record = appender.toRecord(event);
    assertThat(record.traceIdHex()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
    assertThat(record.spanIdHex()).isEqualTo("b7ad6b7169203331");
    assertThat(record.traceFlags()).isEqualTo(1);
    assertThat(record.severityNumber()).isEqualTo(13);
    assertThat(record.attributes().getString("tenant")).isEqualTo("acme");
    assertThat(record.attributes().get("trace_id")).isNull();
  }

  @Test
  void severityFollowsTheOpenTelemetryMapping() {
    assertThat(TraceKitLogAppender.severityNumber(Level.TRACE)).isEqualTo(1);
    assertThat(TraceKitLogAppender.severityNumber(Level.DEBUG)).isEqualTo(5);
    assertThat(TraceKitLogAppender.severityNumber(Level.INFO)).isEqualTo(9);
    assertThat(TraceKitLogAppender.severityNumber(Level.WARN)).isEqualTo(13);
    assertThat(TraceKitLogAppender.severityNumber(Level.ERROR)).isEqualTo(17);
  }

  @Test
  void aFullBufferDropsAndCountsInsteadOfBlocking() {
    CountDownLatch release = new CountDownLatch(1);
    // The exporter holds its first batch until released, so the small queue must overflow.
    LogRecordExporter stuck =
        logs -> {
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return ExportResult.SUCCESS;
        };
    TraceKit tiny =
        TraceKit.builder()
            .logExporter(stuck)
            .maxQueueSize(2)
            .maxExportBatchSize(1)
            .scheduleDelay(Duration.ofHours(1))
            .build();
    TraceKitLogAppender small = new TraceKitLogAppender(tiny.logs(), tiny.resource(), List.of(), false);
    LoggerContext isolated = new LoggerContext();
    isolated.setMDCAdapter(new LogbackMDCAdapter());
    small.setContext(isolated);
    small.start();
    isolated.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(small);
    for (int i = 0; i < 100; i++) {
      isolated.getLogger("flood").info("line {}", i);
    }
    assertThat(tiny.metrics().logsEmitted()).isEqualTo(100);
    assertThat(tiny.metrics().logsLost()).isGreaterThan(90);
    release.countDown();
    small.stop();
    tiny.close();
  }

  /** A real exporter that keeps what it receives. */
  private record Collecting(List<LogRecordData> into) implements LogRecordExporter {
    @Override
    public ExportResult export(Collection<LogRecordData> logs) {
      into.addAll(logs);
      return ExportResult.SUCCESS;
    }
  }
}
