package dev.tracekit.core;

/** Records what the delegate drops, so errors and slow spans can still be exported. */
final class PrioritySampler implements Sampler {

  private final Sampler delegate;

  PrioritySampler(Sampler delegate) {
    this.delegate = delegate;
  }

  @Override
  public SamplingDecision shouldSample(
      Context parent, long traceIdHigh, long traceIdLow, String name, SpanKind kind) {
    SamplingDecision d = delegate.shouldSample(parent, traceIdHigh, traceIdLow, name, kind);
    return d == SamplingDecision.DROP ? SamplingDecision.RECORD_ONLY : d;
  }

  @Override
  public String toString() {
    return "keepingErrorsAndSlow(" + delegate + ")";
  }
}
