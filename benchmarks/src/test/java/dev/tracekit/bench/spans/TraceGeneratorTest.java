package dev.tracekit.bench.spans;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.core.SpanData;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TraceGeneratorTest {

  private final GeneratedTraces traces = new TraceGenerator(1, 1_764_000_000_000_000_000L).generate(300);

  @Test
  void everyTraceHasEightSpansOneRootAndParentsInsideIt() {
    Map<String, List<SpanData>> byTrace = new HashMap<>();
    for (SpanData span : traces.all()) {
      byTrace.computeIfAbsent(span.traceIdHex(), k -> new java.util.ArrayList<>()).add(span);
    }
    assertThat(byTrace).hasSize(300);
    for (List<SpanData> trace : byTrace.values()) {
      assertThat(trace).hasSize(TraceGenerator.SPANS_PER_TRACE);
      Set<Long> ids = new HashSet<>();
      trace.forEach(s -> ids.add(s.context().spanId()));
      assertThat(ids).hasSize(TraceGenerator.SPANS_PER_TRACE);
      assertThat(trace).filteredOn(s -> s.parentSpanId() == 0).hasSize(1);
      assertThat(trace).filteredOn(s -> s.parentSpanId() != 0).allMatch(s -> ids.contains(s.parentSpanId()));
    }
  }

  @Test
  void spanIdsAreUniqueAcrossTracesAndServicesAreGrouped() {
    Set<String> ids = new HashSet<>();
    traces.all().forEach(s -> ids.add(s.traceIdHex() + s.spanIdHex()));
    assertThat(ids).hasSize(300 * TraceGenerator.SPANS_PER_TRACE);
    assertThat(traces.gateway()).allMatch(s -> s.serviceName().equals(TraceGenerator.GATEWAY)).hasSize(900);
    assertThat(traces.auth()).allMatch(s -> s.serviceName().equals(TraceGenerator.AUTH)).hasSize(300);
    assertThat(traces.data()).allMatch(s -> s.serviceName().equals(TraceGenerator.DATA)).hasSize(1200);
  }

  @Test
  void batchesHoldOneServiceEachAndEverySpanOnce() {
    List<List<SpanData>> batches = traces.batches(100);
    assertThat(batches).allMatch(b -> b.size() <= 100)
        .allMatch(b -> b.stream().map(SpanData::serviceName).distinct().count() == 1);
    assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(traces.spanCount());
    Set<SpanData> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    batches.forEach(seen::addAll);
    assertThat(seen).hasSize(traces.spanCount());
    // The services' batches are interleaved rather than sent one service after the other.
    assertThat(batches.subList(0, 6).stream().map(b -> b.get(0).serviceName()).distinct()).hasSize(3);
  }

  @Test
  void theSameSeedGivesTheSameTraces() {
    GeneratedTraces again = new TraceGenerator(1, 1_764_000_000_000_000_000L).generate(300);
    assertThat(again.traceIds()).isEqualTo(traces.traceIds());
    assertThat(again.all().get(5).attributes()).isEqualTo(traces.all().get(5).attributes());
  }

  @Test
  void someTracesAreSlowSomeFailAndTheSearchedTagIsPresent() {
    assertThat(traces.data()).anyMatch(s -> s.durationNanos() >= 100_000_000L);
    assertThat(traces.all()).anyMatch(s -> s.statusCode() == dev.tracekit.core.StatusCode.ERROR);
    assertThat(traces.data()).filteredOn(s -> s.kind() == dev.tracekit.core.SpanKind.SERVER)
        .allMatch(s -> s.attributes().getString("customer.tier") != null);
  }
}
