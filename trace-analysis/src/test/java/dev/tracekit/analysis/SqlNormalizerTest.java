package dev.tracekit.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlNormalizerTest {

  @Test
  void stringAndNumberLiteralsBecomePlaceholders() {
    assertThat(SqlNormalizer.normalize("select * from t where name = 'O''Brien' and age > 42 and ratio < 1.5e-3"))
        .isEqualTo("SELECT * FROM t WHERE name = ? AND age > ? AND ratio < ?");
    assertThat(SqlNormalizer.normalize("SELECT 0x1F, .5, -7, N'x', TRUE"))
        .isEqualTo("SELECT ?, ?, -?, ?, ?");
  }

  @Test
  void inListsOfAnyLengthBecomeOnePlaceholder() {
    assertThat(SqlNormalizer.normalize("SELECT * FROM items WHERE id IN (1, 2, 3)"))
        .isEqualTo(SqlNormalizer.normalize("select * from items where id in ('a')"))
        .isEqualTo("SELECT * FROM items WHERE id IN (?)");
    assertThat(SqlNormalizer.normalize("SELECT * FROM items WHERE id IN(?,?,?,?)"))
        .isEqualTo("SELECT * FROM items WHERE id IN (?)");
  }

  @Test
  void bindMarkersOfEveryDialectAreTheSamePlaceholder() {
    assertThat(SqlNormalizer.normalize("UPDATE t SET a = $1 WHERE id = :id AND x::int = ?"))
        .isEqualTo("UPDATE t SET a = ? WHERE id = ? AND x::int = ?");
  }

  @Test
  void whitespaceCollapsesAndCommentsGo() {
    assertThat(SqlNormalizer.normalize("  SELECT a\n\t FROM   t /* traceparent='00-abc' */ -- note\n WHERE b = 1 "))
        .isEqualTo("SELECT a FROM t WHERE b = ?");
  }

  @Test
  void identifiersKeepTheirCaseAndDigitsAndQuotedOnesStayWhole() {
    assertThat(SqlNormalizer.normalize("select Col_2, \"Order Id\", `table1`.x from schema1.table1"))
        .isEqualTo("SELECT Col_2, \"Order Id\", `table1`.x FROM schema1.table1");
  }

  @Test
  void differentStatementsStayDifferent() {
    assertThat(SqlNormalizer.normalize("SELECT * FROM items WHERE id = 1"))
        .isNotEqualTo(SqlNormalizer.normalize("SELECT * FROM orders WHERE id = 1"));
  }

  @Test
  void unterminatedLiteralsAndCommentsDoNotFail() {
    assertThat(SqlNormalizer.normalize("SELECT 'abc")).isEqualTo("SELECT ?");
    assertThat(SqlNormalizer.normalize("SELECT a /* open")).isEqualTo("SELECT a");
    assertThat(SqlNormalizer.normalize("")).isEmpty();
  }
}
