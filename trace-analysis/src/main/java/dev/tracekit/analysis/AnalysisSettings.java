package dev.tracekit.analysis;

import java.time.Duration;
import java.util.Objects;

/**
 * Thresholds of the trace analysis. Immutable; {@link #defaults()} holds the documented
 * defaults, {@link #builder()} changes some of them. Durations are kept to the microsecond.
 */
public final class AnalysisSettings {

  private static final AnalysisSettings DEFAULTS = builder().build();

  private final int nPlusOneMinRepeats;
  private final long nPlusOneMinTotalMicros;
  private final int sequentialMinCalls;
  private final long sequentialMaxGapMicros;
  private final long sequentialMinSavedMicros;
  private final int retryMinAttempts;
  private final long slowNetworkMinGapMicros;
  private final double slowNetworkMinRatio;
  private final int slowSpanMinSamples;
  private final long slowQueryMinDurationMicros;
  private final long warningMicros;
  private final long criticalMicros;
  private final int maxFindings;
  private final int maxSpanIdsPerFinding;

  private AnalysisSettings(Builder b) {
    this.nPlusOneMinRepeats = b.nPlusOneMinRepeats;
    this.nPlusOneMinTotalMicros = b.nPlusOneMinTotalMicros;
    this.sequentialMinCalls = b.sequentialMinCalls;
    this.sequentialMaxGapMicros = b.sequentialMaxGapMicros;
    this.sequentialMinSavedMicros = b.sequentialMinSavedMicros;
    this.retryMinAttempts = b.retryMinAttempts;
    this.slowNetworkMinGapMicros = b.slowNetworkMinGapMicros;
    this.slowNetworkMinRatio = b.slowNetworkMinRatio;
    this.slowSpanMinSamples = b.slowSpanMinSamples;
    this.slowQueryMinDurationMicros = b.slowQueryMinDurationMicros;
    this.warningMicros = b.warningMicros;
    this.criticalMicros = b.criticalMicros;
    this.maxFindings = b.maxFindings;
    this.maxSpanIdsPerFinding = b.maxSpanIdsPerFinding;
  }

  public static AnalysisSettings defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** N+1: how many times one statement shape must repeat under one parent (default 5). */
  public int nPlusOneMinRepeats() {
    return nPlusOneMinRepeats;
  }

  /** N+1: the repeated queries must take more than this in total (default 50 ms). */
  public Duration nPlusOneMinTotal() {
    return micros(nPlusOneMinTotalMicros);
  }

  /** Sequential calls: how many back-to-back sibling client calls make a finding (default 3). */
  public int sequentialMinCalls() {
    return sequentialMinCalls;
  }

  /**
   * Sequential calls: the longest idle gap between one call's end and the next call's start
   * (default 50 ms). A longer pause suggests the caller works on the previous result first.
   */
  public Duration sequentialMaxGap() {
    return micros(sequentialMaxGapMicros);
  }

  /** Sequential calls: report only when running them in parallel saves at least this (default 20 ms). */
  public Duration sequentialMinSaved() {
    return micros(sequentialMinSavedMicros);
  }

  /** Retries: attempts of one operation in a row, each after a failed one, that make a finding (default 3). */
  public int retryMinAttempts() {
    return retryMinAttempts;
  }

  /** Slow network: the client span must outlast its server span by at least this (default 100 ms). */
  public Duration slowNetworkMinGap() {
    return micros(slowNetworkMinGapMicros);
  }

  /** Slow network: the client span must last at least this many times its server span (default 2.0). */
  public double slowNetworkMinRatio() {
    return slowNetworkMinRatio;
  }

  /** Slow span: stored samples an operation needs before its p99 is trusted (default 20). */
  public int slowSpanMinSamples() {
    return slowSpanMinSamples;
  }

  /** Slow query: how long one database statement must take to be reported (default 100 ms). */
  public Duration slowQueryMinDuration() {
    return micros(slowQueryMinDurationMicros);
  }

  /** A finding with at least this much time at stake is a WARNING (default 100 ms). */
  public Duration warningThreshold() {
    return micros(warningMicros);
  }

  /**
   * A finding with at least this much time at stake is CRITICAL (default 1 s); so is one at or
   * over the warning threshold that holds half of the trace's duration or more.
   */
  public Duration criticalThreshold() {
    return micros(criticalMicros);
  }

  /** Findings kept per trace, largest time at stake first (default 100); the rest are counted. */
  public int maxFindings() {
    return maxFindings;
  }

  /** Span ids listed per finding (default 100); a finding always carries the full span count. */
  public int maxSpanIdsPerFinding() {
    return maxSpanIdsPerFinding;
  }

  long nPlusOneMinTotalMicros() {
    return nPlusOneMinTotalMicros;
  }

  long sequentialMaxGapMicros() {
    return sequentialMaxGapMicros;
  }

