package dev.tracekit.core;

/** What every span of one {@link TraceKit} shares: configuration and where ended spans go. */
final class TracerSharedState {

  final Sampler sampler;
  final SpanLimits limits;
  final Resource resource;
  final InstrumentationScope scope;
  final TimeSource time;
  final TraceKitMetrics metrics;
  /** Null when no exporter is configured. */
  private final BatchProcessor<SpanData> processor;
  /** A record-only span at least this long is promoted; 0 disables the slow rule. */
  final long slowThresholdNanos;

  TracerSharedState(
      Sampler sampler,
      SpanLimits limits,
      Resource resource,
      InstrumentationScope scope,
      TimeSource time,
      TraceKitMetrics metrics,
      BatchProcessor<SpanData> processor,
      long slowThresholdNanos) {
    this.sampler = sampler;
    this.limits = limits;
    this.resource = resource;
    this.scope = scope;
    this.time = time;
    this.metrics = metrics;
    this.processor = processor;
    this.slowThresholdNanos = slowThresholdNanos;
  }

  /** Hands an ended span that is to be exported to the pipeline. */
  void export(RecordingSpan span) {
    metrics.spanEnded();
    if (processor == null) {
      metrics.spanDropped(DropReason.NO_EXPORTER, 1);
    } else {
      processor.offer(span);
    }
  }
}
