package dev.tracekit.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.analysis.TraceFixture.Spec;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorDetectorTest {

  private static List<Finding> errors(TraceAnalysis a) {
    return a.findings().stream().filter(f -> f.type() == FindingType.ERROR).toList();
  }

  @Test
  void reportsTheSpanWhereTheErrorStartedAsCriticalWhenTheRequestFailed() {
    TraceFixture t = new TraceFixture();
    Spec root = t.root("gateway", "GET /api/orders/{id}").ms(0, 100).error("500");
    Spec call = root.http("GET /orders/{id}", "data").ms(10, 90).error("503");
    Spec server = call.server("data-service", "GET /orders/{id}").ms(15, 85).error("");
    Spec query = server.query("SELECT * FROM orders WHERE id = 1").ms(20, 30)
        .exception("org.postgresql.util.PSQLException", "relation \"orders\" does not exist");

    List<Finding> found = errors(t.analyze());

    assertThat(found).hasSize(1);
    assertThat(found.get(0).severity()).isEqualTo(Severity.CRITICAL);
    assertThat(found.get(0).spanIds()).containsExactly(server.hex());
    assertThat(found.get(0).message()).isEqualTo(
        "`GET /orders/{id}` in data-service failed: no message; the request failed.");
    assertThat(query.hex()).isNotIn(found.get(0).spanIds());
  }

  @Test
  void exceptionEventExplainsAnErrorWithoutStatusMessage() {
    TraceFixture t = new TraceFixture();
    Spec root = t.root("data-service", "GET /").ms(0, 100);
    root.query("SELECT 1").ms(10, 20).error("")
        .exception("org.postgresql.util.PSQLException", "connection refused");

    List<Finding> found = errors(t.analyze());

    assertThat(found).hasSize(1);
    assertThat(found.get(0).severity()).isEqualTo(Severity.WARNING);
    assertThat(found.get(0).message()).isEqualTo("`SELECT` in data-service failed: "
        + "org.postgresql.util.PSQLException: connection refused; the request still completed.");
  }

  @Test
  void noErrorsNoFinding() {
    TraceFixture t = new TraceFixture();
    t.root("gateway", "GET /").ms(0, 100).internal("work").ms(10, 20);
    assertThat(errors(t.analyze())).isEmpty();
  }
}
