package dev.tracekit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SamplerTest {

  private static final SamplingDecision SAMPLE = SamplingDecision.RECORD_AND_SAMPLE;
  private static final SamplingDecision DROP = SamplingDecision.DROP;

  private static SamplingDecision decide(Sampler s, long traceIdLow) {
    return s.shouldSample(Context.root(), 0L, traceIdLow, "op", SpanKind.INTERNAL);
  }

  private static Context parent(int flags, boolean remote) {
    return Context.root()
        .with(Span.wrap(TraceContext.create(1, 2, 3, flags, TraceState.empty(), remote)));
  }

  @Test
  void alwaysOnAndAlwaysOff() {
    assertThat(decide(Sampler.alwaysOn(), 1)).isEqualTo(SAMPLE);
    assertThat(decide(Sampler.alwaysOff(), 1)).isEqualTo(DROP);
  }

  @Test
  void traceIdRatioIsDeterministicAcrossInstances() {
    SplittableRandom random = new SplittableRandom(42);
    Sampler a = Sampler.traceIdRatio(0.3);
    Sampler b = Sampler.traceIdRatio(0.3);
    for (int i = 0; i < 10_000; i++) {
      long id = random.nextLong();
      assertThat(decide(a, id)).isEqualTo(decide(b, id)).isEqualTo(decide(a, id));
    }
  }

  @Test
  void traceIdRatioKeepsAboutTheRatioOfRandomIds() {
    SplittableRandom random = new SplittableRandom(7);
    for (double ratio : new double[] {0.01, 0.1, 0.25, 0.5, 0.9}) {
      Sampler s = Sampler.traceIdRatio(ratio);
      int n = 200_000;
      int kept = 0;
      for (int i = 0; i < n; i++) {
        if (decide(s, random.nextLong()) == SAMPLE) {
          kept++;
        }
      }
      // 200k draws: the standard deviation is below 0.0012; 0.005 is over 4 sigma.
      assertThat((double) kept / n).as("ratio %s", ratio).isCloseTo(ratio, org.assertj.core.data.Offset.offset(0.005));
    }
  }

  @Test
  void traceIdRatioDecidesOnLow56BitsOnly() {
    Sampler s = Sampler.traceIdRatio(0.5);
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 1000; i++) {
      long low = random.nextLong() & 0x00FF_FFFF_FFFF_FFFFL;
      long otherTop = low | ((long) random.nextInt(256) << 56);
      assertThat(s.shouldSample(Context.root(), random.nextLong(), otherTop, "x", SpanKind.SERVER))
          .isEqualTo(decide(s, low));
    }
  }

  @Test
  void higherRatioKeepsEveryTraceLowerRatioKeeps() {
    Sampler low = Sampler.traceIdRatio(0.1);
    Sampler high = Sampler.traceIdRatio(0.4);
    SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < 50_000; i++) {
      long id = random.nextLong();
      if (decide(low, id) == SAMPLE) {
        assertThat(decide(high, id)).isEqualTo(SAMPLE);
      }
    }
  }

  @Test
  void traceIdRatioEdges() {
    assertThat(decide(Sampler.traceIdRatio(1.0), 0L)).isEqualTo(SAMPLE);
    assertThat(decide(Sampler.traceIdRatio(1.0), 1L)).isEqualTo(SAMPLE);
    assertThat(decide(Sampler.traceIdRatio(0.0), -1L)).isEqualTo(DROP);
    assertThat(decide(Sampler.traceIdRatio(0.0), 0x00FF_FFFF_FFFF_FFFFL)).isEqualTo(DROP);
    assertThatThrownBy(() -> Sampler.traceIdRatio(1.5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Sampler.traceIdRatio(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parentBasedFollowsRemoteSampledFlag() {
    Sampler s = Sampler.parentBased(Sampler.alwaysOff());
    assertThat(s.shouldSample(parent(TraceFlags.SAMPLED, true), 1, 2, "x", SpanKind.SERVER))
        .isEqualTo(SAMPLE);
  }

  @Test
  void parentBasedDropsWhenRemoteParentUnsampled() {
    Sampler s = Sampler.parentBased(Sampler.alwaysOn());
    assertThat(s.shouldSample(parent(0, true), 1, 2, "x", SpanKind.SERVER)).isEqualTo(DROP);
  }

  @Test
  void parentBasedFollowsLocalParentState() {
    Sampler s = Sampler.parentBased(Sampler.alwaysOn());
    assertThat(s.shouldSample(parent(TraceFlags.SAMPLED, false), 1, 2, "x", SpanKind.INTERNAL))
        .isEqualTo(SAMPLE);
    assertThat(s.shouldSample(parent(0, false), 1, 2, "x", SpanKind.INTERNAL)).isEqualTo(DROP);

    try (TraceKit tk =
        TraceKit.builder().sampler(Sampler.keepingErrorsAndSlow(Sampler.alwaysOff())).build()) {
      Span recordOnly = tk.tracer().spanBuilder("r").startSpan();
      assertThat(recordOnly.isRecording()).isTrue();
      assertThat(recordOnly.context().isSampled()).isFalse();
      Context local = Context.root().with(recordOnly);
      assertThat(s.shouldSample(local, 1, 2, "x", SpanKind.INTERNAL))
          .isEqualTo(SamplingDecision.RECORD_ONLY);
    }
  }

  @Test
  void parentBasedAsksRootSamplerWithoutParent() {
    AtomicInteger asked = new AtomicInteger();
    Sampler counting = (p, h, l, n, k) -> {
      asked.incrementAndGet();
      return DROP;
    };
    Sampler s = Sampler.parentBased(counting);
    assertThat(decide(s, 5)).isEqualTo(DROP);
    s.shouldSample(parent(TraceFlags.SAMPLED, true), 1, 2, "x", SpanKind.SERVER);
    assertThat(asked.get()).isEqualTo(1);
  }

  @Test
  void rateLimiterAllowsAboutNPerSecondOnSimulatedClock() {
    AtomicLong now = new AtomicLong(123_456_789L);
    RateLimitingSampler s = new RateLimitingSampler(100, now::get);
    int allowed = 0;
    // 10 simulated seconds, one request per millisecond (10x the rate).
    for (int i = 0; i < 10_000; i++) {
      now.addAndGet(1_000_000L);
      if (s.tryAcquire()) {
        allowed++;
      }
    }
    // A full bucket (100) at start, then 100/s refill: 1000 more in 10 s.
    assertThat(allowed).isBetween(1000, 1101);
  }

  @Test
  void rateLimiterBurstIsBoundedByOneSecondOfTokens() {
    AtomicLong now = new AtomicLong(0);
    RateLimitingSampler s = new RateLimitingSampler(50, now::get);
    now.addAndGet(3_600_000_000_000L); // idle for an hour: the bucket stays capped
    int burst = 0;
    for (int i = 0; i < 1000; i++) {
      if (s.tryAcquire()) {
        burst++;
      }
    }
    assertThat(burst).isEqualTo(50);
    now.addAndGet(100_000_000L); // 0.1 s refills 5 tokens
    int refill = 0;
    for (int i = 0; i < 1000; i++) {
      if (s.tryAcquire()) {
        refill++;
      }
    }
    assertThat(refill).isEqualTo(5);
  }

  @Test
  void rateLimiterBelowOnePerSecondStillAllowsOneThenWaits() {
    AtomicLong now = new AtomicLong(0);
    RateLimitingSampler s = new RateLimitingSampler(0.5, now::get);
    assertThat(s.tryAcquire()).isTrue();
    assertThat(s.tryAcquire()).isFalse();
    now.addAndGet(1_999_000_000L);
    assertThat(s.tryAcquire()).isFalse();
    now.addAndGet(1_000_000L);
    assertThat(s.tryAcquire()).isTrue();
  }

  @Test
  void rateLimiterZeroNeverSamples() {
    RateLimitingSampler s = new RateLimitingSampler(0, () -> 0L);
    assertThat(s.tryAcquire()).isFalse();
    assertThatThrownBy(() -> Sampler.rateLimiting(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rateLimiterNeverGrantsMoreThanBucketUnderConcurrency() throws Exception {
    RateLimitingSampler s = new RateLimitingSampler(1000, () -> 42L); // time stands still
    int threads = 4;
    AtomicInteger granted = new AtomicInteger();
    CyclicBarrier start = new CyclicBarrier(threads);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread w = new Thread(() -> {
        try {
          start.await();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        for (int i = 0; i < 10_000; i++) {
          if (s.tryAcquire()) {
            granted.incrementAndGet();
          }
        }
      });
      workers.add(w);
      w.start();
    }
    for (Thread w : workers) {
      w.join();
    }
    assertThat(granted.get()).isEqualTo(1000);
  }

  @Test
  void allStopsAtFirstDropSoRateLimiterOnlySeesKeptTraces() {
    AtomicLong now = new AtomicLong(0);
    RateLimitingSampler limiter = new RateLimitingSampler(1, now::get);
    Sampler s = Sampler.all(Sampler.traceIdRatio(0.0), limiter);
    for (int i = 0; i < 100; i++) {
      assertThat(decide(s, i)).isEqualTo(DROP);
    }
    assertThat(limiter.tryAcquire()).as("no token was spent on dropped traces").isTrue();
  }

  @Test
  void allTakesLeastDecision() {
    Sampler recordOnly = (p, h, l, n, k) -> SamplingDecision.RECORD_ONLY;
    assertThat(decide(Sampler.all(Sampler.alwaysOn(), recordOnly), 1))
        .isEqualTo(SamplingDecision.RECORD_ONLY);
    assertThat(decide(Sampler.all(Sampler.alwaysOn(), Sampler.alwaysOn()), 1)).isEqualTo(SAMPLE);
    assertThat(decide(Sampler.all(recordOnly, Sampler.alwaysOff()), 1)).isEqualTo(DROP);
    assertThatThrownBy(Sampler::all).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void keepingErrorsAndSlowTurnsDropIntoRecordOnly() {
    assertThat(decide(Sampler.keepingErrorsAndSlow(Sampler.alwaysOff()), 1))
        .isEqualTo(SamplingDecision.RECORD_ONLY);
    assertThat(decide(Sampler.keepingErrorsAndSlow(Sampler.alwaysOn()), 1)).isEqualTo(SAMPLE);
  }
}
