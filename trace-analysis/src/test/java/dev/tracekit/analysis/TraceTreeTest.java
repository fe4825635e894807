package dev.tracekit.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracekit.analysis.TraceFixture.Spec;
import dev.tracekit.core.SpanData;
import dev.tracekit.core.SpanKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TraceTreeTest {

  private static Map<String, SpanNode> byId(TraceAnalysis a) {
    return a.spans().stream().collect(Collectors.toMap(SpanNode::spanId, Function.identity()));
  }

  @Test
  void totalsCountSpansDepthServicesAndErrors() {
    TraceFixture t = new TraceFixture();
    Spec root = t.root("gateway", "GET /api/orders/{id}").ms(0, 100);
    Spec call = root.http("GET /orders/{id}", "data").ms(10, 90);
    Spec server = call.server("data-service", "GET /orders/{id}").ms(12, 88);
    server.query("SELECT * FROM orders WHERE id = 7").ms(20, 30).error("deadlock");
    root.http("GET /validate", "auth").ms(1, 9).error("401");

    TraceAnalysis a = t.analyze();

    assertThat(a.traceId()).isEqualTo(TraceFixture.TRACE_ID);
    assertThat(a.spanCount()).isEqualTo(5);
    assertThat(a.depth()).isEqualTo(4);
    assertThat(a.errorCount()).isEqualTo(2);
    assertThat(a.services()).containsExactly("data-service", "gateway");
    assertThat(a.durationMicros()).isEqualTo(100_000);
    assertThat(a.startEpochMicros()).isEqualTo(TraceFixture.EPOCH_NANOS / 1_000);
    assertThat(a.rootSpanId()).isEqualTo(root.hex());
    assertThat(a.rootName()).isEqualTo("GET /api/orders/{id}");
    assertThat(a.rootService()).isEqualTo("gateway");
    assertThat(a.syntheticRoot()).isFalse();
    assertThat(a.orphanCount()).isZero();
    // Depth-first, children by start: the auth call (1 ms) before the data call (10 ms).
    assertThat(a.spans()).extracting(SpanNode::name).containsExactly(
        "GET /api/orders/{id}", "GET /validate", "GET /orders/{id}", "GET /orders/{id}", "SELECT");
    assertThat(a.spans()).extracting(SpanNode::depth).containsExactly(0, 1, 1, 2, 3);
  }

  @Test
  void orphansHangUnderSyntheticRootAndAreMarked() {
    TraceFixture t = new TraceFixture();
    Spec root = t.root("gateway", "GET /").ms(0, 100);
    root.internal("render").ms(10, 20);
    Spec orphan = t.span("data-service", "GET /orders", SpanKind.SERVER, 0xdeadL).ms(30, 150);
    orphan.query("SELECT 1").ms(40, 50);

    TraceAnalysis a = t.analyze();

    assertThat(a.syntheticRoot()).isTrue();
    assertThat(a.orphanCount()).isEqualTo(1);
    SpanNode o = byId(a).get(orphan.hex());
    assertThat(o.orphan()).isTrue();
    assertThat(o.depth()).isZero();
    assertThat(o.parentSpanId()).isEqualTo(TraceFixture.hex(0xdeadL));
    assertThat(byId(a).get(root.hex()).orphan()).isFalse();
    assertThat(a.spans()).filteredOn(SpanNode::orphan).hasSize(1);
    // The synthetic root covers the whole trace, so the critical path does too.
    assertThat(a.durationMicros()).isEqualTo(150_000);
    assertThat(a.criticalPath().stream().mapToLong(CriticalPathSegment::contributionMicros).sum())
        .isEqualTo(150_000);
  }

  @Test
  void singleOrphanWithoutItsRootStillCountsAsUnderSyntheticRoot() {
    TraceFixture t = new TraceFixture();
    Spec orphan = t.span("data-service", "GET /orders", SpanKind.SERVER, 0xbeefL).ms(0, 50);
    orphan.internal("work").ms(10, 20);

    TraceAnalysis a = t.analyze();

    assertThat(a.syntheticRoot()).isTrue();
    assertThat(a.orphanCount()).isEqualTo(1);
    assertThat(a.rootSpanId()).isEqualTo(orphan.hex());
  }

  @Test
  void parentCycleIsBrokenInsteadOfLoopingForever() {
    TraceFixture t = new TraceFixture();
    t.root("gateway", "GET /").ms(0, 100);
    // 0x1001 -> parent 0x1002 -> parent 0x1001: a cycle; 0x1003 hangs below it; 0x1004 is its own parent.
    t.span("svc", "a", SpanKind.INTERNAL, 0x1002).ms(10, 20);
    t.span("svc", "b", SpanKind.INTERNAL, 0x1001).ms(12, 18);
    t.span("svc", "c", SpanKind.INTERNAL, 0x1002).ms(13, 14);
    t.span("svc", "d", SpanKind.INTERNAL, 0x1004).ms(30, 40);

    TraceAnalysis a = t.analyze();

    assertThat(a.spanCount()).isEqualTo(5);
    assertThat(a.spans()).extracting(SpanNode::spanId).doesNotHaveDuplicates().hasSize(5);
    assertThat(a.orphanCount()).isEqualTo(2);
    assertThat(a.spans()).filteredOn(SpanNode::orphan).extracting(SpanNode::name).containsExactlyInAnyOrder("a", "d");
    assertThat(byId(a).get(TraceFixture.hex(0x1002)).depth()).isEqualTo(1);
    assertThat(byId(a).get(TraceFixture.hex(0x1003)).depth()).isEqualTo(2);
  }

  @Test
  void exactDuplicateSpansAreDroppedAndCounted() {
    TraceFixture t = new TraceFixture();
    Spec root = t.root("gateway", "GET /").ms(0, 100);
    Spec child = root.internal("work").ms(10, 20);
    root.internal("work").ms(10, 20).sameIdAs(child);

    TraceAnalysis a = t.analyze();

    assertThat(a.spanCount()).isEqualTo(2);
    assertThat(a.duplicateSpanCount()).isEqualTo(1);
  }

  @Test
  void sharedSpanIdNestsServerHalfUnderClientHalf() {
    TraceFixture t = new TraceFixture();
    Spec root = t.root("gateway", "GET /").ms(0, 100);
    Spec client = root.http("GET /validate", "auth").ms(10, 60);
    Spec server = root.server("auth-service", "GET /validate").ms(20, 50).sameIdAs(client);
    server.internal("check token").ms(25, 45);

    TraceAnalysis a = t.analyze();

    assertThat(a.spans()).extracting(SpanNode::service, SpanNode::kind, SpanNode::depth).containsExactly(
        org.assertj.core.groups.Tuple.tuple("gateway", SpanKind.SERVER, 0),
        org.assertj.core.groups.Tuple.tuple("gateway", SpanKind.CLIENT, 1),
        org.assertj.core.groups.Tuple.tuple("auth-service", SpanKind.SERVER, 2),
        org.assertj.core.groups.Tuple.tuple("auth-service", SpanKind.INTERNAL, 3));
    assertThat(a.orphanCount()).isZero();
    assertThat(a.duplicateSpanCount()).isZero();
  }

  @Test
  void serverStartingBeforeItsClientIsCentredAndTheShiftReported() {
    TraceFixture t = new TraceFixture();
    Spec root = t.root("gateway", "GET /").ms(0, 100);
    Spec client = root.http("GET /validate", "auth").ms(10, 50);
    // auth's clock runs 25 ms behind: its 30 ms of work appear to start 5 ms before the call.
    Spec server = client.server("auth-service", "GET /validate").ms(5, 35);

    TraceAnalysis a = t.analyze();

    // Centred: (40 - 30) / 2 = 5 ms of latency each way, so it starts at 15 ms.
    assertThat(byId(a).get(server.hex()).startOffsetMicros()).isEqualTo(15_000);
    assertThat(byId(a).get(server.hex()).durationMicros()).isEqualTo(30_000);
    assertThat(a.clockSkewCorrections()).containsExactly(
        new ClockSkewCorrection(server.hex(), "auth-service", "gateway", 10_000));
  }

  @Test
  void clockShiftMovesTheWholeSubtree() {
    TraceFixture t = new TraceFixture();
    Spec root = t.root("gateway", "GET /").ms(1_000, 1_100);
    Spec client = root.http("GET /orders", "data").ms(1_010, 1_090);
    // data's clock runs 1 s ahead.
    Spec server = client.server("data-service", "GET /orders").ms(2_020, 2_080);
    Spec query = server.query("SELECT 1").ms(2_030, 2_040);
    Spec work = query.internal("map rows").ms(2_041, 2_050);

    TraceAnalysis a = t.analyze();

    assertThat(a.clockSkewCorrections()).hasSize(1);
    long shift = a.clockSkewCorrections().get(0).shiftMicros();
    assertThat(shift).isEqualTo(-1_010_000 + 10_000); // centred: 20 ms slack, 10 ms each way
    assertThat(byId(a).get(server.hex()).startOffsetMicros()).isEqualTo(20_000);
    assertThat(byId(a).get(query.hex()).startOffsetMicros()).isEqualTo(30_000);
    assertThat(byId(a).get(work.hex()).startOffsetMicros()).isEqualTo(41_000);
    assertThat(a.durationMicros()).isEqualTo(100_000);
  }

  @Test
  void childOnTheSameHostIsNeverShifted() {
    TraceFixture t = new TraceFixture();
    Spec root = t.root("gateway", "GET /").host("box-1").ms(0, 100);
    Spec client = root.http("GET /validate", "auth").host("box-1").ms(10, 50);
    Spec server = client.server("auth-service", "GET /validate").host("box-1").ms(5, 35);

    TraceAnalysis a = t.analyze();

    assertThat(a.clockSkewCorrections()).isEmpty();
    assertThat(byId(a).get(server.hex()).startOffsetMicros()).isEqualTo(5_000);
  }

  @Test
  void childLongerThanItsParentAndMessagingConsumersStayWhereTheyAre() {
    TraceFixture t = new TraceFixture();
    Spec root = t.root("gateway", "GET /").ms(0, 100);
    Spec client = root.http("GET /slow", "data").ms(10, 20);
    client.server("data-service", "GET /slow").ms(5, 40);
    Spec producer = root.child("gateway", "publish order", SpanKind.PRODUCER).ms(30, 31);
    producer.child("billing", "process order", SpanKind.CONSUMER).ms(200, 300);

    TraceAnalysis a = t.analyze();

    assertThat(a.clockSkewCorrections()).isEmpty();
  }

  @Test
  void nonRpcChildOfAnotherHostMovesTheLeastDistanceThatFitsIt() {
    TraceFixture t = new TraceFixture();
    Spec root = t.root("gateway", "GET /").ms(0, 100);
    Spec child = root.child("worker", "render", SpanKind.INTERNAL).ms(90, 110);

    TraceAnalysis a = t.analyze();

    assertThat(a.clockSkewCorrections()).containsExactly(
        new ClockSkewCorrection(child.hex(), "worker", "gateway", -10_000));
    assertThat(byId(a).get(child.hex()).startOffsetMicros()).isEqualTo(80_000);
  }

  @Test
  void emptyTraceIsRejectedWithAClearMessage() {
    TraceAnalyzer analyzer = TraceAnalyzer.withDefaults();
    assertThatThrownBy(() -> analyzer.analyze(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no spans");
  }

  @Test
  void spansOfTwoTracesAreRejected() {
    TraceFixture t = new TraceFixture();
    t.root("a", "x").ms(0, 1);
    t.nextTrace().root("b", "y").ms(0, 1);
    assertThatThrownBy(t::analyze)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("more than one trace");
  }

  @Test
  void nullSpanIsRejectedNamingItsPosition() {
    TraceFixture t = new TraceFixture();
    t.root("a", "x").ms(0, 1);
    List<SpanData> spans = new ArrayList<>(t.spans());
    spans.add(null);
    assertThatThrownBy(() -> TraceAnalyzer.withDefaults().analyze(spans))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("spans[1]");
  }

  @Test
  void endBeforeStartCountsAsZeroDuration() {
    TraceFixture t = new TraceFixture();
    Spec root = t.root("a", "x").ms(0, 10);
    Spec bad = root.internal("bad").ms(5, 3);

    TraceAnalysis a = t.analyze();

    assertThat(byId(a).get(bad.hex()).durationMicros()).isZero();
  }

  @Test
  void deepChainOfTwentyThousandSpansIsAnalysedWithoutRecursion() {
    TraceFixture t = new TraceFixture();
    Spec s = t.root("svc", "root").us(0, 40_000);
    for (int i = 1; i < 20_000; i++) {
      s = s.internal("level").us(i, 40_000 - i);
    }

    TraceAnalysis a = t.analyze();

    assertThat(a.spanCount()).isEqualTo(20_000);
    assertThat(a.depth()).isEqualTo(20_000);
    assertThat(a.criticalPath().stream().mapToLong(CriticalPathSegment::contributionMicros).sum())
        .isEqualTo(40_000);
    assertThat(TextReport.render(a)).contains("Spans 20000");
  }

  @Test
  void wideTraceOfTwentyThousandSpansIsAnalysed() {
    TraceFixture t = new TraceFixture();
    Spec root = t.root("gateway", "GET /api/orders").ms(0, 60_000);
    int spans = 1;
    for (int request = 0; spans < 20_000; request++) {
      long at = request * 20L;
      Spec call = root.http("GET /items/{id}", "data").ms(at, at + 19);
      Spec server = call.server("data-service", "GET /items/{id}").us(at * 1_000 + 500, at * 1_000 + 18_500);
      spans += 2;
      for (int q = 0; q < 6 && spans < 20_000; q++, spans++) {
        server.query("SELECT * FROM items WHERE id = " + (request * 10 + q))
            .us(at * 1_000 + 1_000 + q * 2_500, at * 1_000 + 3_000 + q * 2_500);
      }
    }

    TraceAnalysis a = t.analyze();

    assertThat(a.spanCount()).isEqualTo(20_000);
    assertThat(a.spans()).hasSize(20_000);
    assertThat(a.findings()).extracting(Finding::type).contains(FindingType.SEQUENTIAL_CALLS);
    assertThat(a.criticalPath().stream().mapToLong(CriticalPathSegment::contributionMicros).sum())
        .isEqualTo(60_000_000);
  }
}
