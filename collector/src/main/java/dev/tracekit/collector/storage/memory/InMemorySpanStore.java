package dev.tracekit.collector.storage.memory;

import dev.tracekit.collector.storage.AttributeText;
import dev.tracekit.collector.storage.LogQuery;
import dev.tracekit.collector.storage.SpanOrder;
import dev.tracekit.collector.storage.SpanStore;
import dev.tracekit.collector.storage.StoreStats;
import dev.tracekit.collector.storage.StoredTrace;
import dev.tracekit.collector.storage.TraceId;
import dev.tracekit.collector.storage.TraceQuery;
import dev.tracekit.collector.storage.TraceSummary;
import dev.tracekit.core.LogRecordData;
import dev.tracekit.core.SpanData;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;

/**
 * The embedded default store: bounded by span count (and log count), and each trace by
 * {@code maxSpansPerTrace} (further spans of it are dropped and counted). Before a batch goes
 * in, whole traces are evicted, oldest start first, until the batch fits (as Zipkin's
 * InMemoryStorage does).
 *
 * <p>Layout, chosen so that a span costs the writer an append and a few hashes: each trace keeps
 * its summary fields, a {@link TraceFingerprint} of its names and tags, and its spans; recently
 * written ("hot") traces keep them as objects, and once more than {@code hotSpans} spans are hot
 * the least recently written traces are frozen into one LZ4-compressed OTLP block each (decoded again
 * on read, or when a late span arrives). The only ordered index is traces by start time,
 * one entry per trace; searches walk it newest first and filter on the summary, the services,
 * then the fingerprint, and confirm operations and tags on the spans (as Zipkin filters
 * candidate traces), so no attribute is ever inserted into an index. Logs are indexed by time,
 * by trace and by service.
 *
 * <p>Concurrency: one writer (the ingest pipeline's thread, never an application thread) and
 * concurrent readers, under a read/write lock held for one batch at a time.
 */
public final class InMemorySpanStore implements SpanStore {

  private static final TraceId MIN_ID = new TraceId(0, 0);
  private static final TraceId MAX_ID = new TraceId(-1, -1);

  /** Spans per trace kept by default; a runaway trace cannot take the whole store. */
  public static final int DEFAULT_MAX_SPANS_PER_TRACE = 10_000;

  private final int maxSpans;
  private final int maxLogs;
  private final int maxSpansPerTrace;
  private final int maxHotSpans;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

  // Guarded by lock.
  private final Map<TraceId, TraceEntry> traces = new HashMap<>();
  private final NavigableSet<TraceEntry> byStart = new TreeSet<>(TraceEntry.BY_INDEXED_START);
  private final ServiceNames names = new ServiceNames();
  private final NavigableMap<LogKey, LogRecordData> logsByTime = new TreeMap<>();
  private final Map<TraceId, NavigableSet<LogKey>> logsByTrace = new HashMap<>();
  private final Map<String, NavigableSet<LogKey>> logsByService = new HashMap<>();
  private long logSequence;
  private long spanCount;
  // Written by the writer only.
  private TraceEntry oldestHot;
  private TraceEntry newestHot;
  private long hotSpans;

  // Written under the write lock, read without it by stats().
  private volatile StoreStats stats = new StoreStats(0, 0, 0, 0, 0, 0);

  /**
   * @param maxSpans spans kept at most; a single write must not exceed it
   * @param maxLogs logs kept at most; a single write must not exceed it
   */
  public InMemorySpanStore(int maxSpans, int maxLogs) {
    this(maxSpans, maxLogs, DEFAULT_MAX_SPANS_PER_TRACE);
  }

  /**
   * @param maxSpansPerTrace spans kept at most per trace; later ones are dropped and counted
   */
  public InMemorySpanStore(int maxSpans, int maxLogs, int maxSpansPerTrace) {
    this(maxSpans, maxLogs, maxSpansPerTrace, Math.max(10_000, maxSpans / 32));
  }

  /** @param maxHotSpans spans kept as objects before the least recently written traces are compacted */
  InMemorySpanStore(int maxSpans, int maxLogs, int maxSpansPerTrace, int maxHotSpans) {
    if (maxSpans < 1 || maxLogs < 1 || maxSpansPerTrace < 1) {
      throw new IllegalArgumentException("max-spans, max-logs and max-spans-per-trace must be at least 1");
    }
    this.maxSpans = maxSpans;
    this.maxLogs = maxLogs;
    this.maxSpansPerTrace = maxSpansPerTrace;
    this.maxHotSpans = maxHotSpans;
  }

  @Override
  public boolean durable() {
    return false;
  }

