package dev.tracekit.starter;

import dev.tracekit.core.ExportListener;
import dev.tracekit.core.ExportResult;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the exporters' recent batches did: how many failed in a row, when the last one
 * succeeded, and the last failure reason an exporter reported. The health indicator reads it;
 * the auto-configured exporters write it (from their exporter threads).
 */
public final class ExportStatus implements ExportListener {

  private final AtomicLong consecutiveFailures = new AtomicLong();
  private final AtomicReference<Instant> lastSuccess = new AtomicReference<>();
  private final AtomicReference<String> lastError = new AtomicReference<>();

  /** Records how one export call ended. */
  public void record(ExportResult result) {
    if (result == ExportResult.SUCCESS) {
      consecutiveFailures.set(0);
      lastSuccess.set(Instant.now());
    } else {
      consecutiveFailures.incrementAndGet();
    }
  }

  @Override
  public void onRetry(String reason) {
    lastError.set(reason);
  }

  /** Export calls that failed since the last one that succeeded. */
  public long consecutiveFailures() {
    return consecutiveFailures.get();
  }

  /** When an export last succeeded, or null if none has. */
  public Instant lastSuccess() {
    return lastSuccess.get();
  }

  /** The last failure reason an exporter reported (e.g. "503", "connect"), or null. */
  public String lastError() {
    return lastError.get();
  }
}
