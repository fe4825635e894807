package dev.tracekit.analysis;

/** The problems the analysis detects, and what each one's time at stake means. */
public enum FindingType {
  /**
   * The same statement shape (literals and IN-lists parameterized) run again and again, one
   * after another, under one parent. Time at stake: the repeated queries' total duration.
   */
  N_PLUS_ONE,
  /**
   * Sibling HTTP/RPC client calls that ran one after another with nothing in the trace showing
   * that one needs another's result. Time at stake: what running them in parallel would save
   * (the sum of their durations minus the longest).
   */
  SEQUENTIAL_CALLS,
  /**
   * The same operation to the same peer attempted again and again after failures. Time at
   * stake: from the first attempt's start to the last attempt's start.
   */
  EXCESSIVE_RETRIES,
  /**
   * A client call much longer than the server span that handled it. Time at stake: client
   * duration minus server duration.
   */
  SLOW_NETWORK,
  /**
   * A span longer than the 99th percentile of its operation in stored history. Time at stake:
   * how far it went over the p99.
   */
  SLOW_SPAN,
  /**
   * A database statement that took at least the slow-query threshold, however often it ran
   * before. Time at stake: the slow executions' total duration.
   */
  SLOW_QUERY,
  /**
   * A span that failed while none of its children did: where an error started. Time at stake:
   * the failed spans' duration.
   */
  ERROR
}
