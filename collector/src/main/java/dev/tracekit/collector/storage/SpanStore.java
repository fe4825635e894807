package dev.tracekit.collector.storage;

import dev.tracekit.core.LogRecordData;
import dev.tracekit.core.SpanData;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where the collector keeps spans and logs. Writes come from one thread only (the ingest
 * pipeline's writer); reads come from any number of threads at once and may block (the query
 * API calls them on a bounded worker pool, never on an event-loop thread).
 *
 * <p>Every implementation passes the same contract test suite, so a query means the same thing
 * whichever store answers it.
 */
public interface SpanStore extends AutoCloseable {

  /**
   * Stores a batch. A span whose (trace id, span id) is already stored is ignored, so a client
   * that retries a batch does not duplicate it. Throws {@link StoreUnavailableException} when the
   * batch could not be stored; then none of it was.
   */
  void write(List<SpanData> spans, List<LogRecordData> logs);

  /** Whether data is durable once {@link #write} returns, so ingest may answer 200 only then. */
  boolean durable();

  /**
   * The spans (by start time, then span id) and logs (by time) of a trace, or empty when neither
   * a span nor a log of it is stored.
   */
  Optional<StoredTrace> getTrace(TraceId traceId);

  /** Traces matching {@code query}, newest first. */
  List<TraceSummary> findTraces(TraceQuery query);

  /** Service names of stored spans, sorted. */
  List<String> services();

  /** Span names stored for {@code service}, sorted; empty for an unknown service. */
  List<String> operations(String service);

  /** Logs matching {@code query}, newest first. */
  List<LogRecordData> findLogs(LogQuery query);

  /**
   * Feeds the spans of the newest traces that start in {@code [startEpochNanos, endEpochNanos]},
   * one trace per call, at most {@code maxTraces} traces: the input of the dependency graph.
   */
  void forEachTrace(long startEpochNanos, long endEpochNanos, int maxTraces, Consumer<List<SpanData>> action);

  /**
   * Retention: removes every trace that starts before {@code cutoffEpochNanos} and every log
   * written before it. Called from the writer thread. Returns the number of spans removed.
   */
  long purgeBefore(long cutoffEpochNanos);

  /** Sizes and removal counts; cheap, never blocks on I/O. */
  StoreStats stats();

  /** Releases connections and memory. */
  @Override
  void close();
}
