package dev.tracekit.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.analysis.TraceFixture.Spec;
import java.util.List;
import org.junit.jupiter.api.Test;

class SequentialCallsDetectorTest {

  private static List<Finding> sequential(TraceAnalysis a) {
    return a.findings().stream().filter(f -> f.type() == FindingType.SEQUENTIAL_CALLS).toList();
  }

  @Test
  void firesOnThreeBackToBackCallsWithTheTimeParallelismWouldSave() {
    TraceFixture t = new TraceFixture();
    Spec root = t.root("gateway", "GET /api/orders/{id}").ms(0, 200);
    Spec auth = root.http("GET /validate", "auth").ms(5, 35);
    Spec order = root.http("GET /orders/{id}", "data").ms(36, 96);
    Spec stock = root.http("GET /stock/{id}", "data").ms(97, 137);

    List<Finding> found = sequential(t.analyze());

    assertThat(found).hasSize(1);
    Finding f = found.get(0);
    assertThat(f.spanIds()).containsExactly(auth.hex(), order.hex(), stock.hex());
    assertThat(f.timeAtStakeMicros()).isEqualTo(30_000 + 40_000);
    assertThat(f.message()).isEqualTo("3 calls under `GET /api/orders/{id}` ran one after another "
        + "(`GET /validate`, `GET /orders/{id}`, `GET /stock/{id}`) for 130 ms; nothing in the trace shows "
        + "they depend on each other, so running them in parallel could save 70.0 ms.");
  }

  @Test
  void doesNotFireOnOverlappingCalls() {
    TraceFixture t = new TraceFixture();
    Spec root = t.root("gateway", "GET /").ms(0, 200);
    root.http("GET /a", "a").ms(5, 65);
    root.http("GET /b", "b").ms(6, 66);
    root.http("GET /c", "c").ms(7, 67);
    assertThat(sequential(t.analyze())).isEmpty();
  }

  @Test
  void doesNotFireWhenOneOfThreeOverlapsAnother() {
    TraceFixture t = new TraceFixture();
    Spec root = t.root("gateway", "GET /").ms(0, 200);
    root.http("GET /a", "a").ms(5, 65);
    root.http("GET /b", "b").ms(60, 120);
    root.http("GET /c", "c").ms(121, 181);
    assertThat(sequential(t.analyze())).isEmpty();
  }

  @Test
  void doesNotFireOnTwoCalls() {
    TraceFixture t = new TraceFixture();
    Spec root = t.root("gateway", "GET /").ms(0, 200);
    root.http("GET /a", "a").ms(5, 65);
    root.http("GET /b", "b").ms(66, 126);
    assertThat(sequential(t.analyze())).isEmpty();
  }

  @Test
  void aLongPauseBetweenCallsBreaksTheRun() {
    TraceFixture t = new TraceFixture();
    Spec root = t.root("gateway", "GET /").ms(0, 500);
    root.http("GET /a", "a").ms(5, 65);
    root.http("GET /b", "b").ms(66, 126);
    root.http("GET /c", "c").ms(300, 360);
    assertThat(sequential(t.analyze())).isEmpty();
  }

  @Test
  void retriesOfAFailedCallAreNotCountedAsIndependentCalls() {
    TraceFixture t = new TraceFixture();
    Spec root = t.root("gateway", "GET /").ms(0, 300);
    root.http("GET /a", "a").ms(5, 65).error("503");
    root.http("GET /a", "a").ms(66, 126);
    root.http("GET /b", "b").ms(127, 187);
    assertThat(sequential(t.analyze())).isEmpty();
  }

  @Test
  void databaseCallsAreLeftToTheNPlusOneDetector() {
    TraceFixture t = new TraceFixture();
    Spec root = t.root("data-service", "GET /").ms(0, 300);
    root.query("SELECT * FROM a").ms(5, 65);
    root.query("SELECT * FROM b").ms(66, 126);
    root.query("SELECT * FROM c").ms(127, 187);
    assertThat(sequential(t.analyze())).isEmpty();
  }

  @Test
  void doesNotFireWhenParallelismWouldSaveTooLittle() {
    TraceFixture t = new TraceFixture();
    Spec root = t.root("gateway", "GET /").ms(0, 100);
    root.http("GET /a", "a").ms(5, 10);
    root.http("GET /b", "b").ms(10, 15);
    root.http("GET /c", "c").ms(15, 20);
    assertThat(sequential(t.analyze())).isEmpty();
  }
}
