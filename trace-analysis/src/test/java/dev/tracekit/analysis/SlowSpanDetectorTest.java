package dev.tracekit.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.analysis.TraceFixture.Spec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SlowSpanDetectorTest {

  /** History of one operation; records what it was asked. */
  private static final class OneOperation implements OperationHistory {
    final Map<String, OperationLatency> known;
    final List<String> asked = new ArrayList<>();

    OneOperation(String service, String operation, OperationLatency latency) {
      this.known = Map.of(service + "/" + operation, latency);
    }

    @Override
    public Optional<OperationLatency> latency(String service, String operation) {
      asked.add(service + "/" + operation);
      return Optional.ofNullable(known.get(service + "/" + operation));
    }
  }

  private static TraceFixture trace() {
    TraceFixture t = new TraceFixture();
    Spec root = t.root("data-service", "GET /report").ms(0, 1_000);
    root.query("SELECT * FROM sales").ms(10, 830);
    root.query("SELECT * FROM sales").ms(840, 900);
    return t;
  }

  private static List<Finding> slow(TraceFixture t, OperationHistory history) {
    TraceAnalysis a = new TraceAnalyzer(AnalysisSettings.defaults(), history).analyze(t.spans());
    return a.findings().stream().filter(f -> f.type() == FindingType.SLOW_SPAN).toList();
  }

  @Test
  void firesOnASpanOverItsOperationsP99() {
    OneOperation history = new OneOperation("data-service", "SELECT", new OperationLatency(3_400, 120_000));

    List<Finding> found = slow(trace(), history);

    assertThat(found).hasSize(1);
    assertThat(found.get(0).spanCount()).isEqualTo(1);
    assertThat(found.get(0).timeAtStakeMicros()).isEqualTo(700_000);
    assertThat(found.get(0).message()).isEqualTo("`SELECT` in data-service took 820 ms, over its p99 of 120 ms "
        + "(from 3400 stored spans); see what this one did differently.");
    // Asked once per operation, not once per span.
    assertThat(history.asked).containsExactlyInAnyOrder("data-service/GET /report", "data-service/SELECT");
  }

  @Test
  void doesNotFireWithTooFewStoredSamples() {
    assertThat(slow(trace(), new OneOperation("data-service", "SELECT", new OperationLatency(19, 120_000)))).isEmpty();
  }

  @Test
  void doesNotFireUnderTheP99() {
    assertThat(slow(trace(), new OneOperation("data-service", "SELECT", new OperationLatency(500, 900_000)))).isEmpty();
  }

  @Test
  void doesNotFireWithoutHistory() {
    assertThat(slow(trace(), OperationHistory.none())).isEmpty();
    assertThat(trace().analyze().findings()).noneMatch(f -> f.type() == FindingType.SLOW_SPAN);
  }
}
