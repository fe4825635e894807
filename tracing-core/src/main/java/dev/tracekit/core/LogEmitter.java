package dev.tracekit.core;

/**
 * Hands log records to the export pipeline ({@link TraceKit#logs()}). Thread-safe; never
 * blocks the caller: when the queue is full the record is dropped and counted.
 */
public final class LogEmitter {

  private final TraceKitMetrics metrics;
  /** Null when no log exporter is configured. */
  private final BatchProcessor<LogRecordData> processor;

  LogEmitter(TraceKitMetrics metrics, BatchProcessor<LogRecordData> processor) {
    this.metrics = metrics;
    this.processor = processor;
  }

  /**
   * Queues {@code log} for export. Returns false if it was dropped (queue full, shut down, or no
   * log exporter configured); every drop is counted in {@link TraceKitMetrics#logsDropped}.
   */
  public boolean emit(LogRecordData log) {
    if (log == null) {
      return false;
    }
    metrics.logEmitted();
    if (processor == null) {
      metrics.logDropped(DropReason.NO_EXPORTER, 1);
      return false;
    }
    return processor.offer(log);
  }

  /** Whether a log exporter is configured (if not, {@link #emit} only counts). */
  public boolean isEnabled() {
    return processor != null;
  }
}
