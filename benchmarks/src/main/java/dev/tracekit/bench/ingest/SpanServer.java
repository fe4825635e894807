package dev.tracekit.bench.ingest;

import dev.tracekit.bench.harness.ServerProcess;
import java.io.IOException;
import java.net.URI;

/**
 * A server that ingests and queries spans, seen from the benchmark: how it is reached, what it
 * says it holds, and how its query API is asked and answered.
 */
interface SpanServer extends AutoCloseable {

  /** Label in tables: "TraceKit (memory)", "Zipkin 3.5.1 (mem)"... */
  String label();

  ServerProcess process();

  /** Spans the server reports it stores now. */
  long storedSpans() throws IOException, InterruptedException;

  /** Spans the server reports it received but did not store (refused, dropped, evicted). */
  long droppedSpans() throws IOException, InterruptedException;

  URI traceUri(String traceIdHex);

  /** Spans in a trace-by-id answer. */
  int spansInTrace(byte[] body);

  /** A search: traces with a span of {@code service} carrying {@code tagKey=tagValue}, at least {@code minDurationMs} long, newest {@code limit}. */
  URI searchUri(String service, long minDurationMs, String tagKey, String tagValue, int limit);

  /** Traces in a search answer. */
  int tracesInSearch(byte[] body);

  @Override
  default void close() {
    process().close();
  }
}
