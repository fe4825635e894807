package dev.tracekit.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.jctools.queues.MpscArrayQueue;

/**
 * Carries finished items (spans or log records) from application threads to one exporter
 * thread: a bounded lock-free MPSC queue, drained in batches of at most {@code maxBatchSize},
 * exported when a batch is full or the oldest item waited {@code scheduleDelay}.
 *
 * <p>Producers never block and take no lock: {@link #offer} is a CAS on the queue, plus an
 * {@code unpark} of the worker only when it sleeps and a full batch is waiting. A full queue
 * drops the item and counts it. Every offered item ends up counted exactly once: exported,
 * or dropped with a {@link DropReason}.
 */
final class BatchProcessor<T> {

  /** Where a batch goes. Called on the worker thread only. */
  interface Exporter<T> {
    ExportResult export(List<T> batch);

    void close();
  }

  /** What the processor counts. Called on producer threads (drops) and the worker. */
  interface Listener {
    void dropped(DropReason reason, int count);

    void exported(int count, long exportNanos);

    void exportFailed(int count, long exportNanos);
  }

  private static final System.Logger LOG = System.getLogger(BatchProcessor.class.getName());
  private static final long LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final String what;
  private final MpscArrayQueue<T> queue;
  private final int maxBatchSize;
  private final long scheduleDelayNanos;
  private final Exporter<T> exporter;
  private final Listener listener;
  private final Thread worker;
  /** Set by the worker just before it parks; a producer that sees it may wake the worker. */
  private final AtomicBoolean needsSignal = new AtomicBoolean();
  private final ConcurrentLinkedQueue<CompletableFuture<Void>> flushRequests =
      new ConcurrentLinkedQueue<>();
  /** Lets exactly one thread at a time drain the queue once the worker has terminated. */
  private final AtomicBoolean leftoverDrain = new AtomicBoolean();

  /** No more items are accepted. */
  private volatile boolean closing;
  /** Offers refused (queue full or shutting down); rare, so a shared counter is fine. */
  private final LongAdder refused = new LongAdder();
  /** The shutdown timeout ran out: stop exporting, count what is left as dropped. */
  private volatile boolean abandoned;
  /** The worker has left its loop; whoever finds items in the queue drops them. */
  private volatile boolean terminated;

  private long lastFailureLogNanos;
  private boolean failureLogged;

  private BatchProcessor(
      String what,
      int maxQueueSize,
      int maxBatchSize,
      Duration scheduleDelay,
      Exporter<T> exporter,
      Listener listener) {
    this.what = what;
    this.queue = new MpscArrayQueue<>(Math.max(2, maxQueueSize));
    this.maxBatchSize = maxBatchSize;
    this.scheduleDelayNanos = scheduleDelay.toNanos();
    this.exporter = exporter;
    this.listener = listener;
    this.worker = new Thread(this::run, "tracekit-" + what + "-exporter");
    this.worker.setDaemon(true);
  }

  /**
   * Creates the processor and starts its worker thread. The queue capacity is {@code
   * maxQueueSize} rounded up to a power of two.
   */
  static <T> BatchProcessor<T> start(
      String what,
      int maxQueueSize,
      int maxBatchSize,
      Duration scheduleDelay,
      Exporter<T> exporter,
      Listener listener) {
    BatchProcessor<T> p =
        new BatchProcessor<>(what, maxQueueSize, maxBatchSize, scheduleDelay, exporter, listener);
    p.worker.start();
    return p;
  }

  /**
   * Queues {@code item} for export; never blocks. Returns false (and counts the drop) when
   * the queue is full or shutdown has begun.
   */
  boolean offer(T item) {
    if (closing) {
      refused.increment();
      listener.dropped(DropReason.SHUTDOWN, 1);
      return false;
    }
    if (!queue.offer(item)) {
      refused.increment();
      listener.dropped(DropReason.QUEUE_FULL, 1);
      return false;
    }
    if (terminated) {
      // Shutdown finished between our check and our offer: nobody else will take it.
      dropLeftovers();
    } else if (needsSignal.get()
        && queue.size() >= maxBatchSize
        && needsSignal.compareAndSet(true, false)) {
      LockSupport.unpark(worker);
    }
    return true;
  }

  /**
   * Items ever given to {@link #offer}: the queue's producer index (every accepted item moved it
   * once) plus the refused ones, so that counting them costs the producers nothing more.
   */
  long offered() {
    return queue.currentProducerIndex() + refused.sum();
  }

  int queueDepth() {
    return queue.size();
  }

  int capacity() {
    return queue.capacity();
  }

