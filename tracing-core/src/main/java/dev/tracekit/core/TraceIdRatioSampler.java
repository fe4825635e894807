package dev.tracekit.core;

/**
 * Samples by comparing the 56 random bits of the trace id with a threshold, as OpenTelemetry's
 * consistent probability sampling does: keep when {@code randomness >= (1 - ratio) * 2^56}.
 * Deterministic, so every service agrees without coordination.
 */
final class TraceIdRatioSampler implements Sampler {

  private static final long RANDOM_BITS_MASK = 0x00FF_FFFF_FFFF_FFFFL;
  private static final double TWO_POW_56 = 0x1p56;

  private final double ratio;
  /** Rejection threshold in 0..2^56: 0 keeps everything, 2^56 nothing. */
  private final long threshold;

  TraceIdRatioSampler(double ratio) {
    if (!(ratio >= 0.0 && ratio <= 1.0)) {
      throw new IllegalArgumentException("ratio must be between 0 and 1, was " + ratio);
    }
    this.ratio = ratio;
    this.threshold = Math.round((1.0 - ratio) * TWO_POW_56);
  }

  @Override
  public SamplingDecision shouldSample(
      Context parent, long traceIdHigh, long traceIdLow, String name, SpanKind kind) {
    return (traceIdLow & RANDOM_BITS_MASK) >= threshold
        ? SamplingDecision.RECORD_AND_SAMPLE
        : SamplingDecision.DROP;
  }

  @Override
  public String toString() {
    return "traceIdRatio(" + ratio + ")";
  }
}
