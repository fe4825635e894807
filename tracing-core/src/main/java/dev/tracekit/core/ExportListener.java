package dev.tracekit.core;

/**
 * Receives what an exporter measures about its own work, so the pipeline's self-metrics can
 * count bytes and retries without knowing the transport. Called on the exporter thread.
 */
public interface ExportListener {

  ExportListener NOOP = new ExportListener() {};

  /** A batch of {@code items} was encoded to {@code encodedBytes}, then compressed to {@code wireBytes}. */
  default void onEncoded(int items, long encodedBytes, long wireBytes) {}

  /** An attempt failed and will be retried; {@code reason} is short, e.g. "503" or "connect". */
  default void onRetry(String reason) {}
}
