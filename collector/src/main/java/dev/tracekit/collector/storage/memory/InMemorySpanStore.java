package dev.tracekit.collector.storage.memory;

import dev.tracekit.collector.storage.LogQuery;
import dev.tracekit.collector.storage.SpanOrder;
import dev.tracekit.collector.storage.SpanStore;
import dev.tracekit.collector.storage.StoreStats;
import dev.tracekit.collector.storage.StoredTrace;
import dev.tracekit.collector.storage.TraceId;
import dev.tracekit.collector.storage.TraceQuery;
import dev.tracekit.collector.storage.TraceSummary;
import dev.tracekit.collector.storage.memory.TraceEntry.DurationKey;
import dev.tracekit.collector.storage.memory.TraceEntry.Operation;
import dev.tracekit.collector.storage.memory.TraceEntry.Tag;
import dev.tracekit.collector.storage.memory.TraceEntry.TraceKey;
import dev.tracekit.core.LogRecordData;
import dev.tracekit.core.SpanData;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;

/**
 * The embedded default store: bounded by span count (and log count). Before a batch goes in,
 * whole traces are evicted, oldest start first, until the batch fits (as Zipkin's
 * InMemoryStorage does); index entries left empty are removed so memory follows the data.
 *
 * <p>Indexes: traces by start time, by duration, by service, by operation (service + span name)
 * and by attribute (key + value as text); logs by time, by trace and by service. Searches start
 * from the smallest index set that applies and walk it newest first, so a typical "newest 20 of
 * service X" touches about 20 traces.
 *
 * <p>Concurrency: one writer (the ingest pipeline's thread, never an application thread) and
 * concurrent readers, under a read/write lock. The lock gives readers a consistent view across
 * all indexes at once and lets plain collections answer {@code size()} in O(1) for query
 * planning; the writer holds it for one batch at a time.
 */
public final class InMemorySpanStore implements SpanStore {

  private final int maxSpans;
  private final int maxLogs;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

  // Guarded by lock.
  private final Map<TraceId, TraceEntry> traces = new HashMap<>();
  private final NavigableMap<TraceKey, TraceEntry> byStart = new TreeMap<>();
  private final NavigableSet<DurationKey> byDuration = new TreeSet<>();
  private final Map<String, NavigableSet<TraceKey>> byService = new HashMap<>();
  private final Map<Operation, NavigableSet<TraceKey>> byOperation = new HashMap<>();
  private final Map<String, NavigableSet<String>> operationsByService = new HashMap<>();
  private final Map<Tag, NavigableSet<TraceKey>> byTag = new HashMap<>();
  private final NavigableMap<LogKey, LogRecordData> logsByTime = new TreeMap<>();
  private final Map<TraceId, NavigableSet<LogKey>> logsByTrace = new HashMap<>();
  private final Map<String, NavigableSet<LogKey>> logsByService = new HashMap<>();
  private long logSequence;
  private long spanCount;

  // Written under the write lock, read without it by stats().
  private volatile StoreStats stats = new StoreStats(0, 0, 0, 0, 0);

