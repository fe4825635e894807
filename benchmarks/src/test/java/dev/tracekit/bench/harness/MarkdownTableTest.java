package dev.tracekit.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MarkdownTableTest {

  @Test
  void rendersAlignmentNullsAndEscapedPipes() {
    String table = MarkdownTable.of("system", "spans/s")
        .numeric(1)
        .row("a|b", 12)
        .row("c", null)
        .render();
    assertThat(table).isEqualTo("""
        | system | spans/s |
        | --- | ---: |
        | a\\|b | 12 |
        | c | – |
        """);
  }

  @Test
  void aRowWithTheWrongNumberOfCellsIsRefused() {
    assertThatThrownBy(() -> MarkdownTable.of("a", "b").row("only one"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 cells");
  }
}