  @Override
  public void write(List<SpanData> spans, List<LogRecordData> logs) {
    if (spans.size() > maxSpans || logs.size() > maxLogs) {
      throw new IllegalArgumentException("a batch of " + spans.size() + " spans and " + logs.size()
          + " logs exceeds the store's bound of " + maxSpans + " spans / " + maxLogs + " logs");
    }
    lock.writeLock().lock();
    try {
      long evicted = 0;
      long limited = 0;
      if (!spans.isEmpty()) {
        Map<TraceId, List<SpanData>> fresh = new LinkedHashMap<>();
        limited = newSpansByTrace(spans, fresh);
        int incoming = 0;
        for (List<SpanData> group : fresh.values()) {
          incoming += group.size();
        }
        while (spanCount + incoming > maxSpans && !byStart.isEmpty()) {
          evicted += removeTrace(byStart.first());
        }
        fresh.forEach(this::addSpans);
        freezeQuietTraces();
      }
      if (!logs.isEmpty()) {
        while (logsByTime.size() + logs.size() > maxLogs) {
          removeLog(logsByTime.firstKey());
        }
        for (LogRecordData log : logs) {
          addLog(log);
        }
      }
      StoreStats s = stats;
      stats = new StoreStats(spanCount, traces.size(), logsByTime.size(), s.evictedSpans() + evicted,
          s.expiredSpans(), s.limitedSpans() + limited);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Groups the spans not yet stored by trace into {@code byTrace}, dropping duplicates (within
   * the batch too) and spans past a trace's limit. Returns the number dropped for the limit.
   */
  private long newSpansByTrace(List<SpanData> spans, Map<TraceId, List<SpanData>> byTrace) {
    long limited = 0;
    TraceId lastId = null;
    TraceEntry existing = null;
    List<SpanData> group = null;
    for (SpanData span : spans) {
      TraceId id = TraceId.of(span);
      if (!id.equals(lastId)) {
        // Exporters send a trace's spans of one service together: look the trace up once for them.
        lastId = id;
        existing = traces.get(id);
        group = byTrace.computeIfAbsent(id, k -> new ArrayList<>());
      }
      long spanId = span.context().spanId();
      if ((existing != null && existing.contains(spanId)) || containsSpan(group, spanId)) {
        continue;
      }
      if ((existing == null ? 0 : existing.spanCount()) + group.size() >= maxSpansPerTrace) {
        limited++;
        continue;
      }
      group.add(span);
    }
    byTrace.values().removeIf(List::isEmpty);
    return limited;
  }

  private static boolean containsSpan(List<SpanData> group, long spanId) {
    // Batches hold a few spans per trace; a linear scan beats hashing for them.
    for (int i = group.size() - 1; i >= 0; i--) {
      if (group.get(i).context().spanId() == spanId) {
        return true;
      }
    }
    return false;
  }

  private void addSpans(TraceId id, List<SpanData> spans) {
    TraceEntry entry = traces.get(id);
    if (entry == null) {
      entry = new TraceEntry(id);
      entry.indexedStart = Long.MIN_VALUE;
      traces.put(id, entry);
    }
    if (!entry.isHot()) {
      hotSpans += entry.spanCount();
    }
    entry.addAll(spans, names::add);
    spanCount += spans.size();
    hotSpans += spans.size();
    touch(entry);
    if (entry.indexedStart != entry.startNanos) {
      // A new trace, or one that now starts earlier (its root came late): re-key it, nothing else.
      if (entry.indexedStart != Long.MIN_VALUE) {
        byStart.remove(entry);
      }
      entry.indexedStart = entry.startNanos;
      byStart.add(entry);
    }
  }

  /** Makes {@code entry} the most recently written hot trace. */
  private void touch(TraceEntry entry) {
    if (entry == newestHot) {
      return;
    }
    unlinkHot(entry);
    entry.olderHot = newestHot;
    if (newestHot != null) {
      newestHot.newerHot = entry;
    }
    newestHot = entry;
    if (oldestHot == null) {
      oldestHot = entry;
    }
  }

  private void unlinkHot(TraceEntry entry) {
    if (entry.olderHot != null) {
      entry.olderHot.newerHot = entry.newerHot;
    } else if (oldestHot == entry) {
      oldestHot = entry.newerHot;
    }
    if (entry.newerHot != null) {
      entry.newerHot.olderHot = entry.olderHot;
    } else if (newestHot == entry) {
      newestHot = entry.olderHot;
    }
    entry.olderHot = null;
    entry.newerHot = null;
  }

  /** Compacts the least recently written traces until at most {@code maxHotSpans} spans are hot. */
  private void freezeQuietTraces() {
    while (hotSpans > maxHotSpans && oldestHot != null) {
      TraceEntry entry = oldestHot;
      unlinkHot(entry);
      hotSpans -= entry.freeze();
    }
  }

  /** Removes a whole trace and its logs; returns its span count. */
  private int removeTrace(TraceEntry entry) {
    byStart.remove(entry);
    traces.remove(entry.id);
    if (entry.isHot()) {
      hotSpans -= entry.spanCount();
      unlinkHot(entry);
    }
    entry.forEachOperation(names::remove);
    spanCount -= entry.spanCount();
    NavigableSet<LogKey> logKeys = logsByTrace.get(entry.id);
    if (logKeys != null) {
      for (LogKey key : new ArrayList<>(logKeys)) {
        removeLog(key);
      }
    }
    return entry.spanCount();
  }

  private void addLog(LogRecordData log) {
    LogKey key = new LogKey(log.epochNanos(), logSequence++);
    logsByTime.put(key, log);
    if (log.hasTrace()) {
      logsByTrace.computeIfAbsent(new TraceId(log.traceIdHigh(), log.traceIdLow()), k -> new TreeSet<>()).add(key);
    }
    logsByService.computeIfAbsent(log.resource().serviceName(), k -> new TreeSet<>()).add(key);
  }

  private void removeLog(LogKey key) {
    LogRecordData log = logsByTime.remove(key);
    if (log == null) {
      return;
    }
    if (log.hasTrace()) {
      removeLogKey(logsByTrace, new TraceId(log.traceIdHigh(), log.traceIdLow()), key);
    }
    removeLogKey(logsByService, log.resource().serviceName(), key);
  }

  private static <K> void removeLogKey(Map<K, NavigableSet<LogKey>> index, K name, LogKey key) {
    NavigableSet<LogKey> set = index.get(name);
    if (set != null) {
      set.remove(key);
      if (set.isEmpty()) {
        index.remove(name);
      }
    }
  }

  @Override
  public long purgeBefore(long cutoffEpochNanos) {
    lock.writeLock().lock();
    try {
      long removed = 0;
      while (!byStart.isEmpty() && byStart.first().indexedStart < cutoffEpochNanos) {
        removed += removeTrace(byStart.first());
      }
      while (!logsByTime.isEmpty() && logsByTime.firstKey().epochNanos() < cutoffEpochNanos) {
        removeLog(logsByTime.firstKey());
      }
      StoreStats s = stats;
      stats = new StoreStats(spanCount, traces.size(), logsByTime.size(), s.evictedSpans(), s.expiredSpans() + removed,
          s.limitedSpans());
      return removed;
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public Optional<StoredTrace> getTrace(TraceId traceId) {
    Object spans;
    List<LogRecordData> logs = new ArrayList<>();
    lock.readLock().lock();
    try {
      TraceEntry entry = traces.get(traceId);
      NavigableSet<LogKey> logKeys = logsByTrace.get(traceId);
      if (entry == null && logKeys == null) {
        return Optional.empty();
      }
      spans = entry == null ? List.of() : entry.snapshot();
      if (logKeys != null) {
        for (LogKey key : logKeys) {
          logs.add(logsByTime.get(key));
        }
      }
    } finally {
      lock.readLock().unlock();
    }
    // Decoding a compact trace needs no lock: the block never changes.
    List<SpanData> sorted = new ArrayList<>(TraceEntry.decode(spans));
    sorted.sort(SpanOrder.BY_START);
    return Optional.of(new StoredTrace(traceId, sorted, logs));
  }

  @Override
  public List<TraceSummary> findTraces(TraceQuery query) {
    lock.readLock().lock();
    try {
      List<TraceSummary> result = new ArrayList<>(Math.min(query.limit(), 64));
      Iterator<TraceEntry> newestFirst = byStart
          .subSet(TraceEntry.probe(query.startEpochNanos(), MIN_ID), true,
              TraceEntry.probe(query.endEpochNanos(), MAX_ID), true)
          .descendingIterator();
      while (newestFirst.hasNext() && result.size() < query.limit()) {
        TraceEntry entry = newestFirst.next();
        if (matches(entry, query)) {
          result.add(entry.summary());
        }
      }
      return result;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Cheapest tests first: summary fields, services, fingerprint; then the spans confirm. */
  private static boolean matches(TraceEntry entry, TraceQuery query) {
    if (!query.acceptsSummary(entry.startNanos, entry.durationNanos(), entry.errorCount > 0)) {
      return false;
    }
    if (query.service() != null && !entry.hasService(query.service())) {
      return false;
    }
    TraceFingerprint fingerprint = entry.fingerprint;
    if (query.operation() != null && !(query.service() != null
        ? fingerprint.mayHaveOperation(query.service(), query.operation())
        : fingerprint.mayHaveName(query.operation()))) {
      return false;
    }
    for (Map.Entry<String, String> tag : query.tags().entrySet()) {
      if (!fingerprint.mayHaveTag(tag.getKey(), tag.getValue())) {
        return false;
      }
    }
    if (query.operation() == null && query.tags().isEmpty()) {
      return true;
    }
    return spansMatch(entry.spans(), query);
  }

  private static boolean spansMatch(List<SpanData> spans, TraceQuery query) {
    if (query.operation() != null) {
      boolean found = false;
      for (SpanData span : spans) {
        if (span.name().equals(query.operation())
            && (query.service() == null || span.serviceName().equals(query.service()))) {
          found = true;
          break;
        }
      }
      if (!found) {
        return false;
      }
    }
    for (Map.Entry<String, String> tag : query.tags().entrySet()) {
      if (!hasTag(spans, tag.getKey(), tag.getValue())) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasTag(List<SpanData> spans, String key, String text) {
    for (SpanData span : spans) {
      Object value = span.attributes().get(key);
      if (value != null && AttributeText.of(value).equals(text)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public List<String> services() {
    lock.readLock().lock();
    try {
      return names.services();
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public List<String> operations(String service) {
    lock.readLock().lock();
    try {
      return names.operations(service);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public List<LogRecordData> findLogs(LogQuery query) {
    lock.readLock().lock();
    try {
      Collection<LogKey> candidates = logCandidates(query);
      List<LogRecordData> result = new ArrayList<>(Math.min(query.limit(), 256));
      if (candidates == null) {
        Iterator<Map.Entry<LogKey, LogRecordData>> it = logsByTime
            .subMap(new LogKey(query.startEpochNanos(), Long.MIN_VALUE), true,
                new LogKey(query.endEpochNanos(), Long.MAX_VALUE), true)
            .descendingMap().entrySet().iterator();
        while (it.hasNext() && result.size() < query.limit()) {
          LogRecordData log = it.next().getValue();
          if (query.matches(log)) {
            result.add(log);
          }
        }
        return result;
      }
      for (LogKey key : candidates) {
        if (result.size() >= query.limit()) {
          break;
        }
        LogRecordData log = logsByTime.get(key);
        if (query.matches(log)) {
          result.add(log);
        }
      }
      return result;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Log keys of the trace or service in the window, newest first; null when neither is given. */
  private Collection<LogKey> logCandidates(LogQuery query) {
    NavigableSet<LogKey> set;
    if (query.traceId() != null) {
      set = logsByTrace.get(query.traceId());
    } else if (query.service() != null) {
      set = logsByService.get(query.service());
    } else {
      return null;
    }
    if (set == null) {
      return List.of();
    }
    return set.subSet(new LogKey(query.startEpochNanos(), Long.MIN_VALUE), true,
        new LogKey(query.endEpochNanos(), Long.MAX_VALUE), true).descendingSet();
  }

  @Override
  public void forEachTrace(long startEpochNanos, long endEpochNanos, int maxTraces, Consumer<List<SpanData>> action) {
    List<Object> batch = new ArrayList<>();
    lock.readLock().lock();
    try {
      for (TraceEntry entry : byStart
          .subSet(TraceEntry.probe(startEpochNanos, MIN_ID), true, TraceEntry.probe(endEpochNanos, MAX_ID), true)
          .descendingSet()) {
        if (batch.size() >= maxTraces) {
          break;
        }
        batch.add(entry.snapshot());
      }
    } finally {
      lock.readLock().unlock();
    }
    // Decoding and the action run outside the lock: they may be slow, and the writer must not wait.
    for (Object spans : batch) {
      action.accept(List.copyOf(TraceEntry.decode(spans)));
    }
  }

  @Override
  public StoreStats stats() {
    return stats;
  }

  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      traces.clear();
      byStart.clear();
      names.clear();
      logsByTime.clear();
      logsByTrace.clear();
      logsByService.clear();
      oldestHot = null;
      newestHot = null;
      hotSpans = 0;
      spanCount = 0;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Orders logs by time; an arrival sequence number keeps logs with equal times apart. */
  record LogKey(long epochNanos, long sequence) implements Comparable<LogKey> {
    @Override
    public int compareTo(LogKey o) {
      int c = Long.compare(epochNanos, o.epochNanos);
      return c != 0 ? c : Long.compare(sequence, o.sequence);
    }
  }
}
