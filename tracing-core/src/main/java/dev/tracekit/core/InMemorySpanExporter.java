package dev.tracekit.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Keeps exported spans in memory, for tests and the demo's terminal printout. Thread-safe.
 * Holds at most {@code maxSpans}; beyond that it fails the batch (which the pipeline counts as
 * {@link DropReason#EXPORT_FAILED}) rather than grow without bound.
 */
public final class InMemorySpanExporter implements SpanExporter {

  private final int maxSpans;
  private final List<SpanData> spans = new ArrayList<>();
  private boolean closed;

  private InMemorySpanExporter(int maxSpans) {
    this.maxSpans = maxSpans;
  }

  /** An exporter that keeps up to 100 000 spans. */
  public static InMemorySpanExporter create() {
    return new InMemorySpanExporter(100_000);
  }

  public static InMemorySpanExporter create(int maxSpans) {
    if (maxSpans < 0) {
      throw new IllegalArgumentException("maxSpans must be >= 0, was " + maxSpans);
    }
    return new InMemorySpanExporter(maxSpans);
  }

  @Override
  public synchronized ExportResult export(Collection<? extends SpanData> batch) {
    if (closed || spans.size() + batch.size() > maxSpans) {
      return ExportResult.FAILURE;
    }
    spans.addAll(batch);
    return ExportResult.SUCCESS;
  }

  /** A copy of the spans exported so far, in export order. */
  public synchronized List<SpanData> spans() {
    return List.copyOf(spans);
  }

  /** Forgets the spans exported so far. */
  public synchronized void reset() {
    spans.clear();
  }

  public synchronized boolean isClosed() {
    return closed;
  }

  @Override
  public synchronized void close() {
    closed = true;
  }
}
