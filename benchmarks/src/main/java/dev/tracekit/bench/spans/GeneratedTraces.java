package dev.tracekit.bench.spans;

import dev.tracekit.core.SpanData;
import java.util.ArrayList;
import java.util.List;

/**
 * Traces from {@link TraceGenerator}: their spans grouped by the service that reports them (as
 * three SDK exporters would send them) and their trace ids ({@code traceIds[2i]} high,
 * {@code traceIds[2i+1]} low).
 */
public record GeneratedTraces(List<SpanData> gateway, List<SpanData> auth, List<SpanData> data, long[] traceIds) {

  public int traceCount() {
    return traceIds.length / 2;
  }

  public int spanCount() {
    return gateway.size() + auth.size() + data.size();
  }

  /** Every span, service after service. */
  public List<SpanData> all() {
    List<SpanData> all = new ArrayList<>(spanCount());
    all.addAll(gateway);
    all.addAll(auth);
    all.addAll(data);
    return all;
  }

  /**
   * Export batches of at most {@code batchSize} spans, each from one service, the three services'
   * batches interleaved as their exporters would deliver them to one collector.
   */
  public List<List<SpanData>> batches(int batchSize) {
    List<List<List<SpanData>>> perService = List.of(chunks(gateway, batchSize), chunks(auth, batchSize),
        chunks(data, batchSize));
    List<List<SpanData>> batches = new ArrayList<>();
    int longest = perService.stream().mapToInt(List::size).max().orElse(0);
    // Spread the shorter streams evenly over the longest, each starting at once, as concurrent
    // exporters would: step i sends batches ceil(i*n/longest) .. ceil((i+1)*n/longest) - 1.
    for (int i = 0; i < longest; i++) {
      for (List<List<SpanData>> service : perService) {
        int from = (int) (((long) i * service.size() + longest - 1) / longest);
        int to = (int) (((long) (i + 1) * service.size() + longest - 1) / longest);
        for (int j = from; j < to; j++) {
          batches.add(service.get(j));
        }
      }
    }
    return batches;
  }

  private static List<List<SpanData>> chunks(List<SpanData> spans, int size) {
    List<List<SpanData>> chunks = new ArrayList<>();
    for (int i = 0; i < spans.size(); i += size) {
      chunks.add(spans.subList(i, Math.min(spans.size(), i + size)));
    }
    return chunks;
  }
}
