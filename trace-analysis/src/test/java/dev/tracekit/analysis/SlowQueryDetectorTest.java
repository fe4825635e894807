package dev.tracekit.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.analysis.TraceFixture.Spec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlowQueryDetectorTest {

  private static List<Finding> slowQueries(TraceAnalysis a) {
    return a.findings().stream().filter(f -> f.type() == FindingType.SLOW_QUERY).toList();
  }

  @Test
  void firesTheFirstTimeAStatementTakesAHundredMillisecondsWithoutAnyHistory() {
    TraceFixture t = new TraceFixture();
    Spec root = t.root("data-service", "GET /data/customers/{id}/recommendations").ms(0, 340);
    root.query("select * from customers where id = 1").ms(10, 12);
    root.query("select pause(300)").ms(20, 326);

    List<Finding> found = slowQueries(t.analyze());
    assertThat(found).hasSize(1);
    Finding f = found.get(0);
    assertThat(f.spanCount()).isEqualTo(1);
    assertThat(f.timeAtStakeMicros()).isEqualTo(306_000);
    assertThat(f.severity()).isEqualTo(Severity.CRITICAL); // 306 ms of a 340 ms trace
    assertThat(f.message()).isEqualTo("`SELECT pause(?)` in data-service took 306 ms (slow: 100 ms or more);"
        + " look at its plan, its indexes and what it waited for.");
  }

  @Test
  void doesNotFireBelowTheThresholdHoweverLargeTheShareOfTheTrace() {
    TraceFixture t = new TraceFixture();
    Spec root = t.root("data-service", "GET /").ms(0, 100);
    root.query("SELECT * FROM orders").ms(1, 100); // 99 ms
    assertThat(slowQueries(t.analyze())).isEmpty();
  }

  @Test
  void firesAtExactlyTheThreshold() {
    TraceFixture t = new TraceFixture();
    t.root("data-service", "GET /").ms(0, 1_000).query("SELECT * FROM orders").ms(0, 100);
    assertThat(slowQueries(t.analyze())).hasSize(1);
  }

  @Test
  void aSlowSpanThatIsNoStatementIsNotASlowQuery() {
    TraceFixture t = new TraceFixture();
    Spec root = t.root("gateway-service", "GET /").ms(0, 1_000);
    root.http("GET /data", "data-service").ms(0, 900);
    root.internal("render").ms(900, 1_000);
    assertThat(slowQueries(t.analyze())).isEmpty();
  }

  @Test
  void slowRunsOfOneStatementShapeInOneServiceMakeOneFinding() {
    TraceFixture t = new TraceFixture();
    Spec root = t.root("data-service", "GET /report").ms(0, 2_000);
    root.query("SELECT * FROM orders WHERE customer_id = 1").ms(0, 200);
    root.query("SELECT * FROM orders WHERE customer_id = 2").ms(200, 500);
    root.query("SELECT * FROM orders WHERE customer_id = 3").ms(500, 520); // fast: not listed
    root.query("SELECT count(*) FROM items").ms(600, 750);

    List<Finding> found = slowQueries(t.analyze());
    assertThat(found).hasSize(2);
    Finding orders = found.get(0); // largest time at stake first
    assertThat(orders.spanCount()).isEqualTo(2);
    assertThat(orders.timeAtStakeMicros()).isEqualTo(500_000);
    assertThat(orders.message()).startsWith(
        "2 x `SELECT * FROM orders WHERE customer_id = ?` in data-service took up to 300 ms, 500 ms in all");
    assertThat(found.get(1).message()).startsWith("`SELECT COUNT(*) FROM items` in data-service took 150 ms");
  }

  @Test
  void theThresholdIsASetting() {
    TraceFixture t = new TraceFixture();
    t.root("data-service", "GET /").ms(0, 1_000).query("SELECT * FROM orders").ms(0, 40);
    AnalysisSettings settings = AnalysisSettings.builder().slowQueryMinDuration(Duration.ofMillis(25)).build();
    assertThat(slowQueries(t.analyze(settings))).singleElement()
        .satisfies(f -> assertThat(f.message()).contains("took 40.0 ms (slow: 25.0 ms or more)"));
  }
}
