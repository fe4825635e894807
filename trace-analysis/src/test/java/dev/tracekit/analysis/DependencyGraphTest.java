package dev.tracekit.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.tracekit.analysis.TraceFixture.Spec;
import dev.tracekit.core.SpanKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class DependencyGraphTest {

  @Test
  void clientServerPairsMakeEdgesWithCountsAndErrors() {
    TraceFixture t = new TraceFixture();
    for (int i = 0; i < 3; i++) {
      Spec root = t.root("gateway", "GET /").ms(0, 100);
      Spec call = root.http("GET /validate", "auth").ms(10, 30);
      Spec server = call.server("auth-service", "GET /validate").ms(12, 28);
      if (i == 2) {
        server.error("token store down");
      }
      root.http("GET /orders", "data").ms(30, 90).server("data-service", "GET /orders").ms(35, 85);
      t.nextTrace();
    }

    List<DependencyLink> links = DependencyGraph.builder().add(t.spans()).build();

    assertThat(links).containsExactly(
        new DependencyLink("gateway", "auth-service", 3, 1, 20_000, 20_000),
        new DependencyLink("gateway", "data-service", 3, 0, 60_000, 60_000));
  }

  @Test
  void addingTracesOneByOneGivesTheSameGraph() {
    DependencyGraph.Builder builder = DependencyGraph.builder();
    for (int i = 0; i < 2; i++) {
      TraceFixture t = new TraceFixture();
      t.root("gateway", "GET /").ms(0, 100).http("GET /x", "auth").ms(10, 30)
          .server("auth-service", "GET /x").ms(12, 28);
      builder.add(t.spans());
    }
    assertThat(builder.build()).containsExactly(new DependencyLink("gateway", "auth-service", 2, 0, 20_000, 20_000));
  }

  @Test
  void childOfAnotherServiceWithoutClientSpanMakesAnEdge() {
    TraceFixture t = new TraceFixture();
    Spec root = t.root("gateway", "POST /orders").ms(0, 100);
    root.child("gateway", "publish", SpanKind.PRODUCER).ms(10, 12)
        .child("billing", "process", SpanKind.CONSUMER).ms(50, 80);
    root.internal("render").ms(90, 95);
    // The request failed for its own reasons: the call to billing did not.
    root.error("validation failed");

    assertThat(DependencyGraph.builder().add(t.spans()).build())
        .containsExactly(new DependencyLink("gateway", "billing", 1, 0, 30_000, 30_000));
  }

  @Test
  void untracedCalleesAreNamedByPeerServiceOrDatabaseSystem() {
    TraceFixture t = new TraceFixture();
    Spec root = t.root("data-service", "GET /").ms(0, 100);
    root.query("SELECT 1").ms(10, 20);
    root.client("GET /rates").attr("peer.service", "fx-api").ms(20, 60).error("timeout");
    root.client("GET /unknown").ms(60, 70);

    assertThat(DependencyGraph.builder().add(t.spans()).build()).containsExactly(
        new DependencyLink("data-service", "fx-api", 1, 1, 40_000, 40_000),
        new DependencyLink("data-service", "postgresql", 1, 0, 10_000, 10_000));
  }

  @Test
  void sharedSpanIdClientServerPairsAreLinked() {
    TraceFixture t = new TraceFixture();
    Spec root = t.root("gateway", "GET /").ms(0, 100);
    Spec client = root.http("GET /x", "auth").ms(10, 60);
    root.server("auth-service", "GET /x").ms(20, 50).sameIdAs(client);

    assertThat(DependencyGraph.builder().add(t.spans()).build())
        .containsExactly(new DependencyLink("gateway", "auth-service", 1, 0, 50_000, 50_000));
  }

  @Test
  void percentilesComeFromTheCallersLatencies() {
    TraceFixture t = new TraceFixture();
    Spec root = t.root("gateway", "GET /").ms(0, 100_000);
    for (int i = 1; i <= 200; i++) {
      long start = i * 300L;
      // 1..100 ms, twice each.
      long ms = (i + 1) / 2;
      root.http("GET /x", "auth").ms(start, start + ms).server("auth-service", "GET /x").ms(start, start + ms);
    }

    DependencyLink link = DependencyGraph.builder().add(t.spans()).build().get(0);

    assertThat(link.callCount()).isEqualTo(200);
    assertThat(link.p50Micros()).isCloseTo(50_000, withinPercentage(1.6));
    assertThat(link.p99Micros()).isCloseTo(99_000, withinPercentage(1.6));
  }
}
