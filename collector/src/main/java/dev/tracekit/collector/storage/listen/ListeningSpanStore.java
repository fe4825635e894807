package dev.tracekit.collector.storage.listen;

import dev.tracekit.collector.storage.LogQuery;
import dev.tracekit.collector.storage.SpanStore;
import dev.tracekit.collector.storage.StoreStats;
import dev.tracekit.collector.storage.StoredTrace;
import dev.tracekit.collector.storage.TraceId;
import dev.tracekit.collector.storage.TraceQuery;
import dev.tracekit.collector.storage.TraceSummary;
import dev.tracekit.core.LogRecordData;
import dev.tracekit.core.SpanData;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A store that tells {@link StoreWriteListener}s about every batch it accepted. Everything else
 * goes straight to the store it wraps.
 *
 * <p>The listeners are looked up on the first write, not when the store is built: they may
 * themselves read the store, and ingest starts only once every bean exists.
 */
final class ListeningSpanStore implements SpanStore {

  private static final Logger log = LoggerFactory.getLogger(ListeningSpanStore.class);

  private final SpanStore delegate;
  private final Supplier<List<StoreWriteListener>> lookup;
  private volatile List<StoreWriteListener> listeners;
  private volatile boolean failureLogged;

  ListeningSpanStore(SpanStore delegate, Supplier<List<StoreWriteListener>> lookup) {
    this.delegate = delegate;
    this.lookup = lookup;
  }

  /** The store this one wraps. */
  SpanStore delegate() {
    return delegate;
  }

  @Override
  public void write(List<SpanData> spans, List<LogRecordData> logs) {
    delegate.write(spans, logs);
    List<StoreWriteListener> current = listeners;
    if (current == null) {
      current = List.copyOf(lookup.get());
      listeners = current;
    }
    for (StoreWriteListener listener : current) {
      try {
        listener.written(spans, logs);
      } catch (RuntimeException e) {
        // The batch is stored; a listener (live view, latency history) only misses it.
        if (!failureLogged) {
          failureLogged = true;
          log.warn("{} failed on a stored batch; the batch is kept, the listener missed it (logged once)",
              listener.getClass().getSimpleName(), e);
        }
      }
    }
  }

  @Override
  public boolean durable() {
    return delegate.durable();
  }

  @Override
  public Optional<StoredTrace> getTrace(TraceId traceId) {
    return delegate.getTrace(traceId);
  }

  @Override
  public List<TraceSummary> findTraces(TraceQuery query) {
    return delegate.findTraces(query);
  }

  @Override
  public List<String> services() {
    return delegate.services();
  }

  @Override
  public List<String> operations(String service) {
    return delegate.operations(service);
  }

  @Override
  public List<LogRecordData> findLogs(LogQuery query) {
    return delegate.findLogs(query);
  }

  @Override
  public void forEachTrace(long startEpochNanos, long endEpochNanos, int maxTraces, Consumer<List<SpanData>> action) {
    delegate.forEachTrace(startEpochNanos, endEpochNanos, maxTraces, action);
  }

  @Override
  public long purgeBefore(long cutoffEpochNanos) {
    return delegate.purgeBefore(cutoffEpochNanos);
  }

  @Override
  public StoreStats stats() {
    return delegate.stats();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
