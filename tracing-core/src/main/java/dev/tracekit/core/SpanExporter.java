package dev.tracekit.core;

import java.util.Collection;

/**
 * Where batches of finished spans go. Called from the exporter thread only, never from an
 * application thread; implementations may block (network I/O) but must return.
 */
public interface SpanExporter extends AutoCloseable {

  ExportResult export(Collection<? extends SpanData> spans);

  /** Releases resources. Called once, after the last export. */
  @Override
  default void close() {}
}
