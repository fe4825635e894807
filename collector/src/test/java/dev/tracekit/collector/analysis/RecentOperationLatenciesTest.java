package dev.tracekit.collector.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracekit.analysis.OperationLatency;
import dev.tracekit.collector.TestSpans;
import dev.tracekit.core.SpanData;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentOperationLatenciesTest {

  private static List<SpanData> spans(String service, String name, long... durationsMicros) {
    List<SpanData> out = new ArrayList<>();
    long id = 1;
    for (long d : durationsMicros) {
      out.add(TestSpans.root(id++, service, name, 0, d));
    }
    return out;
  }

  private static long[] range(int from, int to) {
    long[] out = new long[to - from + 1];
    for (int i = 0; i < out.length; i++) {
      out[i] = from + i;
    }
    return out;
  }

  @Test
  void p99IsTheNearestRankOfTheKeptDurations() {
    RecentOperationLatencies history = new RecentOperationLatencies(10, 1_000);
    history.written(spans("api", "GET /a", range(1, 200)), List.of());

    assertThat(history.latency("api", "GET /a")).contains(new OperationLatency(200, 198));
    assertThat(history.latency("api", "GET /b")).isEmpty();
    assertThat(history.latency("other", "GET /a")).isEmpty();
  }

  @Test
  void onlyTheLatestDurationsOfAnOperationAreKept() {
    RecentOperationLatencies history = new RecentOperationLatencies(10, 50);
    history.written(spans("api", "GET /a", range(1_000_000, 1_000_049)), List.of());
    history.written(spans("api", "GET /a", range(1, 50)), List.of());

    // The 50 slow ones were overwritten by the 50 fast ones.
    assertThat(history.latency("api", "GET /a")).contains(new OperationLatency(50, 50));
  }

  @Test
  void leastRecentlyUsedOperationIsForgottenBeyondTheBound() {
    RecentOperationLatencies history = new RecentOperationLatencies(2, 10);
    history.written(spans("api", "A", 5), List.of());
    history.written(spans("api", "B", 5), List.of());
    history.latency("api", "A"); // A is now used more recently than B
    history.written(spans("api", "C", 5), List.of());

    assertThat(history.operations()).isEqualTo(2);
    assertThat(history.forgottenOperations()).isEqualTo(1);
    assertThat(history.latency("api", "B")).isEmpty();
    assertThat(history.latency("api", "A")).isPresent();
    assertThat(history.latency("api", "C")).isPresent();
  }

  @Test
  void rejectsBoundsBelowOne() {
    assertThatThrownBy(() -> new RecentOperationLatencies(0, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RecentOperationLatencies(10, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
