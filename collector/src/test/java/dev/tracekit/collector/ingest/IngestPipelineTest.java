package dev.tracekit.collector.ingest;

import static dev.tracekit.collector.TestSpans.root;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracekit.collector.storage.LogQuery;
import dev.tracekit.collector.storage.SpanStore;
import dev.tracekit.collector.storage.StoreStats;
import dev.tracekit.collector.storage.StoreUnavailableException;
import dev.tracekit.collector.storage.StoredTrace;
import dev.tracekit.collector.storage.TraceId;
import dev.tracekit.collector.storage.TraceQuery;
import dev.tracekit.collector.storage.TraceSummary;
import dev.tracekit.collector.storage.memory.InMemorySpanStore;
import dev.tracekit.core.LogRecordData;
import dev.tracekit.core.SpanData;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The queue between ingest and the store, around a real memory store that the test can pause
 * (a slow database) or make fail (a database that is down).
 */
class IngestPipelineTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final FaultyStore store = new FaultyStore(new InMemorySpanStore(10_000, 10_000));
  private IngestPipeline pipeline;

  private IngestPipeline start(int capacity, boolean durable) {
    store.durable = durable;
    pipeline = new IngestPipeline(store, new IngestMetrics(registry), capacity, 100, Duration.ofMillis(300), null,
        Duration.ofMinutes(1));
    pipeline.start();
    return pipeline;
  }

  @AfterEach
  void stop() {
    store.paused.release(1_000);
    pipeline.stop();
  }

  private static List<SpanData> spans(long trace, int count) {
    return java.util.stream.LongStream.rangeClosed(1, count)
        .mapToObj(i -> dev.tracekit.collector.TestSpans.span(trace, i, i == 1 ? 0 : 1, "svc", "op", i, 1).build())
        .toList();
  }

  private double counter(String name, String reason) {
    var search = registry.find(name);
    if (reason != null) {
      search = search.tag("reason", reason);
    }
    return search.counters().stream().mapToDouble(c -> c.count()).sum();
  }

  @Test
  void aFullQueueRefusesAtOnceAndCountsTheDrop() throws Exception {
    start(10, false);
    store.pause();
    pipeline.submit("t", spans(1, 4), List.of()); // the writer takes it and waits on the store
    pipeline.submit("t", spans(2, 4), List.of());

    assertThatThrownBy(() -> pipeline.submit("t", spans(3, 4), List.of()))
        .isInstanceOf(IngestPipeline.SaturatedException.class)
        .satisfies(e -> assertThat(((IngestPipeline.SaturatedException) e).reason()).isEqualTo("queue_full"));
    assertThat(pipeline.depth()).isEqualTo(8);

    store.resume();
    CompletableFuture<Void> later = pipeline.submit("t", spans(4, 2), List.of());
    later.get(30, TimeUnit.SECONDS);
    assertThat(store.getTrace(new TraceId(3, 3))).isEmpty();
    assertThat(store.getTrace(new TraceId(4, 4))).isPresent();
  }

  @Test
  void aDurableBatchCompletesOnlyWhenTheStoreHasIt() throws Exception {
    start(100, true);
    store.pause();

    CompletableFuture<Void> done = pipeline.submit("t", spans(1, 3), List.of());
    store.awaitWriterBlocked();
    assertThat(done).isNotDone();

    store.resume();
    done.get(30, TimeUnit.SECONDS);
    assertThat(store.getTrace(new TraceId(1, 1)).orElseThrow().spans()).hasSize(3);
    assertThat(counter("tracekit.collector.spans.stored", null)).isEqualTo(3);
  }

  @Test
  void anUnavailableStoreFailsQueuedBatchesAtOnceAndRecovers() throws Exception {
    start(100, true);
    store.pause();
    CompletableFuture<Void> first = pipeline.submit("t", spans(1, 2), List.of());
    store.awaitWriterBlocked();
    CompletableFuture<Void> queued = pipeline.submit("t", spans(2, 2), List.of());
    store.failNext(new StoreUnavailableException("database down", null));
    store.resume();

    assertThatThrownBy(() -> first.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(StoreUnavailableException.class);
    assertThatThrownBy(() -> queued.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(StoreUnavailableException.class);
    assertThat(counter("tracekit.collector.spans.dropped", "store_unavailable")).isEqualTo(4);
    assertThat(pipeline.depth()).isZero();

    // For Retry-After the pipeline refuses without queueing; afterwards it tries the store again.
    CompletableFuture<Void> recovered = null;
    while (recovered == null) {
      try {
        recovered = pipeline.submit("t", spans(3, 2), List.of());
      } catch (IngestPipeline.SaturatedException e) {
        assertThat(e.reason()).isEqualTo("store_unavailable");
        Thread.sleep(50);
      }
    }
    recovered.get(30, TimeUnit.SECONDS);
    assertThat(store.getTrace(new TraceId(3, 3))).isPresent();
  }

  @Test
  void theWriterSurvivesAStoreThatRefusesABatch() throws Exception {
    start(100, true);
    store.failNext(new IllegalStateException("constraint violated"));

    CompletableFuture<Void> refused = pipeline.submit("t", spans(1, 2), List.of());
    assertThatThrownBy(() -> refused.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
    assertThat(counter("tracekit.collector.spans.dropped", "store_error")).isEqualTo(2);

    pipeline.submit("t", spans(2, 2), List.of()).get(30, TimeUnit.SECONDS);
    assertThat(store.getTrace(new TraceId(2, 2))).isPresent();
  }

  @Test
  void stoppingStoresWhatIsQueuedAndThenRefuses() throws Exception {
    start(100, false);
    store.pause();
    pipeline.submit("t", spans(1, 2), List.of());
    pipeline.submit("t", spans(2, 2), List.of());
    store.resume();

    pipeline.stop();

    assertThat(store.getTrace(new TraceId(1, 1))).isPresent();
    assertThat(store.getTrace(new TraceId(2, 2))).isPresent();
    assertThatThrownBy(() -> pipeline.submit("t", spans(3, 1), List.of()))
        .isInstanceOf(IngestPipeline.SaturatedException.class).hasMessageContaining("shutting down");
  }

  @Test
  void retentionRunsOnTheWriter() throws Exception {
    store.durable = false;
    pipeline = new IngestPipeline(store, new IngestMetrics(registry), 100, 100, Duration.ofSeconds(1),
        Duration.ofDays(1), Duration.ofMillis(10));
    pipeline.start();
    pipeline.submit("t", List.of(root(1, "svc", "ancient", 0, 1)), List.of()).get(30, TimeUnit.SECONDS);

    // TestSpans times are in 2023: a day of retention removes them at the next tick.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (store.getTrace(new TraceId(1, 1)).isPresent() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(store.getTrace(new TraceId(1, 1))).isEmpty();
    assertThat(store.stats().expiredSpans()).isEqualTo(1);
  }

  /** A real store behind a gate the test opens and closes, and that can fail its next write. */
  private static final class FaultyStore implements SpanStore {
    final InMemorySpanStore delegate;
    final Semaphore paused = new Semaphore(1_000);
    final Semaphore writerWaiting = new Semaphore(0);
    final AtomicReference<RuntimeException> nextFailure = new AtomicReference<>();
    volatile boolean durable;

    FaultyStore(InMemorySpanStore delegate) {
      this.delegate = delegate;
    }

    void pause() {
      paused.drainPermits();
    }

    void resume() {
      paused.release(1_000);
    }

    void awaitWriterBlocked() throws InterruptedException {
      assertThat(writerWaiting.tryAcquire(30, TimeUnit.SECONDS)).as("the writer reached the store").isTrue();
    }

    void failNext(RuntimeException failure) {
      nextFailure.set(failure);
    }

    @Override
    public void write(List<SpanData> spans, List<LogRecordData> logs) {
      writerWaiting.release();
      try {
        paused.acquire();
        paused.release();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StoreUnavailableException("interrupted", e);
      }
      RuntimeException failure = nextFailure.getAndSet(null);
      if (failure != null) {
        throw failure;
      }
      delegate.write(spans, logs);
    }

    @Override
    public boolean durable() {
      return durable;
    }

    @Override
    public Optional<StoredTrace> getTrace(TraceId traceId) {
      return delegate.getTrace(traceId);
    }

    @Override
    public List<TraceSummary> findTraces(TraceQuery query) {
      return delegate.findTraces(query);
    }

    @Override
    public List<String> services() {
      return delegate.services();
    }

    @Override
    public List<String> operations(String service) {
      return delegate.operations(service);
    }

    @Override
    public List<LogRecordData> findLogs(LogQuery query) {
      return delegate.findLogs(query);
    }

    @Override
    public void forEachTrace(long start, long end, int maxTraces, Consumer<List<SpanData>> action) {
      delegate.forEachTrace(start, end, maxTraces, action);
    }

    @Override
    public long purgeBefore(long cutoffEpochNanos) {
      return delegate.purgeBefore(cutoffEpochNanos);
    }

    @Override
    public StoreStats stats() {
      return delegate.stats();
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
