package dev.tracekit.collector.storage;

import static dev.tracekit.collector.TestSpans.child;
import static dev.tracekit.collector.TestSpans.error;
import static dev.tracekit.collector.TestSpans.log;
import static dev.tracekit.collector.TestSpans.nanos;
import static dev.tracekit.collector.TestSpans.root;
import static dev.tracekit.collector.TestSpans.service;
import static dev.tracekit.collector.TestSpans.span;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.core.Attributes;
import dev.tracekit.core.EventData;
import dev.tracekit.core.InstrumentationScope;
import dev.tracekit.core.LinkData;
import dev.tracekit.core.LogRecordData;
import dev.tracekit.core.Resource;
import dev.tracekit.core.SpanData;
import dev.tracekit.core.SpanKind;
import dev.tracekit.core.StatusCode;
import dev.tracekit.core.TraceContext;
import dev.tracekit.core.TraceState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The storage contract: every {@link SpanStore} passes these tests, so a query means the same
 * whichever store answers. Subclasses supply a fresh, empty store per test.
 */
public abstract class SpanStoreContractTest {

  protected SpanStore store;

  /** A new, empty store. */
  protected abstract SpanStore newStore();

  @BeforeEach
  void openStore() {
    store = newStore();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  private static TraceId id(long trace) {
    return new TraceId(trace, trace);
  }

  private void write(SpanData... spans) {
    store.write(List.of(spans), List.of());
  }

  private void writeLogs(LogRecordData... logs) {
    store.write(List.of(), List.of(logs));
  }

  private List<TraceId> find(TraceQuery.Builder query) {
    return store.findTraces(query.build()).stream().map(TraceSummary::traceId).toList();
  }

  @Test
  void storedTraceIsReturnedWithItsSpansInStartOrder() {
    write(child(1, 3, "api", "b", 300, 10), root(1, "api", "GET /", 0, 1_000), child(1, 2, "db", "a", 100, 10));

    StoredTrace trace = store.getTrace(id(1)).orElseThrow();

    assertThat(trace.traceId()).isEqualTo(id(1));
    assertThat(trace.spans()).extracting(SpanData::name).containsExactly("GET /", "a", "b");
  }

  @Test
  void spansWithEqualStartAreOrderedBySpanId() {
    write(child(1, 3, "api", "c", 100, 10), child(1, 2, "api", "b", 100, 10), root(1, "api", "a", 0, 500));

    assertThat(store.getTrace(id(1)).orElseThrow().spans()).extracting(SpanData::name).containsExactly("a", "b", "c");
  }

  @Test
  void unknownTraceIsEmpty() {
    write(root(1, "api", "GET /", 0, 100));

    assertThat(store.getTrace(id(2))).isEmpty();
  }

  @Test
  void duplicateSpanIsStoredOnce() {
    SpanData span = root(1, "api", "GET /", 0, 100);
    store.write(List.of(span, span), List.of());
    write(span);

    assertThat(store.getTrace(id(1)).orElseThrow().spans()).hasSize(1);
    assertThat(store.findTraces(TraceQuery.builder().build())).singleElement()
        .extracting(TraceSummary::spanCount).isEqualTo(1);
  }

  @Test
  void spansOfOneTraceArrivingInSeveralBatchesFormOneTrace() {
    write(child(1, 2, "db", "query", 200, 100));
    write(child(1, 3, "api", "render", 400, 300));
    write(root(1, "api", "GET /", 100, 800));

    TraceSummary summary = store.findTraces(TraceQuery.builder().build()).get(0);

    assertThat(summary.spanCount()).isEqualTo(3);
    assertThat(summary.startEpochNanos()).isEqualTo(nanos(100));
    assertThat(summary.durationNanos()).isEqualTo(800_000);
    assertThat(summary.rootName()).isEqualTo("GET /");
    assertThat(summary.rootMissing()).isFalse();
    assertThat(summary.services()).containsExactly("api", "db");
    assertThat(store.findTraces(TraceQuery.builder().startEpochNanos(nanos(150)).build())).isEmpty();
  }

  @Test
  void spanContentSurvivesTheRoundTrip() {
    Attributes attributes = Attributes.builder()
        .put("http.request.method", "GET")
        .put("http.response.status_code", 200L)
        .put("ratio", 0.25)
        .put("cached", true)
        .put("tags", List.of("a", "b"))
        .put("sizes", List.of(1L, 2L))
        .build();
    TraceContext linked = TraceContext.create(9, 9, 99, 1, TraceState.empty(), true);
    SpanData original = span(1, 101, 0, "api", "GET /orders", 0, 1_500)
        .kind(SpanKind.CLIENT)
        .context(TraceContext.create(1, 1, 101, 1, TraceState.empty().with("vendor", "x1"), false))
        .attributes(attributes)
        .events(List.of(new EventData(nanos(10), "exception",
            Attributes.builder().put("exception.type", "java.io.IOException").build(), 1)))
        .links(List.of(new LinkData(linked, Attributes.builder().put("reason", "retry").build())))
        .status(StatusCode.ERROR, "connection reset")
        .resource(new Resource(Attributes.builder()
            .put(Resource.SERVICE_NAME, "api").put("service.instance.id", "i-1").put("process.pid", 42L).build()))
        .scope(new InstrumentationScope("dev.tracekit.test", "2.0"))
        .droppedAttributesCount(3)
        .droppedEventsCount(4)
        .droppedLinksCount(5)
        .build();
    write(original);

    SpanData stored = store.getTrace(id(1)).orElseThrow().spans().get(0);

    assertThat(stored.context().traceIdHex()).isEqualTo(original.context().traceIdHex());
    assertThat(stored.context().spanId()).isEqualTo(101);
    assertThat(stored.context().flags()).isEqualTo(1);
    assertThat(stored.context().traceState()).isEqualTo(original.context().traceState());
    assertThat(stored.parentSpanId()).isZero();
    assertThat(stored.name()).isEqualTo("GET /orders");
    assertThat(stored.kind()).isEqualTo(SpanKind.CLIENT);
    assertThat(stored.startEpochNanos()).isEqualTo(original.startEpochNanos());
    assertThat(stored.endEpochNanos()).isEqualTo(original.endEpochNanos());
    assertThat(stored.attributes()).isEqualTo(attributes);
    assertThat(stored.events()).isEqualTo(original.events());
    assertThat(stored.links()).hasSize(1);
    assertThat(stored.links().get(0).context().spanId()).isEqualTo(99);
    assertThat(stored.links().get(0).attributes()).isEqualTo(original.links().get(0).attributes());
    assertThat(stored.statusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(stored.statusMessage()).isEqualTo("connection reset");
    assertThat(stored.resource()).isEqualTo(original.resource());
    assertThat(stored.scope()).isEqualTo(original.scope());
    assertThat(stored.droppedAttributesCount()).isEqualTo(3);
    assertThat(stored.droppedEventsCount()).isEqualTo(4);
    assertThat(stored.droppedLinksCount()).isEqualTo(5);
  }

  @Test
  void findTracesReturnsNewestFirstAndHonoursTheLimit() {
    for (int t = 1; t <= 5; t++) {
      write(root(t, "api", "GET /", t * 1_000L, 10));
    }

    assertThat(find(TraceQuery.builder())).containsExactly(id(5), id(4), id(3), id(2), id(1));
    assertThat(find(TraceQuery.builder().limit(2))).containsExactly(id(5), id(4));
  }

  @Test
  void findTracesByService() {
    write(root(1, "api", "GET /", 0, 10), child(1, 2, "db", "query", 1, 5));
    write(root(2, "api", "GET /", 100, 10));
    write(root(3, "auth", "check", 200, 10));

    assertThat(find(TraceQuery.builder().service("db"))).containsExactly(id(1));
    assertThat(find(TraceQuery.builder().service("api"))).containsExactly(id(2), id(1));
  }

  @Test
  void findTracesByServiceAndOperationRequiresOneSpanWithBoth() {
    write(root(1, "api", "GET /", 0, 10), child(1, 2, "db", "query", 1, 5));
    write(root(2, "api", "query", 100, 10), child(2, 2, "db", "other", 101, 5));

    assertThat(find(TraceQuery.builder().service("db").operation("query"))).containsExactly(id(1));
    assertThat(find(TraceQuery.builder().service("api").operation("query"))).containsExactly(id(2));
  }

  @Test
  void findTracesByOperationAloneMatchesAnyService() {
    write(root(1, "api", "GET /", 0, 10), child(1, 2, "db", "query", 1, 5));
    write(root(2, "api", "query", 100, 10));
    write(root(3, "api", "other", 200, 10));

    assertThat(find(TraceQuery.builder().operation("query"))).containsExactly(id(2), id(1));
  }

  @Test
  void findTracesByTagComparesValuesAsTextAndRequiresEveryTag() {
    write(span(1, 101, 0, "api", "GET /", 0, 10)
        .attributes(Attributes.builder().put("http.response.status_code", 500L).put("region", "eu").build()).build());
    write(span(2, 201, 0, "api", "GET /", 100, 10)
        .attributes(Attributes.builder().put("http.response.status_code", 200L).put("region", "eu").build()).build());
    write(root(3, "api", "GET /", 200, 10), span(3, 302, 301, "db", "q", 201, 5)
        .attributes(Attributes.builder().put("region", "us").put("cached", true).put("ratio", 0.5).build()).build());

    assertThat(find(TraceQuery.builder().tag("http.response.status_code", "500"))).containsExactly(id(1));
    assertThat(find(TraceQuery.builder().tag("region", "eu"))).containsExactly(id(2), id(1));
    assertThat(find(TraceQuery.builder().tag("region", "eu").tag("http.response.status_code", "200")))
        .containsExactly(id(2));
    assertThat(find(TraceQuery.builder().tag("cached", "true").tag("ratio", "0.5"))).containsExactly(id(3));
    assertThat(find(TraceQuery.builder().tag("region", "mars"))).isEmpty();
    assertThat(find(TraceQuery.builder().tag("Region", "eu"))).isEmpty();
  }

  @Test
  void findTracesByDurationBounds() {
    write(root(1, "api", "fast", 0, 100));
    write(root(2, "api", "medium", 1_000, 5_000));
    write(root(3, "api", "slow", 2_000, 90_000));

    assertThat(find(TraceQuery.builder().minDurationNanos(5_000_000))).containsExactly(id(3), id(2));
    assertThat(find(TraceQuery.builder().maxDurationNanos(5_000_000))).containsExactly(id(2), id(1));
    assertThat(find(TraceQuery.builder().minDurationNanos(1_000_000).maxDurationNanos(10_000_000)))
        .containsExactly(id(2));
    assertThat(find(TraceQuery.builder().minDurationNanos(100_000_000))).isEmpty();
    assertThat(find(TraceQuery.builder().minDurationNanos(1).limit(1))).containsExactly(id(3));
  }

  @Test
  void durationSpansFromEarliestStartToLatestEnd() {
    write(root(1, "api", "GET /", 0, 100), child(1, 2, "worker", "async", 50, 1_000));

    assertThat(store.findTraces(TraceQuery.builder().build()).get(0).durationNanos()).isEqualTo(1_050_000);
    assertThat(find(TraceQuery.builder().minDurationNanos(1_000_000))).containsExactly(id(1));
  }

  @Test
  void findTracesByTimeWindowIncludesBothEnds() {
    for (int t = 1; t <= 4; t++) {
      write(root(t, "api", "GET /", t * 1_000L, 10));
    }

    assertThat(find(TraceQuery.builder().startEpochNanos(nanos(2_000)).endEpochNanos(nanos(3_000))))
        .containsExactly(id(3), id(2));
    assertThat(find(TraceQuery.builder().endEpochNanos(nanos(1_500)))).containsExactly(id(1));
  }

  @Test
  void findTracesByErrorFlag() {
    write(root(1, "api", "GET /", 0, 10), error(child(1, 2, "db", "query", 1, 5)));
    write(root(2, "api", "GET /", 100, 10));

    assertThat(find(TraceQuery.builder().error(true))).containsExactly(id(1));
    assertThat(find(TraceQuery.builder().error(false))).containsExactly(id(2));
  }

  @Test
  void combinedCriteriaMustAllHold() {
    write(root(1, "api", "GET /", 0, 9_000), error(child(1, 2, "db", "query", 1, 5)));
    write(root(2, "api", "GET /", 100, 9_000), child(2, 2, "db", "query", 101, 5));
    write(root(3, "api", "GET /", 200, 10), error(child(3, 2, "db", "query", 201, 5)));

    assertThat(find(TraceQuery.builder().service("db").operation("query").error(true).minDurationNanos(1_000_000)))
        .containsExactly(id(1));
  }

  @Test
  void unknownServiceOperationOrTagMatchesNothing() {
    write(root(1, "api", "GET /", 0, 10));

    assertThat(find(TraceQuery.builder().service("nope"))).isEmpty();
    assertThat(find(TraceQuery.builder().service("api").operation("nope"))).isEmpty();
    assertThat(find(TraceQuery.builder().operation("nope"))).isEmpty();
    assertThat(find(TraceQuery.builder().tag("k", "v"))).isEmpty();
  }

  @Test
  void summaryNamesTheRootAndCountsSpansServicesAndErrors() {
    write(child(1, 2, "db", "query", 10, 5), error(child(1, 3, "cache", "get", 20, 5)),
        error(child(1, 4, "cache", "get", 30, 5)), root(1, "gateway", "GET /orders", 0, 100));

    TraceSummary summary = store.findTraces(TraceQuery.builder().build()).get(0);

    assertThat(summary.traceId()).isEqualTo(id(1));
    assertThat(summary.rootName()).isEqualTo("GET /orders");
    assertThat(summary.rootService()).isEqualTo("gateway");
    assertThat(summary.rootMissing()).isFalse();
    assertThat(summary.startEpochNanos()).isEqualTo(nanos(0));
    assertThat(summary.durationNanos()).isEqualTo(100_000);
    assertThat(summary.spanCount()).isEqualTo(4);
    assertThat(summary.errorCount()).isEqualTo(2);
    assertThat(summary.error()).isTrue();
    assertThat(summary.services()).containsExactly("cache", "db", "gateway");
  }

  @Test
  void summaryShowsTheEarliestSpanWhenTheRootIsMissing() {
    write(child(1, 3, "db", "late", 20, 5), child(1, 2, "api", "early", 10, 50));

    TraceSummary summary = store.findTraces(TraceQuery.builder().build()).get(0);

    assertThat(summary.rootMissing()).isTrue();
    assertThat(summary.rootName()).isEqualTo("early");
    assertThat(summary.rootService()).isEqualTo("api");

    write(root(1, "gateway", "GET /", 0, 100));
    summary = store.findTraces(TraceQuery.builder().build()).get(0);
    assertThat(summary.rootMissing()).isFalse();
    assertThat(summary.rootName()).isEqualTo("GET /");
  }

  @Test
  void servicesAndOperationsAreSortedAndDistinct() {
    write(root(1, "gateway", "GET /b", 0, 10), child(1, 2, "auth", "check", 1, 5), child(1, 3, "auth", "check", 2, 5));
    write(root(2, "gateway", "GET /a", 100, 10), child(2, 2, "auth", "login", 101, 5));

    assertThat(store.services()).containsExactly("auth", "gateway");
    assertThat(store.operations("auth")).containsExactly("check", "login");
    assertThat(store.operations("gateway")).containsExactly("GET /a", "GET /b");
    assertThat(store.operations("unknown")).isEmpty();
  }

  @Test
  void logsOfATraceComeWithItInTimeOrder() {
    write(root(1, "api", "GET /", 0, 100));
    writeLogs(log(1, 101, "api", 50, 9, "second"), log(1, 101, "api", 10, 9, "first"), log(2, 201, "api", 5, 9, "other"));

    assertThat(store.getTrace(id(1)).orElseThrow().logs()).extracting(LogRecordData::body)
        .containsExactly("first", "second");
  }

  @Test
  void traceWithOnlyLogsIsFound() {
    writeLogs(log(7, 701, "api", 10, 9, "no spans were sampled"));

    StoredTrace trace = store.getTrace(id(7)).orElseThrow();

    assertThat(trace.spans()).isEmpty();
    assertThat(trace.logs()).extracting(LogRecordData::body).containsExactly("no spans were sampled");
  }

  @Test
  void logContentSurvivesTheRoundTrip() {
    LogRecordData original = new LogRecordData(nanos(10), nanos(12), 17, "ERROR", "payment failed: card declined",
        Attributes.builder().put("order.id", 42L).put("retry", false).build(), 1, 1, 101, 1,
        new Resource(Attributes.builder().put(Resource.SERVICE_NAME, "payments").put("host.name", "h1").build()),
        new InstrumentationScope("com.example.Payments", null));
    writeLogs(original);

    assertThat(store.findLogs(LogQuery.builder().build())).containsExactly(original);
  }

  @Test
  void findLogsByTraceAndSpan() {
    writeLogs(log(1, 101, "api", 10, 9, "a"), log(1, 102, "api", 20, 9, "b"), log(2, 201, "api", 30, 9, "c"));

    assertThat(store.findLogs(LogQuery.builder().traceId(id(1)).build())).extracting(LogRecordData::body)
        .containsExactly("b", "a");
    assertThat(store.findLogs(LogQuery.builder().traceId(id(1)).spanId(102).build())).extracting(LogRecordData::body)
        .containsExactly("b");
    assertThat(store.findLogs(LogQuery.builder().spanId(201).build())).extracting(LogRecordData::body)
        .containsExactly("c");
  }

  @Test
  void findLogsByServiceAndMinimumSeverity() {
    LogRecordData textOnly = new LogRecordData(nanos(40), nanos(40), 0, "WARN", "by text", Attributes.empty(),
        0, 0, 0, 0, service("api"), new InstrumentationScope("test", null));
    writeLogs(log(0, 0, "api", 10, Severity.INFO, "info"), log(0, 0, "api", 20, Severity.ERROR, "error"),
        log(0, 0, "db", 30, Severity.FATAL, "db fatal"), textOnly);

    assertThat(store.findLogs(LogQuery.builder().service("api").build())).extracting(LogRecordData::body)
        .containsExactly("by text", "error", "info");
    assertThat(store.findLogs(LogQuery.builder().minSeverity(Severity.WARN).build())).extracting(LogRecordData::body)
        .containsExactly("by text", "db fatal", "error");
    assertThat(store.findLogs(LogQuery.builder().service("api").minSeverity(Severity.ERROR).build()))
        .extracting(LogRecordData::body).containsExactly("error");
  }

  @Test
  void findLogsByTextIsACaseInsensitiveSubstring() {
    writeLogs(log(0, 0, "api", 10, 9, "Payment FAILED for order 7"), log(0, 0, "api", 20, 9, "payment ok"),
        log(0, 0, "api", 30, 9, "100% of 5_000 done"));

    assertThat(store.findLogs(LogQuery.builder().text("failed").build())).extracting(LogRecordData::body)
        .containsExactly("Payment FAILED for order 7");
    assertThat(store.findLogs(LogQuery.builder().text("PAYMENT").build())).hasSize(2);
    assertThat(store.findLogs(LogQuery.builder().text("100%").build())).hasSize(1);
    assertThat(store.findLogs(LogQuery.builder().text("5_0").build())).hasSize(1);
    assertThat(store.findLogs(LogQuery.builder().text("%").build())).hasSize(1);
    assertThat(store.findLogs(LogQuery.builder().text("_").build())).hasSize(1);
  }

  @Test
  void findLogsByTimeWindowNewestFirstWithLimit() {
    for (int i = 1; i <= 5; i++) {
      writeLogs(log(1, 101, "api", i * 10L, 9, "log" + i));
    }

    assertThat(store.findLogs(LogQuery.builder().startEpochNanos(nanos(20)).endEpochNanos(nanos(40)).build()))
        .extracting(LogRecordData::body).containsExactly("log4", "log3", "log2");
    assertThat(store.findLogs(LogQuery.builder().limit(2).build())).extracting(LogRecordData::body)
        .containsExactly("log5", "log4");
    assertThat(store.findLogs(LogQuery.builder().traceId(id(1)).limit(1).build())).extracting(LogRecordData::body)
        .containsExactly("log5");
  }

  @Test
  void purgeBeforeRemovesOldTracesAndLogsAndForgetsTheirNames() {
    write(root(1, "old-service", "old-op", 0, 10));
    write(root(2, "api", "GET /", 10_000, 10), child(2, 2, "old-service", "new-op", 10_001, 5));
    writeLogs(log(1, 101, "old-service", 5, 9, "old"), log(2, 201, "api", 10_005, 9, "new"));

    long removed = store.purgeBefore(nanos(5_000));

    assertThat(removed).isEqualTo(1);
    assertThat(store.getTrace(id(1))).isEmpty();
    assertThat(store.getTrace(id(2))).isPresent();
    assertThat(store.findTraces(TraceQuery.builder().build())).extracting(TraceSummary::traceId).containsExactly(id(2));
    assertThat(store.operations("old-service")).containsExactly("new-op");
    assertThat(store.findLogs(LogQuery.builder().build())).extracting(LogRecordData::body).containsExactly("new");

    store.purgeBefore(nanos(20_000));
    assertThat(store.services()).isEmpty();
    assertThat(store.operations("old-service")).isEmpty();
    assertThat(store.findLogs(LogQuery.builder().build())).isEmpty();
  }

  @Test
  void forEachTraceFeedsTheNewestTracesInTheWindowUpToTheMaximum() {
    for (int t = 1; t <= 5; t++) {
      write(root(t, "api", "GET /", t * 1_000L, 10), child(t, 2, "db", "q", t * 1_000L + 1, 5));
    }
    List<List<SpanData>> seen = new ArrayList<>();

    store.forEachTrace(nanos(2_000), nanos(5_000), 2, seen::add);

    assertThat(seen).hasSize(2);
    assertThat(seen).allSatisfy(trace -> assertThat(trace).hasSize(2));
    assertThat(seen).extracting(trace -> trace.get(0).context().traceIdLow()).containsExactlyInAnyOrder(5L, 4L);
  }
}
