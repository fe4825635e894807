package dev.tracekit.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tracekit.analysis.TraceFixture.Spec;
import org.junit.jupiter.api.Test;

class BreakdownTest {

  private static SpanNode node(TraceAnalysis a, Spec s) {
    return a.spans().stream().filter(n -> n.spanId().equals(s.hex())).findFirst().orElseThrow();
  }

  @Test
  void selfTimeSubtractsTheUnionOfOverlappingChildren() {
    TraceFixture t = new TraceFixture();
    Spec root = t.root("svc", "root").ms(0, 100);
    root.internal("a").ms(10, 40);
    root.internal("b").ms(30, 60);
    root.internal("c").ms(80, 90);

    TraceAnalysis a = t.analyze();

    // Covered: 10..60 and 80..90 = 60 ms, not 30 + 30 + 10 = 70 ms.
    assertThat(node(a, root).selfTimeMicros()).isEqualTo(40_000);
  }

  @Test
  void selfTimeIgnoresChildTimeOutsideTheParent() {
    TraceFixture t = new TraceFixture();
    Spec root = t.root("svc", "root").ms(0, 100);
    Spec async = root.internal("async flush").ms(90, 150);
    async.internal("write").ms(140, 150);

    TraceAnalysis a = t.analyze();

    assertThat(node(a, root).selfTimeMicros()).isEqualTo(90_000);
    assertThat(node(a, async).selfTimeMicros()).isEqualTo(50_000);
  }

  @Test
  void serviceBreakdownSharesSelfTimeAndAddsUpToOneHundredPercent() {
    TraceFixture t = new TraceFixture();
    Spec root = t.root("gateway", "GET /").ms(0, 100);
    Spec call = root.http("GET /x", "data").ms(10, 90);
    Spec server = call.server("data-service", "GET /x").ms(15, 85);
    server.query("SELECT 1").ms(20, 40);
    server.query("SELECT 2").ms(40, 60);

    TraceAnalysis a = t.analyze();

    // gateway: root 20 ms self + client 10 ms self = 30; data-service: server 30 + queries 40 = 70.
    assertThat(a.serviceBreakdown()).extracting(ServiceSummary::service).containsExactly("data-service", "gateway");
    ServiceSummary data = a.serviceBreakdown().get(0);
    assertThat(data.spanCount()).isEqualTo(3);
    assertThat(data.totalTimeMicros()).isEqualTo(110_000);
    assertThat(data.selfTimeMicros()).isEqualTo(70_000);
    assertThat(data.selfTimePercent()).isEqualTo(70.0);
    assertThat(a.serviceBreakdown().get(1).selfTimePercent()).isEqualTo(30.0);
    assertThat(a.serviceBreakdown().stream().mapToDouble(ServiceSummary::selfTimePercent).sum())
        .isCloseTo(100.0, within(0.2));
  }

  @Test
  void operationBreakdownGroupsSpansByServiceAndName() {
    TraceFixture t = new TraceFixture();
    Spec root = t.root("data-service", "GET /").ms(0, 100);
    root.query("SELECT 1").ms(10, 20).error("boom");
    root.query("SELECT 2").ms(20, 50);
    root.internal("map").ms(50, 60);

    TraceAnalysis a = t.analyze();

    assertThat(a.operationBreakdown()).extracting(OperationSummary::operation)
        .containsExactly("GET /", "SELECT", "map");
    OperationSummary select = a.operationBreakdown().get(1);
    assertThat(select.service()).isEqualTo("data-service");
    assertThat(select.spanCount()).isEqualTo(2);
    assertThat(select.errorCount()).isEqualTo(1);
    assertThat(select.selfTimeMicros()).isEqualTo(40_000);
    assertThat(select.selfTimePercent()).isEqualTo(40.0);
  }
}
