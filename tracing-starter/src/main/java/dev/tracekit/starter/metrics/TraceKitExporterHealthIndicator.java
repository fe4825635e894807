package dev.tracekit.starter.metrics;

import dev.tracekit.core.TraceKitMetrics;
import dev.tracekit.starter.ExportStatus;
import java.time.Instant;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Reports the exporter DOWN when its recent exports all failed (the last
 * {@value #FAILURES_FOR_DOWN} or more in a row, none succeeding since), UP otherwise, with
 * what was exported and dropped and the last failure reason.
 */
public final class TraceKitExporterHealthIndicator implements HealthIndicator {

  /** Failed exports in a row that make the exporter DOWN; fewer may be a blip. */
  public static final int FAILURES_FOR_DOWN = 3;

  private final ExportStatus status;
  private final TraceKitMetrics metrics;

  public TraceKitExporterHealthIndicator(ExportStatus status, TraceKitMetrics metrics) {
    this.status = status;
    this.metrics = metrics;
  }

  @Override
  public Health health() {
    long failures = status.consecutiveFailures();
    Health.Builder builder = failures >= FAILURES_FOR_DOWN ? Health.down() : Health.up();
    builder
        .withDetail("consecutiveFailures", failures)
        .withDetail("spansExported", metrics.spansExported())
        .withDetail("spansDropped", metrics.spansLost())
        .withDetail("logsExported", metrics.logsExported())
        .withDetail("logsDropped", metrics.logsLost());
    Instant lastSuccess = status.lastSuccess();
    if (lastSuccess != null) {
      builder.withDetail("lastSuccess", lastSuccess.toString());
    }
    String lastError = status.lastError();
    if (lastError != null) {
      builder.withDetail("lastError", lastError);
    }
    return builder.build();
  }
}
