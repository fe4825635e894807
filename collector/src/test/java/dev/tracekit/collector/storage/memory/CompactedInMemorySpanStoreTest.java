package dev.tracekit.collector.storage.memory;

import static dev.tracekit.collector.TestSpans.child;
import static dev.tracekit.collector.TestSpans.root;
import static dev.tracekit.collector.TestSpans.span;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.collector.storage.SpanStore;
import dev.tracekit.collector.storage.SpanStoreContractTest;
import dev.tracekit.collector.storage.TraceId;
import dev.tracekit.collector.storage.TraceQuery;
import dev.tracekit.collector.storage.TraceSummary;
import dev.tracekit.core.SpanData;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The whole storage contract again with every trace frozen into its
 * compact form at once, plus what the compact form must not change: late spans, late roots,
 * duplicates and eviction of frozen traces, and the per-trace limit.
 */
class CompactedInMemorySpanStoreTest extends SpanStoreContractTest {

  @Override
  protected SpanStore newStore() {
    return new InMemorySpanStore(1_000, 1_000, 10_000, 0);
  }

  private static List<TraceId> ids(List<TraceSummary> summaries) {
    return summaries.stream().map(TraceSummary::traceId).toList();
  }

  @Test
  void aFrozenTraceTakesLateSpansAndALateRootMovesItInTheTimeOrder() {
    InMemorySpanStore memory = new InMemorySpanStore(100, 10, 10_000, 0);
    memory.write(List.of(child(1, 2, "db", "q", 500, 10)), List.of());
    memory.write(List.of(root(2, "api", "GET /b", 300, 10)), List.of());
    assertThat(ids(memory.findTraces(TraceQuery.builder().build()))).containsExactly(new TraceId(1, 1), new TraceId(2, 2));

    memory.write(List.of(root(1, "api", "GET /a", 100, 1_000)), List.of());

    assertThat(ids(memory.findTraces(TraceQuery.builder().build()))).containsExactly(new TraceId(2, 2), new TraceId(1, 1));
    TraceSummary summary = memory.findTraces(TraceQuery.builder().service("db").build()).get(0);
    assertThat(summary.rootName()).isEqualTo("GET /a");
    assertThat(summary.spanCount()).isEqualTo(2);
    assertThat(memory.getTrace(new TraceId(1, 1)).orElseThrow().spans()).extracting(SpanData::name)
        .containsExactly("GET /a", "q");
  }

  @Test
  void aDuplicateOfAFrozenSpanIsIgnored() {
    InMemorySpanStore memory = new InMemorySpanStore(100, 10, 10_000, 0);
    SpanData span = root(1, "api", "GET /", 0, 10);
    memory.write(List.of(span), List.of());
    memory.write(List.of(root(2, "api", "GET /", 100, 10)), List.of());

    memory.write(List.of(span, root(3, "api", "GET /", 200, 10)), List.of());

    assertThat(memory.getTrace(new TraceId(1, 1)).orElseThrow().spans()).hasSize(1);
    assertThat(memory.stats().spans()).isEqualTo(3);
  }

  @Test
  void evictingFrozenTracesForgetsTheirNames() {
    InMemorySpanStore memory = new InMemorySpanStore(3, 10, 10_000, 0);
    memory.write(List.of(root(1, "legacy", "old", 0, 10), child(1, 2, "legacy", "older", 1, 5)), List.of());
    memory.write(List.of(root(2, "api", "GET /", 100, 10)), List.of());

    memory.write(List.of(root(3, "api", "GET /", 200, 10), child(3, 2, "db", "q", 201, 5)), List.of());

    assertThat(memory.getTrace(new TraceId(1, 1))).isEmpty();
    assertThat(memory.services()).containsExactly("api", "db");
    assertThat(memory.operations("legacy")).isEmpty();
    assertThat(memory.stats().evictedSpans()).isEqualTo(2);
  }

  @Test
  void spansPastThePerTraceLimitAreDroppedAndCounted() {
    InMemorySpanStore memory = new InMemorySpanStore(1_000, 10, 5, 0);
    List<SpanData> first = new ArrayList<>();
    first.add(root(1, "api", "GET /", 0, 100));
    for (int n = 2; n <= 4; n++) {
      first.add(child(1, n, "db", "q", n, 1));
    }
    memory.write(first, List.of());
    memory.write(List.of(root(2, "api", "GET /", 1_000, 10)), List.of());

    List<SpanData> more = new ArrayList<>();
    for (int n = 5; n <= 9; n++) {
      more.add(child(1, n, "db", "q", n, 1));
    }
    more.add(child(1, 2, "db", "q", 2, 1)); // a duplicate is not counted as limited
    memory.write(more, List.of());

    assertThat(memory.getTrace(new TraceId(1, 1)).orElseThrow().spans()).hasSize(5);
    assertThat(memory.stats().spans()).isEqualTo(6);
    assertThat(memory.stats().limitedSpans()).isEqualTo(4);
  }

  @Test
  void aTagSearchConfirmsFingerprintMatchesOnTheSpans() {
    InMemorySpanStore memory = new InMemorySpanStore(100_000, 10, 10_000, 0);
    // Enough distinct tags to fill the fingerprint of trace 1: it passes the filter for almost
    // any tag and must still be refused for a tag none of its spans has.
    dev.tracekit.core.Attributes.Builder attributes = dev.tracekit.core.Attributes.builder();
    for (int i = 0; i < 400; i++) {
      attributes.put("k" + i, "v" + i);
    }
    memory.write(List.of(span(1, 101, 0, "api", "GET /", 0, 10).attributes(attributes.build()).build()), List.of());
    memory.write(List.of(span(2, 201, 0, "api", "GET /", 100, 10).attributes(
        dev.tracekit.core.Attributes.builder().put("wanted", "yes").build()).build()), List.of());

    assertThat(ids(memory.findTraces(TraceQuery.builder().tag("wanted", "yes").build()))).containsExactly(new TraceId(2, 2));
    assertThat(ids(memory.findTraces(TraceQuery.builder().tag("k7", "v7").build()))).containsExactly(new TraceId(1, 1));
  }
}
