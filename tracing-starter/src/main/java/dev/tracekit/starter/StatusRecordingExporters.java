package dev.tracekit.starter;

import dev.tracekit.core.ExportResult;
import dev.tracekit.core.LogRecordData;
import dev.tracekit.core.LogRecordExporter;
import dev.tracekit.core.SpanData;
import dev.tracekit.core.SpanExporter;
import java.util.Collection;

/** Exporter wrappers that tell {@link ExportStatus} how each export ended. */
final class StatusRecordingExporters {

  private StatusRecordingExporters() {}

  static SpanExporter spans(SpanExporter delegate, ExportStatus status) {
    return new SpanExporter() {
      @Override
      public ExportResult export(Collection<? extends SpanData> spans) {
        ExportResult result = delegate.export(spans);
        status.record(result);
        return result;
      }

      @Override
      public void close() {
        delegate.close();
      }

      @Override
      public String toString() {
        return delegate.toString();
      }
    };
  }

  static LogRecordExporter logs(LogRecordExporter delegate, ExportStatus status) {
    return new LogRecordExporter() {
      @Override
      public ExportResult export(Collection<LogRecordData> logs) {
        ExportResult result = delegate.export(logs);
        status.record(result);
        return result;
      }

      @Override
      public void close() {
        delegate.close();
      }

      @Override
      public String toString() {
        return delegate.toString();
      }
    };
  }
}