  /**
   * Exports everything queued before this call; waits at most {@code timeout}. Returns whether
   * it finished in time (exports that fail still count as finished: they are counted as drops).
   */
  boolean flush(Duration timeout) {
    if (terminated) {
      return queue.isEmpty();
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    flushRequests.add(done);
    LockSupport.unpark(worker);
    if (terminated) {
      done.complete(null);
    }
    return await(done, timeout);
  }

  /**
   * Stops accepting items, exports what is queued and closes the exporter, waiting at most
   * {@code timeout}. Returns false if the worker did not finish in time; it then stops after
   * the export in progress and counts what is left as dropped ({@link DropReason#SHUTDOWN}).
   */
  boolean shutdown(Duration timeout) {
    closing = true;
    LockSupport.unpark(worker);
    try {
      long millis = Math.max(1, timeout.toMillis());
      worker.join(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (worker.isAlive()) {
      abandoned = true;
      LockSupport.unpark(worker);
      return false;
    }
    return true;
  }

  /** Whether the worker has stopped and what it left in the queue is counted as dropped. */
  boolean isTerminated() {
    return !worker.isAlive() && terminated;
  }

  private static boolean await(CompletableFuture<Void> done, Duration timeout) {
    try {
      done.get(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (TimeoutException | ExecutionException e) {
      return false;
    }
  }

  private void run() {
    long deadline = System.nanoTime() + scheduleDelayNanos;
    while (!closing) {
      if (!flushRequests.isEmpty()) {
        serveFlushRequests();
        deadline = System.nanoTime() + scheduleDelayNanos;
        continue;
      }
      if (queue.size() >= maxBatchSize) {
        exportBatch();
        continue;
      }
      long now = System.nanoTime();
      if (now - deadline >= 0) {
        exportUpTo(queue.size());
        deadline = System.nanoTime() + scheduleDelayNanos;
        continue;
      }
      needsSignal.set(true);
      // Re-check after announcing we sleep: a producer that filled a batch before seeing the
      // flag is caught here; one that sees the flag unparks us (a permit survives until park).
      if (queue.size() < maxBatchSize && flushRequests.isEmpty() && !closing) {
        LockSupport.parkNanos(this, deadline - now);
      }
      needsSignal.set(false);
      Thread.interrupted(); // an interrupt is no reason to stop; shutdown() is
    }
    while (!abandoned && !queue.isEmpty()) {
      exportBatch();
    }
    terminated = true;
    dropLeftovers();
    try {
      exporter.close();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "TraceKit " + what + " exporter failed to close: " + e);
    }
    CompletableFuture<Void> pending;
    while ((pending = flushRequests.poll()) != null) {
      pending.complete(null);
    }
  }

  private void serveFlushRequests() {
    List<CompletableFuture<Void>> served = new ArrayList<>(2);
    CompletableFuture<Void> request;
    while ((request = flushRequests.poll()) != null) {
      served.add(request);
    }
    // Everything offered before these requests was queued before we took them.
    exportUpTo(queue.size());
    for (CompletableFuture<Void> f : served) {
      f.complete(null);
    }
  }

  private void exportUpTo(int count) {
    int remaining = count;
    while (remaining > 0 && !abandoned) {
      int exported = exportBatch(Math.min(remaining, maxBatchSize));
      if (exported == 0) {
        return;
      }
      remaining -= exported;
    }
  }

  private int exportBatch() {
    return exportBatch(maxBatchSize);
  }

  private int exportBatch(int max) {
    // A fresh list per batch: an exporter may keep what it is given.
    List<T> batch = new ArrayList<>(Math.min(max, Math.max(1, queue.size())));
    T item;
    while (batch.size() < max && (item = queue.poll()) != null) {
      batch.add(item);
    }
    int n = batch.size();
    if (n == 0) {
      return 0;
    }
    long start = System.nanoTime();
    ExportResult result;
    try {
      result = exporter.export(batch);
    } catch (Throwable e) { // the worker must survive any exporter bug
      result = ExportResult.FAILURE;
      logFailure(n, e);
    }
    long took = System.nanoTime() - start;
    if (result == ExportResult.SUCCESS) {
      listener.exported(n, took);
    } else {
      listener.exportFailed(n, took);
    }
    return n;
  }

  /** Drops whatever is queued once the worker is gone; safe to call from any thread. */
  private void dropLeftovers() {
    while (!queue.isEmpty()) {
      if (!leftoverDrain.compareAndSet(false, true)) {
        Thread.onSpinWait();
        continue;
      }
      try {
        int n = 0;
        while (queue.poll() != null) {
          n++;
        }
        if (n > 0) {
          listener.dropped(DropReason.SHUTDOWN, n);
        }
      } finally {
        leftoverDrain.set(false);
      }
    }
  }

  private void logFailure(int count, Throwable e) {
    long now = System.nanoTime();
    if (failureLogged && now - lastFailureLogNanos < LOG_INTERVAL_NANOS) {
      return;
    }
    failureLogged = true;
    lastFailureLogNanos = now;
    LOG.log(
        System.Logger.Level.WARNING,
        "TraceKit dropped a batch of " + count + " " + what + ": the exporter threw " + e
            + ". The drop is counted (reason EXPORT_FAILED); fix the exporter or its endpoint."
            + " Further failures are logged at most once a minute.");
  }
}
