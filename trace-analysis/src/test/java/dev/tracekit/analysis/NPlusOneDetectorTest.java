package dev.tracekit.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.analysis.TraceFixture.Spec;
import dev.tracekit.core.SpanKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NPlusOneDetectorTest {

  private static List<Finding> nPlusOne(TraceAnalysis a) {
    return a.findings().stream().filter(f -> f.type() == FindingType.N_PLUS_ONE).toList();
  }

  /** {@code count} queries of 20 ms each, back to back, under a request. */
  private static TraceFixture repeated(int count, java.util.function.IntFunction<String> statement) {
    TraceFixture t = new TraceFixture();
    Spec root = t.root("data-service", "GET /api/orders/{id}").ms(0, 1_000);
    for (int i = 0; i < count; i++) {
      root.query(statement.apply(i)).ms(10 + i * 20L, 30 + i * 20L);
    }
    return t;
  }

  @Test
  void firesOnFiveRepeatsOfOneStatementShape() {
    TraceFixture t = repeated(5, i -> "select * from items where order_id = " + (100 + i));
    TraceAnalysis a = t.analyze();

    List<Finding> found = nPlusOne(a);
    assertThat(found).hasSize(1);
    Finding f = found.get(0);
    assertThat(f.spanCount()).isEqualTo(5);
    assertThat(f.spanIds()).hasSize(5);
    assertThat(f.timeAtStakeMicros()).isEqualTo(100_000);
    assertThat(f.severity()).isEqualTo(Severity.WARNING);
    assertThat(f.message()).isEqualTo("5 x `SELECT * FROM items WHERE order_id = ?` under `GET /api/orders/{id}` "
        + "took 100 ms one after another; load them in one query (a join or an IN list).");
  }

  @Test
  void doesNotFireOnFiveDifferentStatements() {
    String[] tables = {"items", "orders", "customers", "prices", "stock"};
    TraceAnalysis a = repeated(5, i -> "SELECT * FROM " + tables[i] + " WHERE id = 1").analyze();
    assertThat(nPlusOne(a)).isEmpty();
  }

  @Test
  void doesNotFireOnFourRepeats() {
    TraceAnalysis a = repeated(4, i -> "SELECT * FROM items WHERE order_id = " + i).analyze();
    assertThat(nPlusOne(a)).isEmpty();
  }

  @Test
  void doesNotFireWhenTheRepeatsTakeFiftyMillisecondsOrLess() {
    TraceFixture t = new TraceFixture();
    Spec root = t.root("data-service", "GET /").ms(0, 1_000);
    for (int i = 0; i < 10; i++) {
      root.query("SELECT * FROM items WHERE id = " + i).ms(10 + i * 10L, 15 + i * 10L);
    }
    assertThat(nPlusOne(t.analyze())).isEmpty();
  }

  @Test
  void doesNotFireOnRepeatsUnderDifferentParents() {
    TraceFixture t = new TraceFixture();
    Spec root = t.root("data-service", "GET /").ms(0, 1_000);
    for (int i = 0; i < 6; i++) {
      Spec handler = root.internal("handle item").ms(i * 100L, i * 100L + 90);
      handler.query("SELECT * FROM items WHERE id = " + i).ms(i * 100L + 10, i * 100L + 80);
    }
    assertThat(nPlusOne(t.analyze())).isEmpty();
  }

  @Test
  void leavesOutRepeatsThatRanConcurrently() {
    TraceFixture t = new TraceFixture();
    Spec root = t.root("data-service", "GET /").ms(0, 1_000);
    for (int i = 0; i < 4; i++) {
      root.query("SELECT * FROM items WHERE id = " + i).ms(10 + i * 20L, 30 + i * 20L);
      root.query("SELECT * FROM items WHERE id = " + (i + 50)).ms(15 + i * 20L, 25 + i * 20L);
    }
    // Eight queries, but at most four that do not overlap: not five in a row.
    assertThat(nPlusOne(t.analyze())).isEmpty();
  }

  @Test
  void looksThroughJdbcConnectionSpansToTheRequest() {
    TraceFixture t = new TraceFixture();
    Spec root = t.root("data-service", "GET /api/orders/{id}").ms(0, 1_000);
    for (int i = 0; i < 6; i++) {
      Spec connection = root.internal("connection").ms(10 + i * 30L, 35 + i * 30L);
      connection.child("data-service", "query", SpanKind.CLIENT)
          .attr("jdbc.query[0]", "SELECT name FROM products WHERE id=" + i)
          .ms(12 + i * 30L, 32 + i * 30L);
    }

    List<Finding> found = nPlusOne(t.analyze());

    assertThat(found).hasSize(1);
    assertThat(found.get(0).spanCount()).isEqualTo(6);
    assertThat(found.get(0).message()).startsWith("6 x `SELECT name FROM products WHERE id=?` under `GET /api/orders/{id}`");
  }

  @Test
  void usesTheSpanNameOfDatabaseClientSpansWithoutStatement() {
    TraceFixture t = new TraceFixture();
    Spec root = t.root("data-service", "GET /").ms(0, 1_000);
    for (int i = 0; i < 5; i++) {
      root.client("SELECT shop.items").attr("db.system.name", "postgresql").ms(10 + i * 20L, 30 + i * 20L);
    }
    assertThat(nPlusOne(t.analyze())).hasSize(1);
  }

  @Test
  void thresholdsComeFromTheSettings() {
    TraceFixture t = repeated(3, i -> "SELECT * FROM items WHERE id = " + i);
    AnalysisSettings settings = AnalysisSettings.builder()
        .nPlusOneMinRepeats(3)
        .nPlusOneMinTotal(Duration.ofMillis(10))
        .build();
    assertThat(nPlusOne(t.analyze(settings))).hasSize(1);
    assertThat(nPlusOne(t.analyze())).isEmpty();
  }

  @Test
  void orphanQueriesNamingTheSameMissingParentAreSiblings() {
    TraceFixture t = new TraceFixture();
    List<Spec> queries = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      queries.add(t.span("data-service", "SELECT", SpanKind.CLIENT, 0xabcL)
          .attr("db.statement", "SELECT * FROM items WHERE id = " + i).ms(i * 20L, i * 20L + 15));
    }
    List<Finding> found = nPlusOne(t.analyze());
    assertThat(found).hasSize(1);
    assertThat(found.get(0).message()).contains("under missing span 0000000000000abc");
  }
}
