package dev.tracekit.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class LogEmitterTest {

  private static LogRecordData log(String body) {
    return new LogRecordData(
        1L, 2L, 9, "INFO", body, Attributes.empty(), 0, 0, 0, 0, Resource.empty(), InstrumentationScope.TRACEKIT);
  }

  /** Keeps what it receives; blocks its first call until released. */
  private static final class GatedLogExporter implements LogRecordExporter {
    final List<LogRecordData> received = new ArrayList<>();
    final CountDownLatch gate = new CountDownLatch(1);
    boolean closed;

    @Override
    public ExportResult export(Collection<LogRecordData> logs) {
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      synchronized (this) {
        received.addAll(logs);
      }
      return ExportResult.SUCCESS;
    }

    @Override
    public synchronized void close() {
      closed = true;
    }
  }

  @Test
  void emittedLogsReachTheLogExporterInOrder() {
    GatedLogExporter exporter = new GatedLogExporter();
    exporter.gate.countDown();
    try (TraceKit tk = TraceKit.builder().logExporter(exporter).build()) {
      assertThat(tk.logs().isEnabled()).isTrue();
      for (int i = 0; i < 5; i++) {
        assertThat(tk.logs().emit(log("line " + i))).isTrue();
      }
      assertThat(tk.flush(Duration.ofSeconds(30))).isTrue();
      synchronized (exporter) {
        assertThat(exporter.received).extracting(LogRecordData::body)
            .containsExactly("line 0", "line 1", "line 2", "line 3", "line 4");
      }
      assertThat(tk.metrics().logsEmitted()).isEqualTo(5);
      assertThat(tk.metrics().logsExported()).isEqualTo(5);
    }
    assertThat(exporter.closed).isTrue();
  }

  @Test
  void fullLogQueueDropsWithoutBlockingAndCounts() {
    GatedLogExporter exporter = new GatedLogExporter();
    TraceKit tk =
        TraceKit.builder().logExporter(exporter).maxQueueSize(16).maxExportBatchSize(4).build();
    int accepted = 0;
    for (int i = 0; i < 1000; i++) { // the exporter is stuck: the queue must fill
      if (tk.logs().emit(log("x"))) {
        accepted++;
      }
    }
    exporter.gate.countDown();
    assertThat(tk.shutdown(Duration.ofSeconds(30))).isTrue();
    TraceKitMetrics m = tk.metrics();
    assertThat(m.logsDropped(DropReason.QUEUE_FULL)).isEqualTo(1000 - accepted).isPositive();
    assertThat(m.logsExported()).isEqualTo(accepted);
    assertThat(m.logsEmitted()).isEqualTo(m.logsExported() + m.logsLost());
  }

  @Test
  void withoutLogExporterEmitReturnsFalseAndCounts() {
    try (TraceKit tk = TraceKit.builder().build()) {
      assertThat(tk.logs().isEnabled()).isFalse();
      assertThat(tk.logs().emit(log("x"))).isFalse();
      assertThat(tk.logs().emit(null)).isFalse();
      assertThat(tk.metrics().logsDropped(DropReason.NO_EXPORTER)).isEqualTo(1);
    }
  }
}
