package dev.tracekit.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

  @Test
  void smallValuesAreExact() {
    LatencyHistogram h = new LatencyHistogram();
    for (int v = 1; v <= 100; v++) {
      h.record(v);
    }
    assertThat(h.percentile(0.50)).isEqualTo(50);
    assertThat(h.percentile(0.99)).isEqualTo(99);
    assertThat(h.percentile(1.0)).isEqualTo(100);
  }

  @Test
  void bucketsAreContiguousAndNarrowerThanOneSixtyFourthOfTheirValues() {
    for (int i = 0; i < LatencyHistogram.index(Long.MAX_VALUE); i++) {
      assertThat(LatencyHistogram.lowerBound(i) + LatencyHistogram.width(i)).isEqualTo(LatencyHistogram.lowerBound(i + 1));
      assertThat(LatencyHistogram.width(i) * 64).isLessThanOrEqualTo(Math.max(64, LatencyHistogram.lowerBound(i)));
    }
    for (long v : new long[] {0, 127, 128, 129, 255, 256, 1_000_000, Long.MAX_VALUE}) {
      int i = LatencyHistogram.index(v);
      assertThat(v).isBetween(LatencyHistogram.lowerBound(i), LatencyHistogram.lowerBound(i) + LatencyHistogram.width(i) - 1);
    }
  }

  @Test
  void percentilesOfRandomValuesAreWithinTheErrorBound() {
    Random random = new Random(42);
    long[] values = new long[10_000];
    LatencyHistogram h = new LatencyHistogram();
    for (int i = 0; i < values.length; i++) {
      values[i] = (long) Math.exp(random.nextDouble() * 16);
      h.record(values[i]);
    }
    Arrays.sort(values);
    for (double p : new double[] {0.5, 0.9, 0.99, 0.999}) {
      long exact = values[(int) Math.ceil(p * values.length) - 1];
      assertThat((double) Math.abs(h.percentile(p) - exact)).as("p%s", p).isLessThanOrEqualTo(exact / 64.0 + 1);
    }
    assertThat(h.count()).isEqualTo(10_000);
  }

  @Test
  void emptyHistogramReportsZero() {
    assertThat(new LatencyHistogram().percentile(0.99)).isZero();
  }
}
