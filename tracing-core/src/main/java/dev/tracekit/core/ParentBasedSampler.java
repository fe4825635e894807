package dev.tracekit.core;

/** Follows the parent's decision; asks the root sampler only for new traces. */
final class ParentBasedSampler implements Sampler {

  private final Sampler root;

  ParentBasedSampler(Sampler root) {
    this.root = root;
  }

  @Override
  public SamplingDecision shouldSample(
      Context parent, long traceIdHigh, long traceIdLow, String name, SpanKind kind) {
    Span parentSpan = parent.span();
    TraceContext pc = parentSpan.context();
    if (!pc.isValid()) {
      return root.shouldSample(parent, traceIdHigh, traceIdLow, name, kind);
    }
    if (pc.isSampled()) {
      return SamplingDecision.RECORD_AND_SAMPLE;
    }
    // A remote parent's unsampled flag means drop; a local parent may be recording only.
    return !pc.isRemote() && parentSpan.isRecording()
        ? SamplingDecision.RECORD_ONLY
        : SamplingDecision.DROP;
  }

  @Override
  public String toString() {
    return "parentBased(" + root + ")";
  }
}