  long sequentialMinSavedMicros() {
    return sequentialMinSavedMicros;
  }

  long slowNetworkMinGapMicros() {
    return slowNetworkMinGapMicros;
  }

  long warningMicros() {
    return warningMicros;
  }

  long slowQueryMinDurationMicros() {
    return slowQueryMinDurationMicros;
  }

  long criticalMicros() {
    return criticalMicros;
  }

  private static Duration micros(long micros) {
    return Duration.ofNanos(micros * 1_000);
  }

  /** Collects settings; every value starts at its default. */
  public static final class Builder {
    private int nPlusOneMinRepeats = 5;
    private long nPlusOneMinTotalMicros = 50_000;
    private int sequentialMinCalls = 3;
    private long sequentialMaxGapMicros = 50_000;
    private long sequentialMinSavedMicros = 20_000;
    private int retryMinAttempts = 3;
    private long slowNetworkMinGapMicros = 100_000;
    private double slowNetworkMinRatio = 2.0;
    private int slowSpanMinSamples = 20;
    private long slowQueryMinDurationMicros = 100_000;
    private long warningMicros = 100_000;
    private long criticalMicros = 1_000_000;
    private int maxFindings = 100;
    private int maxSpanIdsPerFinding = 100;

    private Builder() {}

    public Builder nPlusOneMinRepeats(int repeats) {
      this.nPlusOneMinRepeats = atLeast(repeats, 2, "nPlusOneMinRepeats");
      return this;
    }

    public Builder nPlusOneMinTotal(Duration total) {
      this.nPlusOneMinTotalMicros = toMicros(total, "nPlusOneMinTotal");
      return this;
    }

    public Builder sequentialMinCalls(int calls) {
      this.sequentialMinCalls = atLeast(calls, 2, "sequentialMinCalls");
      return this;
    }

    public Builder sequentialMaxGap(Duration gap) {
      this.sequentialMaxGapMicros = toMicros(gap, "sequentialMaxGap");
      return this;
    }

    public Builder sequentialMinSaved(Duration saved) {
      this.sequentialMinSavedMicros = toMicros(saved, "sequentialMinSaved");
      return this;
    }

    public Builder retryMinAttempts(int attempts) {
      this.retryMinAttempts = atLeast(attempts, 2, "retryMinAttempts");
      return this;
    }

    public Builder slowNetworkMinGap(Duration gap) {
      this.slowNetworkMinGapMicros = toMicros(gap, "slowNetworkMinGap");
      return this;
    }

    public Builder slowNetworkMinRatio(double ratio) {
      if (!(ratio >= 1.0) || Double.isInfinite(ratio)) {
        throw new IllegalArgumentException("slowNetworkMinRatio must be a number >= 1.0, was " + ratio);
      }
      this.slowNetworkMinRatio = ratio;
      return this;
    }

    public Builder slowSpanMinSamples(int samples) {
      this.slowSpanMinSamples = atLeast(samples, 1, "slowSpanMinSamples");
      return this;
    }

    public Builder slowQueryMinDuration(Duration duration) {
      long micros = toMicros(duration, "slowQueryMinDuration");
      if (micros == 0) {
        // Zero would report every statement.
        throw new IllegalArgumentException("slowQueryMinDuration must be at least 1 microsecond, was " + duration);
      }
      this.slowQueryMinDurationMicros = micros;
      return this;
    }

    public Builder warningThreshold(Duration threshold) {
      this.warningMicros = toMicros(threshold, "warningThreshold");
      return this;
    }

    public Builder criticalThreshold(Duration threshold) {
      this.criticalMicros = toMicros(threshold, "criticalThreshold");
      return this;
    }

    public Builder maxFindings(int max) {
      this.maxFindings = atLeast(max, 1, "maxFindings");
      return this;
    }

    public Builder maxSpanIdsPerFinding(int max) {
      this.maxSpanIdsPerFinding = atLeast(max, 1, "maxSpanIdsPerFinding");
      return this;
    }

    /** The settings; fails when the critical threshold is below the warning threshold. */
    public AnalysisSettings build() {
      if (criticalMicros < warningMicros) {
        throw new IllegalArgumentException(
            "criticalThreshold (" + criticalMicros + " us) must not be below warningThreshold ("
                + warningMicros + " us)");
      }
      return new AnalysisSettings(this);
    }

    private static int atLeast(int value, int min, String name) {
      if (value < min) {
        throw new IllegalArgumentException(name + " must be >= " + min + ", was " + value);
      }
      return value;
    }

    private static long toMicros(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative, was " + d);
      }
      try {
        return Math.addExact(Math.multiplyExact(d.getSeconds(), 1_000_000L), d.getNano() / 1_000);
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException(name + " is too large: " + d, e);
      }
    }
  }
}
