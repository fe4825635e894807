package dev.tracekit.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class StatsTest {

  @Test
  void percentileIsTheNearestRankSample() {
    long[] oneToHundred = LongStream.rangeClosed(1, 100).map(i -> 101 - i).toArray(); // unsorted on purpose
    assertThat(Stats.percentile(oneToHundred, 50)).isEqualTo(50);
    assertThat(Stats.percentile(oneToHundred, 99)).isEqualTo(99);
    assertThat(Stats.percentile(oneToHundred, 100)).isEqualTo(100);
    assertThat(Stats.percentile(oneToHundred, 0.5)).isEqualTo(1);
  }

  @Test
  void percentileOfFewSamplesNeverInterpolates() {
    long[] samples = {10, 40, 20};
    assertThat(Stats.percentile(samples, 50)).isEqualTo(20);
    assertThat(Stats.percentile(samples, 99)).isEqualTo(40);
    assertThat(samples).containsExactly(10, 40, 20);
  }

  @Test
  void medianOfAnEvenCountAveragesTheMiddleTwo() {
    assertThat(Stats.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    assertThat(Stats.median(new double[] {5, 1, 3})).isEqualTo(3);
  }

  @Test
  void emptySamplesAndOutOfRangePercentilesAreRefused() {
    assertThatThrownBy(() -> Stats.percentile(new long[0], 50)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Stats.percentile(new long[] {1}, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Stats.median(new double[0])).isInstanceOf(IllegalArgumentException.class);
  }
}
