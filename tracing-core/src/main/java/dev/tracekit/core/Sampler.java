package dev.tracekit.core;

import java.util.Objects;

/**
 * Decides, when a span starts, whether it is recorded and sampled. Called on the application
 * thread for every span: implementations must be fast, thread-safe and never block.
 *
 * <p>A typical head-sampling setup: {@code parentBased(all(traceIdRatio(0.1),
 * rateLimiting(100)))} — follow the caller's decision; for new traces keep 10 % of trace ids,
 * at most 100 new traces per second. Wrap it in {@link #keepingErrorsAndSlow} to also export
 * error and slow spans of the traces it drops.
 */
public interface Sampler {

  /**
   * Decides for a span about to start.
   *
   * @param parent the context holding the parent span ({@link Span#invalid()} for a new trace)
   * @param traceIdHigh the high half of the span's trace id (the parent's, or a new one)
   * @param traceIdLow the low half; its low 56 bits are random (W3C Level 2)
   * @param name the span name
   * @param kind the span kind
   */
  SamplingDecision shouldSample(
      Context parent, long traceIdHigh, long traceIdLow, String name, SpanKind kind);

  /** Records and samples every span. */
  static Sampler alwaysOn() {
    return FixedSampler.ALWAYS_ON;
  }

  /** Drops every span. */
  static Sampler alwaysOff() {
    return FixedSampler.ALWAYS_OFF;
  }

  /**
   * Samples a fraction {@code ratio} (0..1) of trace ids, deciding on the low 56 bits of the
   * trace id only: every service with the same ratio makes the same decision for a trace, and
   * a service with a higher ratio keeps every trace a lower ratio keeps.
   */
  static Sampler traceIdRatio(double ratio) {
    return new TraceIdRatioSampler(ratio);
  }

  /**
   * Follows the parent: a remote parent's sampled flag decides (sampled → sample, unsampled →
   * drop); a local parent's state is copied (sampled → sample, recording only → record only,
   * no-op → drop). A span without a parent asks {@code root}.
   */
  static Sampler parentBased(Sampler root) {
    return new ParentBasedSampler(Objects.requireNonNull(root, "root"));
  }

  /**
   * Samples at most {@code perSecond} spans per second on average, with bursts up to one
   * second's worth (at least one), using a lock-free token bucket. Every call takes a token;
   * use it as the root sampler of {@link #parentBased} to limit new traces only.
   */
  static Sampler rateLimiting(double perSecond) {
    return new RateLimitingSampler(perSecond, System::nanoTime);
  }

  /**
   * Asks each sampler in order and keeps the least of their decisions; stops at the first
   * {@link SamplingDecision#DROP}, so later samplers (a rate limiter) only see what the earlier
   * ones kept.
   */
  static Sampler all(Sampler... samplers) {
    return new AllSampler(samplers);
  }

  /**
   * Turns {@code delegate}'s {@link SamplingDecision#DROP} into
   * {@link SamplingDecision#RECORD_ONLY}: dropped spans are recorded (which costs what a sampled
   * span costs) and exported only if they end with an error or slower than the slow threshold,
   * or if a span under them in the same process was promoted. See the module README.
   */
  static Sampler keepingErrorsAndSlow(Sampler delegate) {
    return new PrioritySampler(Objects.requireNonNull(delegate, "delegate"));
  }
}
