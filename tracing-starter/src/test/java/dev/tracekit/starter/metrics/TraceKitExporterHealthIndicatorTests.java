package dev.tracekit.starter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.core.ExportResult;
import dev.tracekit.core.TraceKitMetrics;
import dev.tracekit.starter.ExportStatus;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class TraceKitExporterHealthIndicatorTests {

  private final ExportStatus status = new ExportStatus();
  private final TraceKitExporterHealthIndicator indicator =
      new TraceKitExporterHealthIndicator(status, new TraceKitMetrics());

  @Test
  void upBeforeAnyExport() {
    assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
  }

  @Test
  void aFewFailuresAreABlipNotAnOutage() {
    status.record(ExportResult.FAILURE);
    status.record(ExportResult.FAILURE);
    assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
  }

  @Test
  void downWhenEveryRecentExportFailed() {
    status.record(ExportResult.SUCCESS);
    status.onRetry("503");
    for (int i = 0; i < TraceKitExporterHealthIndicator.FAILURES_FOR_DOWN; i++) {
      status.record(ExportResult.FAILURE);
    }
    Health health = indicator.health();
    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat(health.getDetails())
        .containsEntry("consecutiveFailures", (long) TraceKitExporterHealthIndicator.FAILURES_FOR_DOWN)
        .containsEntry("lastError", "503")
        .containsKeys("spansExported", "spansDropped", "logsExported", "logsDropped", "lastSuccess");
  }

  @Test
  void oneSuccessBringsItBackUp() {
    for (int i = 0; i < 10; i++) {
      status.record(ExportResult.FAILURE);
    }
    status.record(ExportResult.SUCCESS);
    assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
  }
}
