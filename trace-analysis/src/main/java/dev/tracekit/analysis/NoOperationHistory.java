package dev.tracekit.analysis;

import java.util.Optional;

/** {@link OperationHistory#none()}: one instance, so the analyzer can skip the detector. */
final class NoOperationHistory implements OperationHistory {

  static final NoOperationHistory INSTANCE = new NoOperationHistory();

  private NoOperationHistory() {}

  @Override
  public Optional<OperationLatency> latency(String service, String operation) {
    return Optional.empty();
  }
}