  /**
   * @param maxSpans spans kept at most; a single write must not exceed it
   * @param maxLogs logs kept at most; a single write must not exceed it
   */
  public InMemorySpanStore(int maxSpans, int maxLogs) {
    if (maxSpans < 1 || maxLogs < 1) {
      throw new IllegalArgumentException("max-spans and max-logs must be at least 1");
    }
    this.maxSpans = maxSpans;
    this.maxLogs = maxLogs;
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
      if (!spans.isEmpty()) {
        Map<TraceId, List<SpanData>> fresh = newSpansByTrace(spans);
        int incoming = 0;
        for (List<SpanData> group : fresh.values()) {
          incoming += group.size();
        }
        while (spanCount + incoming > maxSpans && !byStart.isEmpty()) {
          evicted += removeTrace(byStart.firstEntry().getValue());
        }
        fresh.forEach(this::addSpans);
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
      stats = new StoreStats(spanCount, traces.size(), logsByTime.size(), s.evictedSpans() + evicted, s.expiredSpans());
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Groups the spans not yet stored by trace, dropping duplicates within the batch too. */
  private Map<TraceId, List<SpanData>> newSpansByTrace(List<SpanData> spans) {
    Map<TraceId, List<SpanData>> byTrace = new LinkedHashMap<>();
    Map<TraceId, Set<Long>> seen = new HashMap<>();
    for (SpanData span : spans) {
      TraceId id = TraceId.of(span);
      long spanId = span.context().spanId();
      TraceEntry existing = traces.get(id);
      if (existing != null && existing.spanIds.contains(spanId)) {
        continue;
      }
      if (seen.computeIfAbsent(id, k -> new HashSet<>()).add(spanId)) {
        byTrace.computeIfAbsent(id, k -> new ArrayList<>()).add(span);
      }
    }
    return byTrace;
  }

  private void addSpans(TraceId id, List<SpanData> spans) {
    TraceEntry entry = traces.get(id);
    boolean isNew = entry == null;
    if (isNew) {
      entry = new TraceEntry(id);
      traces.put(id, entry);
    }
    Set<String> newServices = new HashSet<>();
    Set<Operation> newOperations = new HashSet<>();
    Set<Tag> newTags = new HashSet<>();
    for (SpanData span : spans) {
      entry.add(span, newServices, newOperations, newTags);
    }
    spanCount += spans.size();

    TraceKey key = entry.key();
    if (!isNew && !key.equals(entry.indexedKey)) {
      // The trace now starts earlier: every index holds it under the old key.
      unindex(entry);
      isNew = true;
    }
    if (isNew) {
      byStart.put(key, entry);
      index(entry.services, entry.operations, entry.tags, key);
    } else {
      index(newServices, newOperations, newTags, key);
    }
    entry.indexedKey = key;
    DurationKey duration = entry.durationKey();
    if (!duration.equals(entry.indexedDuration)) {
      if (entry.indexedDuration != null) {
        byDuration.remove(entry.indexedDuration);
      }
      byDuration.add(duration);
      entry.indexedDuration = duration;
    }
  }

  private void index(Set<String> services, Set<Operation> operations, Set<Tag> tags, TraceKey key) {
    for (String service : services) {
      byService.computeIfAbsent(service, k -> new TreeSet<>()).add(key);
    }
    for (Operation operation : operations) {
      byOperation.computeIfAbsent(operation, k -> new TreeSet<>()).add(key);
      operationsByService.computeIfAbsent(operation.service(), k -> new TreeSet<>()).add(operation.name());
    }
    for (Tag tag : tags) {
      byTag.computeIfAbsent(tag, k -> new TreeSet<>()).add(key);
    }
  }

  /** Removes the trace from every index but the trace map, dropping index entries left empty. */
  private void unindex(TraceEntry entry) {
    TraceKey key = entry.indexedKey;
    byStart.remove(key);
    for (String service : entry.services) {
      removeFrom(byService, service, key);
    }
    for (Operation operation : entry.operations) {
      if (removeFrom(byOperation, operation, key)) {
        NavigableSet<String> names = operationsByService.get(operation.service());
        names.remove(operation.name());
        if (names.isEmpty()) {
          operationsByService.remove(operation.service());
        }
      }
    }
    for (Tag tag : entry.tags) {
      removeFrom(byTag, tag, key);
    }
  }

  /** Removes {@code key} from the set at {@code name}; returns whether the set became empty and was dropped. */
  private static <K> boolean removeFrom(Map<K, NavigableSet<TraceKey>> index, K name, TraceKey key) {
    NavigableSet<TraceKey> set = index.get(name);
    if (set == null) {
      return false;
    }
    set.remove(key);
    if (set.isEmpty()) {
      index.remove(name);
      return true;
    }
    return false;
  }

  /** Removes a whole trace and its logs; returns its span count. */
  private int removeTrace(TraceEntry entry) {
    unindex(entry);
    byDuration.remove(entry.indexedDuration);
    traces.remove(entry.id);
    spanCount -= entry.spans.size();
    NavigableSet<LogKey> logKeys = logsByTrace.get(entry.id);
    if (logKeys != null) {
      for (LogKey key : new ArrayList<>(logKeys)) {
        removeLog(key);
      }
    }
    return entry.spans.size();
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
      while (!byStart.isEmpty() && byStart.firstKey().startNanos() < cutoffEpochNanos) {
        removed += removeTrace(byStart.firstEntry().getValue());
      }
      while (!logsByTime.isEmpty() && logsByTime.firstKey().epochNanos() < cutoffEpochNanos) {
        removeLog(logsByTime.firstKey());
      }
      StoreStats s = stats;
      stats = new StoreStats(spanCount, traces.size(), logsByTime.size(), s.evictedSpans(), s.expiredSpans() + removed);
      return removed;
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public Optional<StoredTrace> getTrace(TraceId traceId) {
    lock.readLock().lock();
    try {
      TraceEntry entry = traces.get(traceId);
      NavigableSet<LogKey> logKeys = logsByTrace.get(traceId);
      if (entry == null && logKeys == null) {
        return Optional.empty();
      }
      List<SpanData> spans = entry == null ? new ArrayList<>() : new ArrayList<>(entry.spans);
      spans.sort(SpanOrder.BY_START);
      List<LogRecordData> logs = new ArrayList<>();
      if (logKeys != null) {
        for (LogKey key : logKeys) {
          logs.add(logsByTime.get(key));
        }
      }
      return Optional.of(new StoredTrace(traceId, spans, logs));
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public List<TraceSummary> findTraces(TraceQuery query) {
    lock.readLock().lock();
    try {
      NavigableSet<TraceKey> candidates = smallestIndexSet(query);
      if (candidates == null && query.minDurationNanos() > 0) {
        return findByDuration(query);
      }
      if (candidates == null) {
        candidates = byStart.navigableKeySet();
      }
      List<TraceSummary> result = new ArrayList<>(Math.min(query.limit(), 64));
      Iterator<TraceKey> newestFirst = candidates
          .subSet(new TraceKey(query.startEpochNanos(), TraceKey.MIN_ID), true,
              new TraceKey(query.endEpochNanos(), TraceKey.MAX_ID), true)
          .descendingIterator();
      while (newestFirst.hasNext() && result.size() < query.limit()) {
        TraceEntry entry = traces.get(newestFirst.next().id());
        if (matches(entry, query)) {
          result.add(entry.summary());
        }
      }
      return result;
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * The smallest index set that every match must be in, or null when the query names no
   * service, operation or tag. An empty set when a named key is unknown.
   */
  private NavigableSet<TraceKey> smallestIndexSet(TraceQuery query) {
    List<NavigableSet<TraceKey>> sets = new ArrayList<>();
    if (query.service() != null) {
      sets.add(byService.get(query.service()));
      if (query.operation() != null) {
        sets.add(byOperation.get(new Operation(query.service(), query.operation())));
      }
    }
    query.tags().forEach((k, v) -> sets.add(byTag.get(new Tag(k, v))));
    NavigableSet<TraceKey> smallest = null;
    for (NavigableSet<TraceKey> set : sets) {
      if (set == null) {
        return new TreeSet<>();
      }
      if (smallest == null || set.size() < smallest.size()) {
        smallest = set;
      }
    }
    return smallest;
  }

  /** For queries bounded only by duration: walks the duration index and keeps the newest matches. */
  private List<TraceSummary> findByDuration(TraceQuery query) {
    PriorityQueue<TraceEntry> newest = new PriorityQueue<>(Comparator.comparing(TraceEntry::key));
    long max = query.maxDurationNanos();
    for (DurationKey key : byDuration.tailSet(new DurationKey(query.minDurationNanos(), TraceKey.MIN_ID), true)) {
      if (key.durationNanos() > max) {
        break;
      }
      TraceEntry entry = traces.get(key.id());
      if (matches(entry, query)) {
        newest.add(entry);
        if (newest.size() > query.limit()) {
          newest.poll();
        }
      }
    }
    List<TraceSummary> result = new ArrayList<>(newest.size());
    while (!newest.isEmpty()) {
      result.add(newest.poll().summary());
    }
    Collections.reverse(result);
    return result;
  }

  private static boolean matches(TraceEntry entry, TraceQuery query) {
    if (!query.acceptsSummary(entry.startNanos, entry.durationNanos(), entry.errorCount > 0)) {
      return false;
    }
    if (query.service() != null && !entry.services.contains(query.service())) {
      return false;
    }
    if (query.operation() != null && !hasOperation(entry, query.service(), query.operation())) {
      return false;
    }
    for (Map.Entry<String, String> tag : query.tags().entrySet()) {
      if (!entry.tags.contains(new Tag(tag.getKey(), tag.getValue()))) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasOperation(TraceEntry entry, String service, String name) {
    if (service != null) {
      return entry.operations.contains(new Operation(service, name));
    }
    for (Operation operation : entry.operations) {
      if (operation.name().equals(name)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public List<String> services() {
    lock.readLock().lock();
    try {
      return new ArrayList<>(new TreeSet<>(byService.keySet()));
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public List<String> operations(String service) {
    lock.readLock().lock();
    try {
      NavigableSet<String> names = operationsByService.get(service);
      return names == null ? List.of() : new ArrayList<>(names);
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
    List<List<SpanData>> batch = new ArrayList<>();
    lock.readLock().lock();
    try {
      for (TraceEntry entry : byStart
          .subMap(new TraceKey(startEpochNanos, TraceKey.MIN_ID), true, new TraceKey(endEpochNanos, TraceKey.MAX_ID), true)
          .descendingMap().values()) {
        if (batch.size() >= maxTraces) {
          break;
        }
        batch.add(List.copyOf(entry.spans));
      }
    } finally {
      lock.readLock().unlock();
    }
    // The action runs outside the lock: it may be slow, and the writer must not wait for it.
    batch.forEach(action);
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
      byDuration.clear();
      byService.clear();
      byOperation.clear();
      operationsByService.clear();
      byTag.clear();
      logsByTime.clear();
      logsByTrace.clear();
      logsByService.clear();
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
