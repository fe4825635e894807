package dev.tracekit.core;

import java.util.Collection;

/** Where batches of log records go; the log counterpart of {@link SpanExporter}. */
public interface LogRecordExporter extends AutoCloseable {

  ExportResult export(Collection<LogRecordData> logs);

  @Override
  default void close() {}
}
