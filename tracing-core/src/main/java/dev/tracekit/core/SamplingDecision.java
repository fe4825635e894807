package dev.tracekit.core;

/**
 * What a {@link Sampler} decided for a new span. Ordered from least to most kept, so a
 * composition can take the minimum.
 */
public enum SamplingDecision {
  /** Not recorded, not sampled: the span is a no-op that only carries its context. */
  DROP,
  /**
   * Recorded locally without the sampled flag (downstream sees {@code sampled=0}). Exported only
   * if it is promoted when it ends: it ended with {@link StatusCode#ERROR}, it took at least the
   * slow threshold ({@code TraceKit.Builder#slowThreshold}), or a span under it was promoted
   * and it is its local ancestor. Otherwise it is discarded when it ends.
   */
  RECORD_ONLY,
  /** Recorded, sampled flag set, exported when it ends. */
  RECORD_AND_SAMPLE;

  /** Whether the span records attributes and events. */
  public boolean isRecording() {
    return this != DROP;
  }

  /** Whether the sampled flag is set. */
  public boolean isSampled() {
    return this == RECORD_AND_SAMPLE;
  }
}
