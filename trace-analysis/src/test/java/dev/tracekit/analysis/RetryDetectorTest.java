package dev.tracekit.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.analysis.TraceFixture.Spec;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryDetectorTest {

  private static List<Finding> retries(TraceAnalysis a) {
    return a.findings().stream().filter(f -> f.type() == FindingType.EXCESSIVE_RETRIES).toList();
  }

  @Test
  void firesOnThreeAttemptsAfterErrors() {
    TraceFixture t = new TraceFixture();
    Spec root = t.root("gateway", "GET /api/orders/{id}").ms(0, 1_000);
    Spec a1 = root.http("GET /stock", "inventory").ms(10, 110).error("timeout");
    Spec a2 = root.http("GET /stock", "inventory").ms(210, 310).error("timeout");
    Spec a3 = root.http("GET /stock", "inventory").ms(510, 530);

    List<Finding> found = retries(t.analyze());

    assertThat(found).hasSize(1);
    Finding f = found.get(0);
    assertThat(f.spanIds()).containsExactly(a1.hex(), a2.hex(), a3.hex());
    assertThat(f.timeAtStakeMicros()).isEqualTo(500_000);
    assertThat(f.message()).isEqualTo("`GET /stock` to inventory was attempted 3 times under "
        + "`GET /api/orders/{id}` (2 failures), which cost 500 ms; find why it fails, and bound retries "
        + "with back-off or a circuit breaker.");
  }

  @Test
  void serverErrorStatusCountsAsAFailure() {
    TraceFixture t = new TraceFixture();
    Spec root = t.root("gateway", "GET /").ms(0, 1_000);
    for (int i = 0; i < 4; i++) {
      root.http("GET /stock", "inventory").attr("http.response.status_code", 503L).ms(10 + i * 50L, 40 + i * 50L);
    }
    List<Finding> found = retries(t.analyze());
    assertThat(found).hasSize(1);
    assertThat(found.get(0).spanCount()).isEqualTo(4);
    assertThat(found.get(0).message()).contains("(4 failures, the last one too)");
  }

  @Test
  void firesOnResendCountWithoutErrors() {
    TraceFixture t = new TraceFixture();
    Spec root = t.root("gateway", "GET /").ms(0, 1_000);
    root.http("GET /stock", "inventory").ms(10, 60);
    root.http("GET /stock", "inventory").attr("http.request.resend_count", 1L).ms(70, 120);
    root.http("GET /stock", "inventory").attr("http.request.resend_count", 2L).ms(130, 180);
    assertThat(retries(t.analyze())).hasSize(1);
  }

  @Test
  void doesNotFireOnTwoAttempts() {
    TraceFixture t = new TraceFixture();
    Spec root = t.root("gateway", "GET /").ms(0, 1_000);
    root.http("GET /stock", "inventory").ms(10, 60).error("timeout");
    root.http("GET /stock", "inventory").ms(70, 120).error("timeout");
    assertThat(retries(t.analyze())).isEmpty();
  }

  @Test
  void doesNotFireOnSuccessfulRepeats() {
    TraceFixture t = new TraceFixture();
    Spec root = t.root("gateway", "GET /").ms(0, 1_000);
    for (int i = 0; i < 5; i++) {
      root.http("GET /stock", "inventory").ms(10 + i * 50L, 40 + i * 50L);
    }
    assertThat(retries(t.analyze())).isEmpty();
  }

  @Test
  void callsToDifferentPeersAreDifferentOperations() {
    TraceFixture t = new TraceFixture();
    Spec root = t.root("gateway", "GET /").ms(0, 1_000);
    root.http("GET /stock", "inventory-1").ms(10, 60).error("timeout");
    root.http("GET /stock", "inventory-2").ms(70, 120).error("timeout");
    root.http("GET /stock", "inventory-3").ms(130, 180).error("timeout");
    assertThat(retries(t.analyze())).isEmpty();
  }

  @Test
  void peerFallsBackToTheServiceThatServedTheCall() {
    TraceFixture t = new TraceFixture();
    Spec root = t.root("gateway", "GET /").ms(0, 1_000);
    for (int i = 0; i < 3; i++) {
      Spec call = root.client("GET /stock").ms(10 + i * 100L, 90 + i * 100L).error("503");
      call.server("inventory-service", "GET /stock").ms(20 + i * 100L, 80 + i * 100L).error("db down");
    }
    List<Finding> found = retries(t.analyze());
    assertThat(found).hasSize(1);
    assertThat(found.get(0).message()).startsWith("`GET /stock` to inventory-service was attempted 3 times");
  }
  @Test
  void databaseCallsAreTheSameOperationOnlyWithTheSameStatementShape() {
    TraceFixture t = new TraceFixture();
    Spec root = t.root("data-service", "POST /orders").ms(0, 1_000);
    for (int i = 0; i < 3; i++) {
      root.client("query").attr("jdbc.query[0]", "SELECT * FROM table" + i).ms(10 + i * 50L, 40 + i * 50L).error("lock");
    }
    assertThat(retries(t.analyze())).isEmpty();

    TraceFixture same = new TraceFixture();
    Spec r = same.root("data-service", "POST /orders").ms(0, 1_000);
    for (int i = 0; i < 3; i++) {
      r.client("query").attr("jdbc.query[0]", "UPDATE stock SET n = n - 1 WHERE id = " + i)
          .ms(10 + i * 50L, 40 + i * 50L).error("deadlock detected");
    }
    assertThat(retries(same.analyze())).hasSize(1);
  }

  @Test
  void httpCallsToDifferentPathsAreDifferentOperations() {
    TraceFixture t = new TraceFixture();
    Spec root = t.root("gateway", "GET /").ms(0, 1_000);
    for (int i = 0; i < 3; i++) {
      root.http("GET", "data").attr("url.full", "http://data:8080/items/" + i + "?fields=all")
          .ms(10 + i * 50L, 40 + i * 50L).error("404");
    }
    assertThat(retries(t.analyze())).isEmpty();

    TraceFixture same = new TraceFixture();
    Spec r = same.root("gateway", "GET /").ms(0, 1_000);
    for (int i = 0; i < 3; i++) {
      r.http("GET", "data").attr("url.full", "http://data:8080/items/7?attempt=" + i)
          .ms(10 + i * 50L, 40 + i * 50L).error("503");
    }
    assertThat(retries(same.analyze())).hasSize(1);
  }
}
