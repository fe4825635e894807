package dev.tracekit.starter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlSanitizerTests {

  private static SanitizedSql sanitize(String sql) {
    return SqlSanitizer.sanitize(sql, 2048);
  }

  @Test
  void stringLiteralsBecomePlaceholdersIncludingEscapedQuotes() {
    assertThat(sanitize("SELECT * FROM users WHERE name = 'O''Brien' AND pw='s3cr\\'et'").text())
        .isEqualTo("SELECT * FROM users WHERE name = ? AND pw=?");
  }

  @Test
  void prefixedStringLiteralsLoseTheirPrefixToo() {
    assertThat(sanitize("SELECT E'a\\nb', N'x', X'0A' FROM t").text()).isEqualTo("SELECT ?, ?, ? FROM t");
  }

  @Test
  void numbersOfEveryFormBecomePlaceholders() {
    assertThat(sanitize("SELECT * FROM t WHERE a = 42 AND b > -3.14 AND c < 1e10 AND d = 0xFF AND e = .5").text())
        .isEqualTo("SELECT * FROM t WHERE a = ? AND b > -? AND c < ? AND d = ? AND e = ?");
  }

  @Test
  void digitsInsideIdentifiersAreKept() {
    assertThat(sanitize("SELECT col1, t2.x3 FROM table_2024 t2").text())
        .isEqualTo("SELECT col1, t2.x3 FROM table_2024 t2");
  }

  @Test
  void inListsCollapseToOnePlaceholderWhateverTheirLength() {
    assertThat(sanitize("SELECT * FROM t WHERE id IN (1, 2, 3) AND x NOT IN ('a','b')").text())
        .isEqualTo("SELECT * FROM t WHERE id IN (?) AND x NOT IN (?)");
    assertThat(sanitize("SELECT * FROM t WHERE id in (?, ?, ?, ?)").text()).isEqualTo("SELECT * FROM t WHERE id in (?)");
  }

  @Test
  void inSubqueryIsKept() {
    assertThat(sanitize("DELETE FROM a WHERE id IN (SELECT a_id FROM b WHERE n = 5)").text())
        .isEqualTo("DELETE FROM a WHERE id IN (SELECT a_id FROM b WHERE n = ?)");
  }

  @Test
  void valuesListKeepsItsShape() {
    assertThat(sanitize("INSERT INTO t (a, b) VALUES (1, 'x'), (2, 'y')").text())
        .isEqualTo("INSERT INTO t (a, b) VALUES (?, ?), (?, ?)");
  }

  @Test
  void commentsAreDroppedAndWhitespaceCollapsed() {
    assertThat(sanitize("  SELECT a -- the secret is 1234\n  FROM   t /* 'x' */ WHERE\tb = ?  ").text())
        .isEqualTo("SELECT a FROM t WHERE b = ?");
  }

  @Test
  void quotedIdentifiersAndParametersAreKept() {
    assertThat(sanitize("SELECT \"Name\", `x` FROM \"Users\" WHERE id = $1 AND v = ?").text())
        .isEqualTo("SELECT \"Name\", `x` FROM \"Users\" WHERE id = $1 AND v = ?");
  }

  @Test
  void dollarQuotedStringsBecomePlaceholders() {
    assertThat(sanitize("SELECT $$it's secret$$, $tag$x$tag$ FROM t").text()).isEqualTo("SELECT ?, ? FROM t");
  }

  @Test
  void unterminatedLiteralHidesTheRestRatherThanLeakingIt() {
    assertThat(sanitize("SELECT * FROM t WHERE a = 'open secret").text()).isEqualTo("SELECT * FROM t WHERE a = ?");
  }

  @Test
  void operationAndTableAreFoundForEachStatementKind() {
    assertOperation("select * from orders o where o.id = 1", "SELECT", "orders");
    assertOperation("SELECT (SELECT count(*) FROM b) FROM a", "SELECT", "a");
    assertOperation("INSERT INTO shop.orders (id) VALUES (?)", "INSERT", "shop.orders");
    assertOperation("UPDATE orders SET total = 3 WHERE id = ?", "UPDATE", "orders");
    assertOperation("DELETE FROM \"Orders\" WHERE id = ?", "DELETE", "\"Orders\"");
    assertOperation("WITH recent AS (SELECT * FROM x) SELECT * FROM recent", "SELECT", "recent");
    assertOperation("SELECT * FROM (SELECT 1) sub", "SELECT", null);
    assertOperation("SELECT 1", "SELECT", null);
    assertOperation("CREATE TABLE t (id INT)", "CREATE", null);
    assertOperation("{call refresh(?)}", "CALL", null);
  }

  private static void assertOperation(String sql, String operation, String collection) {
    SanitizedSql result = sanitize(sql);
    assertThat(result.operation()).as(sql).isEqualTo(operation);
    assertThat(result.collection()).as(sql).isEqualTo(collection);
  }

  @Test
  void longStatementIsCutAtTheLimit() {
    String sql = "SELECT " + "column_name, ".repeat(200) + "x FROM t";
    SanitizedSql result = SqlSanitizer.sanitize(sql, 100);
    assertThat(result.text()).hasSizeLessThanOrEqualTo(103).startsWith("SELECT column_name,").endsWith("...");
    assertThat(result.operation()).isEqualTo("SELECT");
  }
}
