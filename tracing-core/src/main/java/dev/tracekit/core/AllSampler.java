package dev.tracekit.core;

import java.util.Arrays;
import java.util.Objects;

/** The least decision of several samplers, asked in order, stopping at the first drop. */
final class AllSampler implements Sampler {

  private final Sampler[] samplers;

  AllSampler(Sampler[] samplers) {
    if (samplers.length == 0) {
      throw new IllegalArgumentException("all() needs at least one sampler");
    }
    this.samplers = samplers.clone();
    for (Sampler s : this.samplers) {
      Objects.requireNonNull(s, "sampler");
    }
  }

  @Override
  public SamplingDecision shouldSample(
      Context parent, long traceIdHigh, long traceIdLow, String name, SpanKind kind) {
    SamplingDecision least = SamplingDecision.RECORD_AND_SAMPLE;
    for (Sampler s : samplers) {
      SamplingDecision d = s.shouldSample(parent, traceIdHigh, traceIdLow, name, kind);
      if (d == SamplingDecision.DROP) {
        return d;
      }
      if (d.compareTo(least) < 0) {
        least = d;
      }
    }
    return least;
  }

  @Override
  public String toString() {
    return "all" + Arrays.toString(samplers);
  }
}
