package dev.tracekit.analysis;

import java.util.Optional;

/**
 * Latency of an operation in stored history, for the slow-span detector. The collector's store
 * implements it; the analyzer asks once per distinct (service, operation) of a trace.
 */
@FunctionalInterface
public interface OperationHistory {

  /**
   * The stored latency of spans named {@code operation} in {@code service}, or empty when the
   * store has none. Exceptions propagate to the caller of {@link TraceAnalyzer#analyze}.
   */
  Optional<OperationLatency> latency(String service, String operation);

  /** No history: the slow-span detector stays silent. */
  static OperationHistory none() {
    return NoOperationHistory.INSTANCE;
  }
}
