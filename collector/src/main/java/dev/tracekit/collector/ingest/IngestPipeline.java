package dev.tracekit.collector.ingest;

import dev.tracekit.collector.ingest.IngestMetrics.Signal;
import dev.tracekit.collector.storage.SpanStore;
import dev.tracekit.collector.storage.StoreUnavailableException;
import dev.tracekit.core.LogRecordData;
import dev.tracekit.core.SpanData;
import io.micrometer.core.instrument.Gauge;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The bounded queue between ingest and storage, drained by one dedicated writer thread: request
 * threads (event loops) never touch the store and never wait on a lock. The queue is bounded in
 * items (spans + logs); when it is full, {@link #submit} refuses at once and ingest answers 503
 * with Retry-After.
 *
 * <p>The writer takes whatever is queued (up to a write's worth), stores it in one call (one
 * transaction for PostgreSQL) and completes each batch's future. With a durable store ingest
 * answers 200 only when that future completes, i.e. after the commit. When the store is
 * unavailable, every queued batch fails at once and new ones are refused for Retry-After, so
 * clients back off instead of queueing behind a dead database. The writer also runs retention.
 */
public final class IngestPipeline implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(IngestPipeline.class);
  /** Stops after the web server stops taking requests (its phases are higher), before the store closes. */
  private static final int PHASE = Integer.MAX_VALUE - 4096;
  private static final Duration SHUTDOWN_DRAIN = Duration.ofSeconds(10);

  private final SpanStore store;
  private final IngestMetrics metrics;
  private final int capacity;
  private final int maxItemsPerWrite;
  private final long retryAfterNanos;
  private final Duration retention;
  private final long retentionIntervalNanos;
  private final BlockingQueue<Batch> queue;
  private final AtomicInteger queuedItems = new AtomicInteger();
  private Thread writer;

  private volatile boolean accepting;
  private volatile boolean running;
  private volatile long unavailableUntilNanos;
  private volatile boolean unavailable;
  private long nextRetentionNanos;

  /**
   * @param capacity items (spans + logs) that may wait at once
   * @param maxItemsPerWrite items the writer hands the store in one call (at least one batch)
   * @param retention data older than this is removed; null keeps it
   */
  public IngestPipeline(SpanStore store, IngestMetrics metrics, int capacity, int maxItemsPerWrite,
      Duration retryAfter, Duration retention, Duration retentionInterval) {
    if (capacity < 1 || maxItemsPerWrite < 1) {
      throw new IllegalArgumentException("queue capacity and items per write must be at least 1");
    }
    this.store = store;
    this.metrics = metrics;
    this.capacity = capacity;
    this.maxItemsPerWrite = maxItemsPerWrite;
    this.retryAfterNanos = retryAfter.toNanos();
    this.retention = retention;
    this.retentionIntervalNanos = retentionInterval.toNanos();
    // A batch holds at least one item, so capacity batches can never be too few.
    this.queue = new ArrayBlockingQueue<>(Math.min(capacity, 65_536));
    Gauge.builder("tracekit.collector.queue.depth", queuedItems, AtomicInteger::get)
        .description("Spans and logs waiting for the store")
        .register(metrics.registry());
    Gauge.builder("tracekit.collector.queue.capacity", () -> capacity)
        .description("Spans and logs that may wait for the store at once")
        .register(metrics.registry());
  }

  /** Whether an ingest response must wait for {@link #submit}'s future (the store is durable). */
  public boolean waitsForCommit() {
    return store.durable();
  }

  /**
   * Queues a batch for the writer.
   *
   * @return completes when the store has the batch; fails with {@link StoreUnavailableException}
   *     (retry later) or another exception (the store refused it)
   * @throws SaturatedException when the queue is full, the store is known to be unavailable or
   *     the collector is shutting down; nothing was queued
   */
  public CompletableFuture<Void> submit(String transport, List<SpanData> spans, List<LogRecordData> logs) {
    int items = spans.size() + logs.size();
    if (!accepting) {
      throw new SaturatedException("the collector is shutting down", "shutdown");
    }
    if (unavailable && System.nanoTime() - unavailableUntilNanos < 0) {
      throw new SaturatedException("the store is unavailable", "store_unavailable");
    }
    int after = queuedItems.addAndGet(items);
    if (after > capacity && after != items) {
      queuedItems.addAndGet(-items);
      throw new SaturatedException("the ingest queue is full (" + capacity + " items)", "queue_full");
    }
    Batch batch = new Batch(transport, spans, logs, new CompletableFuture<>());
    if (!queue.offer(batch)) {
      queuedItems.addAndGet(-items);
      throw new SaturatedException("the ingest queue is full (" + queue.size() + " batches)", "queue_full");
    }
    return batch.done;
  }

  /** Items waiting for the store. */
  public int depth() {
    return queuedItems.get();
  }

  private void drain() {
    nextRetentionNanos = System.nanoTime() + retentionIntervalNanos;
    List<Batch> batches = new ArrayList<>();
    while (running || !queue.isEmpty()) {
      try {
        Batch first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first != null) {
          batches.add(first);
          int items = first.items();
          Batch next;
          while (items < maxItemsPerWrite && (next = queue.peek()) != null && items + next.items() <= maxItemsPerWrite) {
            batches.add(queue.poll());
            items += next.items();
          }
          write(batches);
          batches.clear();
        }
        if (retention != null && System.nanoTime() - nextRetentionNanos >= 0) {
          nextRetentionNanos = System.nanoTime() + retentionIntervalNanos;
          purge();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (RuntimeException e) {
        // Never let the writer die: a dead writer would fill the queue and stop all ingest.
        log.error("The store writer hit an unexpected error and continues; batches in flight were failed", e);
        fail(batches, e, "store_error");
        batches.clear();
      }
    }
    fail(drainQueue(), new StoreUnavailableException("the collector stopped before storing the batch", null), "shutdown");
  }

  private void write(List<Batch> batches) {
    List<SpanData> spans;
    List<LogRecordData> logs;
    if (batches.size() == 1) {
      spans = batches.get(0).spans;
      logs = batches.get(0).logs;
    } else {
      spans = new ArrayList<>();
      logs = new ArrayList<>();
      for (Batch b : batches) {
        spans.addAll(b.spans);
        logs.addAll(b.logs);
      }
    }
    try {
      store.write(spans, logs);
      if (unavailable) {
        unavailable = false;
        log.info("The store accepts writes again");
      }
      for (Batch b : batches) {
        release(b);
        metrics.stored(Signal.SPANS, b.transport, b.spans.size());
        metrics.stored(Signal.LOGS, b.transport, b.logs.size());
        b.done.complete(null);
      }
    } catch (StoreUnavailableException e) {
      if (!unavailable) {
        log.warn("The store is unavailable: {}. Ingest answers 503 with Retry-After until it is back; "
            + "check the database.", e.getMessage());
      }
      unavailable = true;
      unavailableUntilNanos = System.nanoTime() + retryAfterNanos;
      fail(batches, e, "store_unavailable");
      // Everything queued behind would fail the same way after a long wait: fail it now.
      fail(drainQueue(), e, "store_unavailable");
    } catch (RuntimeException e) {
      if (batches.size() > 1) {
        // Store each batch alone so one bad batch does not take its neighbours down.
        for (Batch b : batches) {
          write(List.of(b));
        }
        return;
      }
      log.error("The store refused a batch of {} spans and {} logs from {}; it is dropped", spans.size(), logs.size(),
          batches.get(0).transport, e);
      fail(batches, e, "store_error");
    }
  }

  private void purge() {
    try {
      long cutoff = System.currentTimeMillis() * 1_000_000L - retention.toNanos();
      long removed = store.purgeBefore(cutoff);
      if (removed > 0) {
        log.debug("Retention removed {} spans older than {}", removed, retention);
      }
    } catch (RuntimeException e) {
      log.warn("Retention could not remove old data ({}); it retries in {} s", e.getMessage(),
          TimeUnit.NANOSECONDS.toSeconds(retentionIntervalNanos));
    }
  }

  private List<Batch> drainQueue() {
    List<Batch> rest = new ArrayList<>();
    queue.drainTo(rest);
    return rest;
  }

  private void fail(List<Batch> batches, Throwable cause, String reason) {
    for (Batch b : batches) {
      if (b.done.isDone()) {
        continue;
      }
      release(b);
      metrics.dropped(Signal.SPANS, b.transport, reason, b.spans.size());
      metrics.dropped(Signal.LOGS, b.transport, reason, b.logs.size());
      b.done.completeExceptionally(cause);
    }
  }

  private void release(Batch b) {
    queuedItems.addAndGet(-b.items());
  }

  /** Starts a writer thread; after {@link #stop} a new one (Spring may stop and restart a context). */
  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    accepting = true;
    writer = new Thread(this::drain, "tracekit-store-writer");
    writer.setDaemon(true);
    writer.start();
  }

  @Override
  public synchronized void stop() {
    if (writer == null) {
      return;
    }
    accepting = false;
    running = false;
    try {
      writer.join(SHUTDOWN_DRAIN.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (writer.isAlive()) {
      log.warn("The store writer did not finish the queued batches within {} s; {} items are lost",
          SHUTDOWN_DRAIN.toSeconds(), queuedItems.get());
      writer.interrupt();
    }
    writer = null;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }

  /** Thrown by {@link #submit} when nothing can be queued now; the client should retry later. */
  public static final class SaturatedException extends RuntimeException {
    private final String reason;

    SaturatedException(String message, String reason) {
      super(message, null, false, false);
      this.reason = reason;
    }

    /** A metric tag: queue_full, store_unavailable or shutdown. */
    public String reason() {
      return reason;
    }
  }

  private record Batch(String transport, List<SpanData> spans, List<LogRecordData> logs, CompletableFuture<Void> done) {
    int items() {
      return spans.size() + logs.size();
    }
  }
}
