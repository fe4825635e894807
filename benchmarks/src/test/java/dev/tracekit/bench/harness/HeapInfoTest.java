package dev.tracekit.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HeapInfoTest {

  @Test
  void readsTheUsedHeapOfG1() {
    String out = """
        31157:
         garbage-first heap   total 4194304K, used 1717248K [0x0000000700000000, 0x0000000800000000)
          region size 2048K, 1 young (2048K), 0 survivors (0K)
         Metaspace       used 61234K, committed 61824K, reserved 1105920K
          class space    used 7801K, committed 8064K, reserved 1048576K
        """;
    assertThat(HeapInfo.usedBytes(out)).isEqualTo(1717248L * 1024);
  }

  @Test
  void addsTheGenerationsOfTheParallelCollector() {
    String out = """
        77:
         PSYoungGen      total 76288K, used 3932K [0x00000000eab00000, 0x00000000f0000000, 0x0000000100000000)
          eden space 65536K, 6% used [0x00000000eab00000,0x00000000eaed7240,0x00000000eeb00000)
         ParOldGen       total 175104K, used 1000K [0x00000000c0000000, 0x00000000cab00000, 0x00000000eab00000)
         Metaspace       used 3000K, committed 3200K, reserved 1056768K
        """;
    assertThat(HeapInfo.usedBytes(out)).isEqualTo((3932L + 1000) * 1024);
  }

  @Test
  void outputWithoutAHeapLineIsRefused() {
    assertThatThrownBy(() -> HeapInfo.usedBytes("77:\nCommand executed successfully\n"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
