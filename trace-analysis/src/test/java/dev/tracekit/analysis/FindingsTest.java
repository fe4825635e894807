package dev.tracekit.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.analysis.TraceFixture.Spec;
import java.time.Duration;
import java.util.Comparator;
import org.junit.jupiter.api.Test;

class FindingsTest {

  /** A trace with an N+1 (100 ms), sequential calls (70 ms saved) and a slow network call (408 ms). */
  private static TraceFixture mixed() {
    TraceFixture t = new TraceFixture();
    Spec root = t.root("gateway", "GET /api/orders/{id}").ms(0, 2_000);
    root.http("GET /validate", "auth").ms(5, 35);
    root.http("GET /orders/{id}", "data").ms(36, 96);
    root.http("GET /stock/{id}", "data").ms(97, 137);
    Spec slow = root.http("GET /slow", "auth").ms(500, 920);
    slow.server("auth-service", "GET /slow").ms(700, 712);
    Spec server = root.http("GET /items", "data").ms(1_000, 1_200).server("data-service", "GET /items").ms(1_010, 1_190);
    for (int i = 0; i < 5; i++) {
      server.query("SELECT * FROM items WHERE order_id = " + i).ms(1_020 + i * 20L, 1_040 + i * 20L);
    }
    return t;
  }

  @Test
  void findingsAreSortedByTimeAtStake() {
    TraceAnalysis a = mixed().analyze();

    assertThat(a.findings()).extracting(Finding::type).containsExactly(
        FindingType.SLOW_NETWORK, FindingType.N_PLUS_ONE, FindingType.SEQUENTIAL_CALLS);
    assertThat(a.findings()).isSortedAccordingTo(
        Comparator.comparingLong(Finding::timeAtStakeMicros).reversed());
  }

  @Test
  void severityFollowsTheTimeAtStake() {
    TraceAnalysis a = mixed().analyze();

    assertThat(a.findings()).extracting(Finding::severity).containsExactly(
        Severity.WARNING, Severity.WARNING, Severity.INFO);
    // 408 ms reaches a critical threshold of 400 ms.
    AnalysisSettings strict = AnalysisSettings.builder().criticalThreshold(Duration.ofMillis(400)).build();
    assertThat(mixed().analyze(strict).findings().get(0).severity()).isEqualTo(Severity.CRITICAL);
  }

  @Test
  void findingsBeyondTheLimitAreCountedNotKept() {
    AnalysisSettings settings = AnalysisSettings.builder().maxFindings(1).maxSpanIdsPerFinding(2).build();

    TraceAnalysis a = mixed().analyze(settings);

    assertThat(a.findings()).hasSize(1);
    assertThat(a.omittedFindingCount()).isEqualTo(2);
    assertThat(a.findings().get(0).spanIds()).hasSize(2);
    assertThat(a.findings().get(0).spanCount()).isEqualTo(2);
    TraceAnalysis n = mixed().analyze(AnalysisSettings.builder().maxSpanIdsPerFinding(2).build());
    Finding nPlusOne = n.findings().stream().filter(f -> f.type() == FindingType.N_PLUS_ONE).findFirst().orElseThrow();
    assertThat(nPlusOne.spanIds()).hasSize(2);
    assertThat(nPlusOne.spanCount()).isEqualTo(5);
  }
}
