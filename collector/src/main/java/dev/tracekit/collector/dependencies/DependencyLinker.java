package dev.tracekit.collector.dependencies;

import dev.tracekit.core.SpanData;
import java.util.List;

/**
 * Turns traces into service-graph edges. {@code /api/dependencies} feeds it the traces of a time
 * window one at a time (the store streams them) and then asks for the edges. An implementation
 * holds per-edge aggregates, not the traces.
 */
public interface DependencyLinker {

  /** A fresh aggregation for one request; not shared between threads. */
  Aggregation newAggregation();

  /** Accumulates edges over traces. */
  interface Aggregation {

    /** Adds the edges found in one trace's spans. */
    void addTrace(List<SpanData> spans);

    /** The edges so far, sorted by parent then child. */
    List<DependencyLink> links();
  }
}
