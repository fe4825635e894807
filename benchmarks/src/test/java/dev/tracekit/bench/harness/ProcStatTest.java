package dev.tracekit.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcStatTest {

  @Test
  void cpuTicksAreCountedFromTheLastParenthesis() {
    // A command name with a space and a parenthesis: naive splitting would shift every field.
    String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 93466 0 7 0 1500 250 0 0 20 0 44 0 3051 "
        + "7015612416 120866 18446744073709551615 1 1 0 0 0 0 0 4096 16384 0 0 0 17 1 0 0 0 0 0";
    assertThat(ProcStat.cpuTicks(stat)).isEqualTo(1750);
  }

  @Test
  void thisProcessHasUsedSomeCpu() {
    assertThat(ProcStat.cpuNanos(ProcessHandle.current().pid())).isPositive();
    assertThat(ProcStat.rssBytes(ProcessHandle.current().pid())).isPositive();
  }
}
