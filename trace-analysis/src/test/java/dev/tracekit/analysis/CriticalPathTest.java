package dev.tracekit.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.analysis.TraceFixture.Spec;
import dev.tracekit.core.SpanKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CriticalPathTest {

  private static long sum(TraceAnalysis a) {
    return a.criticalPath().stream().mapToLong(CriticalPathSegment::contributionMicros).sum();
  }

  private static CriticalPathSegment seg(Spec s, long startMs, long lengthMs, String service, String name) {
    return new CriticalPathSegment(s.hex(), service, name, startMs * 1_000, lengthMs * 1_000);
  }

  @Test
  void fanOutPicksTheLastFinishingChainAndSumsToTheRootDuration() {
    TraceFixture t = new TraceFixture();
    Spec root = t.root("gateway", "GET /").ms(0, 100);
    root.http("GET /a", "a").ms(10, 50);
    Spec b = root.http("GET /b", "b").ms(10, 90);
    root.http("GET /c", "c").ms(20, 60);
    Spec b1 = b.server("b-service", "GET /b").ms(30, 80);

    TraceAnalysis a = t.analyze();

    assertThat(a.criticalPath()).containsExactly(
        seg(root, 0, 10, "gateway", "GET /"),
        seg(b, 10, 20, "gateway", "GET /b"),
        seg(b1, 30, 50, "b-service", "GET /b"),
        seg(b, 80, 10, "gateway", "GET /b"),
        seg(root, 90, 10, "gateway", "GET /"));
    assertThat(sum(a)).isEqualTo(100_000);
  }

  @Test
  void sequentialChildrenAllLieOnThePath() {
    TraceFixture t = new TraceFixture();
    Spec root = t.root("svc", "root").ms(0, 100);
    Spec x = root.internal("x").ms(0, 30);
    Spec y = root.internal("y").ms(30, 70);
    Spec z = root.internal("z").ms(70, 100);

    TraceAnalysis a = t.analyze();

    assertThat(a.criticalPath()).containsExactly(
        seg(x, 0, 30, "svc", "x"), seg(y, 30, 40, "svc", "y"), seg(z, 70, 30, "svc", "z"));
  }

  @Test
  void childOverflowingItsParentIsClippedToIt() {
    TraceFixture t = new TraceFixture();
    Spec root = t.root("svc", "root").ms(0, 100);
    Spec late = root.internal("fire and forget").ms(60, 200);

    TraceAnalysis a = t.analyze();

    assertThat(a.criticalPath()).containsExactly(
        seg(root, 0, 60, "svc", "root"), seg(late, 60, 40, "svc", "fire and forget"));
    assertThat(sum(a)).isEqualTo(100_000);
  }

  @Test
  void syntheticRootCoversGapsBetweenTopLevelSpans() {
    TraceFixture t = new TraceFixture();
    Spec first = t.root("a", "one").ms(0, 40);
    Spec orphan = t.span("b", "two", SpanKind.SERVER, 0x77).ms(50, 100);

    TraceAnalysis a = t.analyze();

    assertThat(a.criticalPath()).containsExactly(
        seg(first, 0, 40, "a", "one"),
        new CriticalPathSegment(TraceAnalysis.SYNTHETIC_ROOT_SPAN_ID, "", "(trace)", 40_000, 10_000),
        seg(orphan, 50, 50, "b", "two"));
  }

  @Test
  void contributionsOfRandomTreesPartitionTheRootDuration() {
    for (long seed = 1; seed <= 50; seed++) {
      Random random = new Random(seed);
      TraceFixture t = new TraceFixture();
      Spec root = t.root("svc", "root").us(0, 1_000_000);
      List<Spec> spans = new ArrayList<>(List.of(root));
      List<long[]> bounds = new ArrayList<>(List.of(new long[] {0, 1_000_000}));
      for (int i = 0; i < 300; i++) {
        int p = random.nextInt(spans.size());
        long[] pb = bounds.get(p);
        // Mostly inside the parent; sometimes overflowing it, as async work does.
        long s = pb[0] + (long) (random.nextDouble() * (pb[1] - pb[0]));
        long e = s + (long) (random.nextDouble() * (pb[1] - s) * (random.nextInt(10) == 0 ? 3 : 1));
        spans.add(spans.get(p).internal("s" + i).us(s, e));
        bounds.add(new long[] {s, e});
      }

      TraceAnalysis a = t.analyze();

      long at = 0;
      for (CriticalPathSegment segment : a.criticalPath()) {
        assertThat(segment.startOffsetMicros()).as("seed %d", seed).isEqualTo(at);
        assertThat(segment.contributionMicros()).isPositive();
        at += segment.contributionMicros();
      }
      assertThat(at).as("seed %d", seed).isEqualTo(1_000_000);
    }
  }
}
