package dev.tracekit.collector.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AttributeTextTest {

  @Test
  void theHashOfAValueIsTheHashOfItsTextForEveryKindOfValue() {
    List<Object> values = List.of("", "GET", "ünïcödé", 0L, 7L, -7L, 10L, 99L, 100L, 200L, 404L, 1_000_000_007L,
        Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1, 42, -2_147_483_648, (short) -5, (byte) 9, true, false,
        1.5, -0.0, Double.NaN, List.of("a", 1L), List.of());
    for (Object value : values) {
      assertThat(AttributeText.hashOf(value)).as("%s (%s)", value, value.getClass().getSimpleName())
          .isEqualTo(AttributeText.of(value).hashCode());
    }
    Random random = new Random(1);
    for (int i = 0; i < 100_000; i++) {
      long value = switch (i % 3) {
        case 0 -> random.nextLong();
        case 1 -> random.nextInt(100_000) - 50_000;
        default -> random.nextLong() >> random.nextInt(64);
      };
      assertThat(AttributeText.hashOf(value)).as("%d", value).isEqualTo(Long.toString(value).hashCode());
    }
  }
}
