package dev.tracekit.collector.analysis;

import dev.tracekit.analysis.OperationHistory;
import dev.tracekit.analysis.OperationLatency;
import dev.tracekit.collector.storage.listen.StoreWriteListener;
import dev.tracekit.core.LogRecordData;
import dev.tracekit.core.SpanData;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The slow-span detector's history: the latest durations of each operation (service + span name)
 * as they were stored, from which a p99 is computed on demand. Neither store can answer a
 * per-operation p99 cheaply (PostgreSQL would scan), so the collector keeps this small window
 * itself, fed by {@link StoreWriteListener}.
 *
 * <p>Bounded: at most {@code maxOperations} operations, the least recently used one forgotten
 * first (span names with ids in them must not grow it without end), and at most
 * {@code samplesPerOperation} durations each (a ring, oldest overwritten). Durations are kept as
 * int microseconds, capped at about 35 minutes. History starts empty at each start of the
 * collector.
 */
public final class RecentOperationLatencies implements OperationHistory, StoreWriteListener {

  private final int samplesPerOperation;
  private final Map<Operation, Ring> rings;
  private long forgottenOperations;

  /**
   * @param maxOperations operations remembered at most
   * @param samplesPerOperation latest durations kept per operation
   */
  public RecentOperationLatencies(int maxOperations, int samplesPerOperation) {
    if (maxOperations < 1 || samplesPerOperation < 1) {
      throw new IllegalArgumentException("max-operations and samples-per-operation must be at least 1");
    }
    this.samplesPerOperation = samplesPerOperation;
    this.rings = new LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Operation, Ring> eldest) {
        if (size() > maxOperations) {
          forgottenOperations++;
          return true;
        }
        return false;
      }
    };
  }

  @Override
  public void written(List<SpanData> spans, List<LogRecordData> logs) {
    if (spans.isEmpty()) {
      return;
    }
    // One lock per batch; the writer is the only thread that adds.
    synchronized (rings) {
      String lastService = null;
      String lastName = null;
      Ring last = null;
      for (SpanData span : spans) {
        String service = span.serviceName();
        String name = span.name();
        // Spans of one operation come in runs; the decoder shares their names, so equals is a reference check.
        if (!service.equals(lastService) || !name.equals(lastName)) {
          last = rings.computeIfAbsent(new Operation(service, name), k -> new Ring());
          lastService = service;
          lastName = name;
        }
        last.add(span.durationNanos() / 1_000L, samplesPerOperation);
      }
    }
  }

  @Override
  public Optional<OperationLatency> latency(String service, String operation) {
    int[] samples;
    synchronized (rings) {
      Ring ring = rings.get(new Operation(service, operation));
      if (ring == null) {
        return Optional.empty();
      }
      samples = Arrays.copyOf(ring.values, ring.size);
    }
    Arrays.sort(samples);
    int rank = (int) Math.ceil(0.99 * samples.length);
    return Optional.of(new OperationLatency(samples.length, samples[Math.max(0, rank - 1)]));
  }

  /** Operations remembered now. */
  public int operations() {
    synchronized (rings) {
      return rings.size();
    }
  }

  /** Operations forgotten to stay within the bound, since start. */
  public long forgottenOperations() {
    synchronized (rings) {
      return forgottenOperations;
    }
  }

  /** The map key: no concatenated string per span, and the names' own cached hashes. */
  private record Operation(String service, String name) {}

  /** A ring of durations that grows in steps up to its cap, so rare operations stay small. */
  private static final class Ring {
    int[] values = new int[8];
    int size;
    int next;

    void add(long micros, int cap) {
      int v = (int) Math.min(Integer.MAX_VALUE, Math.max(0, micros));
      if (size < cap && size == values.length) {
        values = Arrays.copyOf(values, Math.min(cap, values.length * 4));
      }
      values[next] = v;
      next = next + 1 == cap ? 0 : next + 1;
      size = Math.min(cap, size + 1);
    }
  }
}
