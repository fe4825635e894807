package dev.tracekit.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.analysis.TraceFixture.Spec;
import dev.tracekit.core.SpanKind;
import org.junit.jupiter.api.Test;

class TextReportTest {

  private static TraceAnalysis analysis() {
    TraceFixture t = new TraceFixture();
    Spec root = t.root("gateway", "GET /api/orders/{id}").ms(0, 400);
    Spec call = root.http("GET /orders/{id}", "data").ms(10, 390);
    Spec server = call.server("data-service", "GET /orders/{id}").ms(20, 380);
    for (int i = 0; i < 6; i++) {
      server.query("SELECT * FROM items WHERE order_id = " + i).ms(30 + i * 50L, 80 + i * 50L);
    }
    return t.analyze();
  }

  @Test
  void reportNamesTheTraceItsTotalsBreakdownPathAndFindings() {
    String report = TextReport.render(analysis());

    assertThat(report).contains("Trace " + TraceFixture.TRACE_ID);
    assertThat(report).contains("Root      GET /api/orders/{id} (gateway)");
    assertThat(report).contains("Duration  400 ms    Spans 9    Depth 4    Errors 0");
    assertThat(report).contains("Services  2: data-service, gateway");
    // data-service: server 60 ms self + queries 300 ms; gateway: root 20 + client 20 = 40 ms of 400.
    assertThat(report).containsPattern("\n  data-service +7 +0 +660 ms +360 ms +90\\.0%\n");
    assertThat(report).containsPattern("\n  gateway +2 +0 +780 ms +40\\.0 ms +10\\.0%\n");
    assertThat(report).contains("Critical path (400 ms, ");
    assertThat(report).containsPattern("\\+280 ms +50\\.0 ms +12\\.5% +data-service +SELECT\n");
    assertThat(report).contains("Findings (1)");
    assertThat(report).containsPattern("1\\. CRITICAL +N_PLUS_ONE +300 ms at stake, 6 spans\n");
    assertThat(report).contains("6 x `SELECT * FROM items WHERE order_id = ?` under `GET /orders/{id}` took");
  }

  @Test
  void reportIsPrintableAsciiWithinOneHundredColumns() {
    TraceFixture t = new TraceFixture();
    Spec root = t.root("gäteway-ü", "GET /bestellungen/ä\tö " + "x".repeat(200)).ms(0, 100);
    root.http("GET " + "/very/long/path".repeat(20), "data").ms(1, 90).error("ünknown 💥 failure " + "y".repeat(300));
    t.span("orphan", "lost", SpanKind.SERVER, 0x99).ms(5, 6);

    String report = TextReport.render(t.analyze());

    for (String line : report.split("\n")) {
      assertThat(line.length()).as(line).isLessThanOrEqualTo(TextReport.WIDTH);
      assertThat(line.chars().allMatch(c -> c >= 0x20 && c <= 0x7E)).as(line).isTrue();
    }
    assertThat(report).contains("g?teway-?").contains("synthetic root").contains("Findings (1)");
  }

  @Test
  void traceWithoutFindingsSaysSo() {
    TraceFixture t = new TraceFixture();
    t.root("gateway", "GET /").ms(0, 10);
    assertThat(TextReport.render(t.analyze())).endsWith("Findings: none\n");
  }
}
