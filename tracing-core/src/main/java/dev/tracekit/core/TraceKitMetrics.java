package dev.tracekit.core;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * TraceKit's own counters, as a plain API that a metrics library (the starter: Micrometer)
 * reads. All counters are monotonic except the queue depths. Thread-safe; updating them costs a
 * {@link LongAdder} increment.
 *
 * <p>Accounting: once shut down, {@code spansEnded() == spansExported() + spansLost()} and
 * {@code logsEmitted() == logsExported() + logsLost()}, exactly.
 *
 * <p>Pass one instance both to {@code TraceKit.Builder#metrics} and to the exporters'
 * {@code listener(...)} so that encoded/wire bytes and retries are counted too.
 */
public final class TraceKitMetrics implements ExportListener {

  /** Upper bounds (inclusive, milliseconds) of the export latency buckets; a last bucket holds the rest. */
  private static final long[] LATENCY_BOUNDS_MILLIS = {
    1, 2, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000
  };
  private static final int REASONS = DropReason.values().length;

  /** Started and dropped by the sampler; "started" is the sum of the three decisions, so a span costs one increment. */
  private final LongAdder spansUnsampled = new LongAdder();
  private final LongAdder spansSampled = new LongAdder();
  private final LongAdder spansRecordOnly = new LongAdder();
  private final LongAdder spansEnded = new LongAdder();
  private final LongAdder spansExported = new LongAdder();
  private final LongAdder spansPromoted = new LongAdder();
  private final LongAdder[] spansDropped = adders(REASONS);
  private final LongAdder attributeValuesTruncated = new LongAdder();
  private final LongAdder logsEmitted = new LongAdder();
  private final LongAdder logsExported = new LongAdder();
  private final LongAdder[] logsDropped = adders(REASONS);
  private final LongAdder batchesExported = new LongAdder();
  private final LongAdder batchesFailed = new LongAdder();
  private final LongAdder encodedBytes = new LongAdder();
  private final LongAdder wireBytes = new LongAdder();
  private final LongAdder exportRetries = new LongAdder();
  private final LongAdder exportCount = new LongAdder();
  private final LongAdder exportTotalNanos = new LongAdder();
  private final AtomicLong exportMaxNanos = new AtomicLong();
  private final AtomicLongArray latencyBuckets = new AtomicLongArray(LATENCY_BOUNDS_MILLIS.length + 1);

  private volatile IntSupplier spanQueueDepth = () -> 0;
  private volatile IntSupplier logQueueDepth = () -> 0;
  /** Spans given to the export pipeline, counted by the pipeline's queue itself. */
  private volatile LongSupplier spansOffered = () -> 0;

  final BatchProcessor.Listener spanListener = new PipelineListener(spansExported, spansDropped);
  final BatchProcessor.Listener logListener = new PipelineListener(logsExported, logsDropped);

  public TraceKitMetrics() {}

  private static LongAdder[] adders(int n) {
    LongAdder[] a = new LongAdder[n];
    for (int i = 0; i < n; i++) {
      a[i] = new LongAdder();
    }
    return a;
  }

  // ---- ExportListener: called by exporters on the exporter thread.

  @Override
  public void onEncoded(int items, long encodedBytes, long wireBytes) {
    this.encodedBytes.add(encodedBytes);
    this.wireBytes.add(wireBytes);
  }

  @Override
  public void onRetry(String reason) {
    exportRetries.increment();
  }

  // ---- Recording, called by the SDK.

  void spanUnsampled() {
    spansUnsampled.increment();
  }

  void spanSampled() {
    spansSampled.increment();
  }

  void spanRecordOnly() {
    spansRecordOnly.increment();
  }

  void spanEnded() {
    spansEnded.increment();
  }

  void spanPromoted() {
    spansPromoted.increment();
  }

  void spanDropped(DropReason reason, int count) {
    spansDropped[reason.ordinal()].add(count);
  }

  void attributeValueTruncated() {
    attributeValuesTruncated.increment();
  }

  void logEmitted() {
    logsEmitted.increment();
  }

  void logDropped(DropReason reason, int count) {
    logsDropped[reason.ordinal()].add(count);
  }

  void bindQueues(IntSupplier spans, IntSupplier logs, LongSupplier offeredSpans) {
    this.spanQueueDepth = spans;
    this.logQueueDepth = logs;
    this.spansOffered = offeredSpans;
  }

  // ---- Reading.

  /** Every span started, recorded or not. */
  public long spansStarted() {
    // Read the decisions' counters, not a counter of its own: one increment per span start.
    return spansUnsampled.sum() + spansRecordOnly.sum() + spansSampled.sum();
  }

  /** Spans started with the sampled flag ({@link SamplingDecision#RECORD_AND_SAMPLE}). */
  public long spansSampled() {
    return spansSampled.sum();
  }

  /** Spans started recording without the sampled flag ({@link SamplingDecision#RECORD_ONLY}). */
  public long spansRecordOnly() {
    return spansRecordOnly.sum();
  }

  /**
   * Spans that ended and were handed to the export pipeline: sampled spans plus promoted
   * record-only spans. Unsampled and discarded record-only spans are not counted.
   */
  public long spansEnded() {
    // Spans the pipeline took are counted by its queue; this adder only counts the rest.
    return spansEnded.sum() + spansOffered.getAsLong();
  }

  /** Spans the exporter acknowledged. */
  public long spansExported() {
    return spansExported.sum();
  }

  /** Record-only spans exported because they ended with an error, slowly, or above a promoted span. */
  public long spansPromoted() {
    return spansPromoted.sum();
  }

  /**
   * Spans dropped for {@code reason}. For {@link DropReason#LIMITS} this is the number of
   * attributes, events and links cut from spans that were kept, not a number of spans; cuts
   * made after a span started are counted once the span has ended and its data is made (by the
   * exporter, or at the end when no exporter is configured).
   */
  public long spansDropped(DropReason reason) {
    return spansDropped[reason.ordinal()].sum();
  }

  /** Whole spans lost: the sum of {@link #spansDropped} over every reason but LIMITS. */
  public long spansLost() {
    return lost(spansDropped);
  }

  /**
   * String attribute values (of spans and events, alone or in lists) cut to
   * {@link SpanLimits#maxAttributeValueLength()}; the attribute itself is kept.
   */
  public long attributeValuesTruncated() {
    return attributeValuesTruncated.sum();
  }

  /** Log records given to {@link LogEmitter#emit}. */
  public long logsEmitted() {
    return logsEmitted.sum();
  }

  public long logsExported() {
    return logsExported.sum();
  }

  public long logsDropped(DropReason reason) {
    return logsDropped[reason.ordinal()].sum();
  }

  /** Whole log records lost, over every reason. */
  public long logsLost() {
    return lost(logsDropped);
  }

  /** Batches (spans and logs) the exporters acknowledged. */
  public long batchesExported() {
    return batchesExported.sum();
  }

  /** Batches (spans and logs) that failed and were dropped. */
  public long batchesFailed() {
    return batchesFailed.sum();
  }

  /** Bytes of encoded payload before compression, as exporters reported them. */
  public long encodedBytes() {
    return encodedBytes.sum();
  }

  /** Bytes sent on the wire after compression, as exporters reported them. */
  public long wireBytes() {
    return wireBytes.sum();
  }

  /** Export attempts that failed and were retried. */
  public long exportRetries() {
    return exportRetries.sum();
  }

  /** Number of export calls timed (successful or not). */
  public long exportCount() {
    return exportCount.sum();
  }

  /** Total time spent in export calls, nanoseconds. */
  public long exportTotalNanos() {
    return exportTotalNanos.sum();
  }

  /** The longest export call, nanoseconds. */
  public long exportMaxNanos() {
    return exportMaxNanos.get();
  }

  /** Upper bounds in milliseconds of the latency buckets; see {@link #exportLatencyBucketCounts()}. */
  public static long[] exportLatencyBucketBoundsMillis() {
    return LATENCY_BOUNDS_MILLIS.clone();
  }

  /**
   * Export calls per latency bucket (not cumulative): element {@code i} counts calls of at most
   * {@code bounds[i]} ms (and more than {@code bounds[i-1]}); the last element counts the rest.
   */
  public long[] exportLatencyBucketCounts() {
    long[] counts = new long[latencyBuckets.length()];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = latencyBuckets.get(i);
    }
    return counts;
  }

  /** Spans waiting in the export queue now. */
  public int queueDepth() {
    return spanQueueDepth.getAsInt();
  }

  /** Log records waiting in the export queue now. */
  public int logQueueDepth() {
    return logQueueDepth.getAsInt();
  }

  private static long lost(LongAdder[] dropped) {
    long sum = 0;
    for (DropReason r : DropReason.values()) {
      if (r.losesItem()) {
        sum += dropped[r.ordinal()].sum();
      }
    }
    return sum;
  }

  private void recordLatency(long nanos) {
    exportCount.increment();
    exportTotalNanos.add(nanos);
    exportMaxNanos.accumulateAndGet(nanos, Math::max);
    long millisCeil = (nanos + 999_999) / 1_000_000;
    int i = 0;
    while (i < LATENCY_BOUNDS_MILLIS.length && millisCeil > LATENCY_BOUNDS_MILLIS[i]) {
      i++;
    }
    latencyBuckets.incrementAndGet(i);
  }

  @Override
  public String toString() {
    return "TraceKitMetrics{spansStarted=" + spansStarted()
        + ", spansSampled=" + spansSampled()
        + ", spansEnded=" + spansEnded()
        + ", spansExported=" + spansExported()
        + ", spansLost=" + spansLost()
        + ", spansPromoted=" + spansPromoted()
        + ", logsEmitted=" + logsEmitted()
        + ", logsExported=" + logsExported()
        + ", logsLost=" + logsLost()
        + ", queueDepth=" + queueDepth() + "}";
  }

  /** Counts what one pipeline (spans or logs) reports. */
  private final class PipelineListener implements BatchProcessor.Listener {
    private final LongAdder exported;
    private final LongAdder[] dropped;

    PipelineListener(LongAdder exported, LongAdder[] dropped) {
      this.exported = exported;
      this.dropped = dropped;
    }

    @Override
    public void dropped(DropReason reason, int count) {
      dropped[reason.ordinal()].add(count);
    }

    @Override
    public void exported(int count, long exportNanos) {
      exported.add(count);
      batchesExported.increment();
      recordLatency(exportNanos);
    }

    @Override
    public void exportFailed(int count, long exportNanos) {
      dropped[DropReason.EXPORT_FAILED.ordinal()].add(count);
      batchesFailed.increment();
      recordLatency(exportNanos);
    }
  }
}
