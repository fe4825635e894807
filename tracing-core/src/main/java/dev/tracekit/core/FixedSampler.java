package dev.tracekit.core;

/** Always the same decision. */
final class FixedSampler implements Sampler {

  static final FixedSampler ALWAYS_ON = new FixedSampler(SamplingDecision.RECORD_AND_SAMPLE);
  static final FixedSampler ALWAYS_OFF = new FixedSampler(SamplingDecision.DROP);

  private final SamplingDecision decision;

  private FixedSampler(SamplingDecision decision) {
    this.decision = decision;
  }

  @Override
  public SamplingDecision shouldSample(
      Context parent, long traceIdHigh, long traceIdLow, String name, SpanKind kind) {
    return decision;
  }

  @Override
  public String toString() {
    return this == ALWAYS_ON ? "alwaysOn" : "alwaysOff";
  }
}
