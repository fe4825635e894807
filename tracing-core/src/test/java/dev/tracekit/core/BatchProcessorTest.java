package dev.tracekit.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BatchProcessorTest {

  /**
   * An exporter that takes its time, like a network call, and counts what it receives. Its
   * first call also waits until {@code firstCallGate} opens, so that the queue surely fills.
   */
  private static final class SlowCountingExporter implements SpanExporter {
    final AtomicLong received = new AtomicLong();
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger maxBatch = new AtomicInteger();
    final CountDownLatch firstCallGate = new CountDownLatch(1);
    volatile boolean closed;

    @Override
    public ExportResult export(Collection<? extends SpanData> spans) {
      maxBatch.accumulateAndGet(spans.size(), Math::max);
      try {
        if (calls.incrementAndGet() == 1) {
          firstCallGate.await();
        }
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      received.addAndGet(spans.size());
      return ExportResult.SUCCESS;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  @Test
  void multiProducerCreatedEqualsExportedPlusDroppedExactly() throws Exception {
    SlowCountingExporter exporter = new SlowCountingExporter();
    TraceKit tk =
        TraceKit.builder()
            .spanExporter(exporter)
            .maxQueueSize(256)
            .maxExportBatchSize(64)
            .scheduleDelay(Duration.ofMillis(5))
            .build();
    int threads = 4;
    int perThread = 50_000;
    CyclicBarrier start = new CyclicBarrier(threads);
    List<Thread> producers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread p = new Thread(() -> {
        try {
          start.await();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        Tracer tracer = tk.tracer();
        for (int i = 0; i < perThread; i++) {
          Span s = tracer.spanBuilder("op").startSpan();
          s.setAttribute("i", (long) i);
          s.end();
        }
        // The first producer to finish lets the exporter go on: the rest overlap with it.
        exporter.firstCallGate.countDown();
      });
      producers.add(p);
      p.start();
    }
    for (Thread p : producers) {
      p.join();
    }
    assertThat(tk.shutdown(Duration.ofSeconds(60))).isTrue();

    TraceKitMetrics m = tk.metrics();
    long created = (long) threads * perThread;
    assertThat(m.spansStarted()).isEqualTo(created);
    assertThat(m.spansEnded()).isEqualTo(created);
    assertThat(m.spansDropped(DropReason.QUEUE_FULL))
        .as("a stalled exporter and a small queue must drop something")
        .isPositive();
    assertThat(m.spansExported()).isEqualTo(exporter.received.get());
    assertThat(m.spansExported() + m.spansLost()).isEqualTo(created);
    assertThat(m.spansExported() + m.spansDropped(DropReason.QUEUE_FULL)).isEqualTo(created);
    assertThat(exporter.maxBatch.get()).isLessThanOrEqualTo(64);
    assertThat(m.batchesExported()).isEqualTo(exporter.calls.get());
    assertThat(m.queueDepth()).isZero();
    assertThat(exporter.closed).isTrue();
  }

  @Test
  void flushDeliversQueuedSpansBeforeScheduleDelay() {
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    try (TraceKit tk =
        TraceKit.builder()
            .spanExporter(exporter)
            .maxExportBatchSize(1000)
            .scheduleDelay(Duration.ofHours(1))
            .build()) {
      for (int i = 0; i < 10; i++) {
        tk.tracer().spanBuilder("s").startSpan().end();
      }
      assertThat(exporter.spans()).isEmpty(); // neither a full batch nor an hour passed
      assertThat(tk.metrics().queueDepth()).isEqualTo(10);
      assertThat(tk.flush(Duration.ofSeconds(30))).isTrue();
      assertThat(exporter.spans()).hasSize(10);
      assertThat(tk.metrics().queueDepth()).isZero();
    }
  }

  @Test
  void fullBatchWakesExporterWithoutWaitingForDelay() throws Exception {
    CountDownLatch exported = new CountDownLatch(1);
    SpanExporter exporter = spans -> {
      exported.countDown();
      return ExportResult.SUCCESS;
    };
    try (TraceKit tk =
        TraceKit.builder()
            .spanExporter(exporter)
            .maxExportBatchSize(8)
            .scheduleDelay(Duration.ofHours(1))
            .build()) {
      for (int i = 0; i < 8; i++) {
        tk.tracer().spanBuilder("s").startSpan().end();
      }
      assertThat(exported.await(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void partialBatchIsExportedAfterScheduleDelay() throws Exception {
    CountDownLatch exported = new CountDownLatch(1);
    SpanExporter exporter = spans -> {
      exported.countDown();
      return ExportResult.SUCCESS;
    };
    try (TraceKit tk =
        TraceKit.builder()
            .spanExporter(exporter)
            .maxExportBatchSize(100)
            .scheduleDelay(Duration.ofMillis(10))
            .build()) {
      tk.tracer().spanBuilder("lonely").startSpan().end();
      assertThat(exported.await(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void throwingExporterDoesNotKillWorkerAndIsCountedAsFailed() {
    AtomicInteger calls = new AtomicInteger();
    InMemorySpanExporter delegate = InMemorySpanExporter.create();
    SpanExporter flaky = spans -> {
      if (calls.incrementAndGet() == 1) {
        throw new IllegalStateException("simulated exporter bug");
      }
      return delegate.export(spans);
    };
    try (TraceKit tk = TraceKit.builder().spanExporter(flaky).scheduleDelay(Duration.ofHours(1)).build()) {
      tk.tracer().spanBuilder("lost").startSpan().end();
      tk.tracer().spanBuilder("lost too").startSpan().end();
      tk.flush(Duration.ofSeconds(30));
      tk.tracer().spanBuilder("delivered").startSpan().end();
      tk.flush(Duration.ofSeconds(30));

      assertThat(delegate.spans()).extracting(SpanData::name).containsExactly("delivered");
      TraceKitMetrics m = tk.metrics();
      assertThat(m.spansDropped(DropReason.EXPORT_FAILED)).isEqualTo(2);
      assertThat(m.batchesFailed()).isEqualTo(1);
      assertThat(m.batchesExported()).isEqualTo(1);
      assertThat(m.spansExported()).isEqualTo(1);
    }
  }

  @Test
  void failureResultIsCountedAsExportFailed() {
    try (TraceKit tk =
        TraceKit.builder().spanExporter(spans -> ExportResult.FAILURE).build()) {
      for (int i = 0; i < 3; i++) {
        tk.tracer().spanBuilder("s").startSpan().end();
      }
      tk.flush(Duration.ofSeconds(30));
      assertThat(tk.metrics().spansDropped(DropReason.EXPORT_FAILED)).isEqualTo(3);
      assertThat(tk.metrics().spansExported()).isZero();
    }
  }

  @Test
  void noExporterCountsEndedSpansAsDropped() {
    try (TraceKit tk = TraceKit.builder().build()) {
      tk.tracer().spanBuilder("s").startSpan().end();
      assertThat(tk.metrics().spansDropped(DropReason.NO_EXPORTER)).isEqualTo(1);
      assertThat(tk.metrics().spansEnded()).isEqualTo(1);
    }
  }

  @Test
  void shutdownWithHungExporterTimesOutAndCountsLeftoversAsShutdownDrops() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch inExport = new CountDownLatch(1);
    AtomicLong exported = new AtomicLong();
    BatchProcessor.Exporter<String> hung = new BatchProcessor.Exporter<>() {
      @Override
      public ExportResult export(List<String> batch) {
        inExport.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        exported.addAndGet(batch.size());
        return ExportResult.SUCCESS;
      }

      @Override
      public void close() {}
    };
    TraceKitMetrics metrics = new TraceKitMetrics();
    BatchProcessor<String> p =
        BatchProcessor.start("test", 64, 4, Duration.ofHours(1), hung, metrics.spanListener);
    for (int i = 0; i < 20; i++) {
      assertThat(p.offer("item" + i)).isTrue();
    }
    assertThat(inExport.await(30, TimeUnit.SECONDS)).isTrue(); // first full batch is stuck
    assertThat(p.shutdown(Duration.ofMillis(50))).isFalse();
    assertThat(p.offer("after shutdown")).isFalse();
    release.countDown();
    for (int i = 0; i < 30_000 && !p.isTerminated(); i++) {
      Thread.sleep(1);
    }
    assertThat(p.isTerminated()).isTrue();
    assertThat(exported.get()).isEqualTo(4);
    assertThat(metrics.spansExported()).isEqualTo(4);
    assertThat(metrics.spansDropped(DropReason.SHUTDOWN)).isEqualTo(16 + 1);
    assertThat(p.queueDepth()).isZero();
  }

  @Test
  void offersRacingWithShutdownAreAllAccountedFor() throws Exception {
    for (int round = 0; round < 20; round++) {
      TraceKitMetrics metrics = new TraceKitMetrics();
      AtomicLong exported = new AtomicLong();
      BatchProcessor.Exporter<Integer> counting = new BatchProcessor.Exporter<>() {
        @Override
        public ExportResult export(List<Integer> batch) {
          exported.addAndGet(batch.size());
          return ExportResult.SUCCESS;
        }

        @Override
        public void close() {}
      };
      BatchProcessor<Integer> p =
          BatchProcessor.start("race", 128, 16, Duration.ofMillis(1), counting, metrics.spanListener);
      AtomicLong offered = new AtomicLong();
      List<Thread> producers = new ArrayList<>();
      CountDownLatch started = new CountDownLatch(2);
      for (int t = 0; t < 2; t++) {
        Thread th = new Thread(() -> {
          started.countDown();
          for (int i = 0; i < 20_000; i++) {
            p.offer(i);
            offered.incrementAndGet();
          }
        });
        producers.add(th);
        th.start();
      }
      started.await();
      p.shutdown(Duration.ofSeconds(30));
      for (Thread th : producers) {
        th.join();
      }
      assertThat(p.isTerminated()).isTrue();
      assertThat(p.queueDepth()).isZero();
      assertThat(exported.get()).isEqualTo(metrics.spansExported());
      assertThat(metrics.spansExported() + metrics.spansLost()).isEqualTo(offered.get());
    }
  }
}
