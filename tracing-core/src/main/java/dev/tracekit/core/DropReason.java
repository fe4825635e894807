package dev.tracekit.core;

/** Why telemetry was not delivered; a label of the dropped counters in {@link TraceKitMetrics}. */
public enum DropReason {
  /** The bounded export queue was full when the span ended or the log was emitted. */
  QUEUE_FULL,
  /** The exporter returned {@link ExportResult#FAILURE} or threw; the whole batch is lost. */
  EXPORT_FAILED,
  /** Ended or emitted after shutdown began, or still queued when the shutdown timeout ran out. */
  SHUTDOWN,
  /** No exporter was configured. */
  NO_EXPORTER,
  /**
   * Not a whole span: an attribute, event or link cut from a span by {@link SpanLimits} (the
   * span itself is kept). Counted per item dropped.
   */
  LIMITS;

  /** Whether this reason counts whole spans or logs (all but {@link #LIMITS}). */
  public boolean losesItem() {
    return this != LIMITS;
  }
}
