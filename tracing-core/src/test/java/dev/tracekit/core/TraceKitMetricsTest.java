package dev.tracekit.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TraceKitMetricsTest {

  @Test
  void exportListenerCallbacksAccumulateBytesAndRetries() {
    TraceKitMetrics m = new TraceKitMetrics();
    ExportListener listener = m;
    listener.onEncoded(10, 1000, 400);
    listener.onEncoded(5, 500, 250);
    listener.onRetry("503");
    assertThat(m.encodedBytes()).isEqualTo(1500);
    assertThat(m.wireBytes()).isEqualTo(650);
    assertThat(m.exportRetries()).isEqualTo(1);
  }

  @Test
  void exportLatencyGoesIntoCountTotalMaxAndOneBucket() {
    TraceKitMetrics m = new TraceKitMetrics();
    m.spanListener.exported(3, 1_500_000); // 1.5 ms -> bucket "<= 2 ms"
    m.spanListener.exportFailed(2, 20_000_000_000L); // 20 s -> overflow bucket
    m.logListener.exported(1, 1_000_000); // exactly 1 ms -> bucket "<= 1 ms"

    assertThat(m.exportCount()).isEqualTo(3);
    assertThat(m.exportTotalNanos()).isEqualTo(20_002_500_000L);
    assertThat(m.exportMaxNanos()).isEqualTo(20_000_000_000L);
    long[] bounds = TraceKitMetrics.exportLatencyBucketBoundsMillis();
    long[] counts = m.exportLatencyBucketCounts();
    assertThat(counts).hasSize(bounds.length + 1);
    assertThat(counts[0]).isEqualTo(1);
    assertThat(counts[1]).isEqualTo(1);
    assertThat(counts[counts.length - 1]).isEqualTo(1);
    assertThat(m.batchesExported()).isEqualTo(2);
    assertThat(m.batchesFailed()).isEqualTo(1);
    assertThat(m.spansExported()).isEqualTo(3);
    assertThat(m.spansDropped(DropReason.EXPORT_FAILED)).isEqualTo(2);
    assertThat(m.logsExported()).isEqualTo(1);
  }

  @Test
  void limitDropsAreNotCountedAsLostSpans() {
    TraceKitMetrics m = new TraceKitMetrics();
    m.spanDropped(DropReason.LIMITS, 7);
    m.spanDropped(DropReason.QUEUE_FULL, 2);
    assertThat(m.spansDropped(DropReason.LIMITS)).isEqualTo(7);
    assertThat(m.spansLost()).isEqualTo(2);
  }

  @Test
  void sharedInstanceGivenToBuilderIsTheOneCounting() {
    TraceKitMetrics shared = new TraceKitMetrics();
    try (TraceKit tk = TraceKit.builder().metrics(shared).spanExporter(InMemorySpanExporter.create()).build()) {
      assertThat(tk.metrics()).isSameAs(shared);
      tk.tracer().spanBuilder("s").startSpan().end();
      tk.flush(Duration.ofSeconds(30));
      assertThat(shared.spansExported()).isEqualTo(1);
    }
  }
}
