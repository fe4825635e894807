package dev.tracekit.core;

/** What every span of one {@link TraceKit} shares: configuration and where ended spans go. */
final class TracerSharedState {

  final Sampler sampler;
  final SpanLimits limits;
  final Resource resource;
  final InstrumentationScope scope;
  final TimeSource time;
  final EpochAnchor epochAnchor;
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
    this.epochAnchor = new EpochAnchor(time);
    this.metrics = metrics;
    this.processor = processor;
    this.slowThresholdNanos = slowThresholdNanos;
  }

  /** Hands an ended span that is to be exported to the pipeline. */
  void export(RecordingSpan span) {
    if (processor == null) {
      metrics.spanEnded();
      metrics.spanDropped(DropReason.NO_EXPORTER, 1);
      span.applyLimits(); // what the limits cut is counted when the data is made: make it now
    } else {
      processor.offer(span); // the processor counts what it is offered
    }
  }
}
