package dev.tracekit.core.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  private static Backoff backoff() {
    return new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), Backoff.randomJitter(),
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void capDoublesPerRetryUpToTheMaximum() {
    Backoff b = backoff();
    assertThat(new long[] {b.capMillis(0), b.capMillis(1), b.capMillis(2), b.capMillis(5), b.capMillis(6),
        b.capMillis(1000)})
        .containsExactly(100, 200, 400, 3200, 5000, 5000);
  }

  @Test
  void fullJitterStaysWithinZeroAndTheCap() {
    Backoff b = backoff();
    long max = 0;
    for (int i = 0; i < 2000; i++) {
      long delay = b.delayMillis(2, null);
      assertThat(delay).isBetween(0L, 400L);
      max = Math.max(max, delay);
    }
    assertThat(max).isGreaterThan(200); // spread over the range, not stuck at 0
  }

  @Test
  void retryAfterAcceptsSecondsAndHttpDates() {
    Backoff b = backoff();
    assertThat(b.parseRetryAfterMillis("2")).isEqualTo(2000);
    assertThat(b.parseRetryAfterMillis(" 0 ")).isZero();
    assertThat(b.parseRetryAfterMillis("Sun, 01 Mar 2026 12:00:04 GMT")).isEqualTo(4000);
    assertThat(b.parseRetryAfterMillis("Sun, 01 Mar 2026 11:00:00 GMT")).isZero();
    assertThat(b.parseRetryAfterMillis("99999999999999999999")).isEqualTo(Long.MAX_VALUE);
    assertThat(b.parseRetryAfterMillis("soon")).isEqualTo(-1);
    assertThat(b.parseRetryAfterMillis("-5")).isEqualTo(-1);
    assertThat(b.parseRetryAfterMillis(null)).isEqualTo(-1);
  }

  @Test
  void retryAfterWinsOverBackoffButIsCappedAtTheMaximum() {
    Backoff b = backoff();
    assertThat(b.delayMillis(0, "3")).isEqualTo(3000);
    assertThat(b.delayMillis(0, "86400")).isEqualTo(5000);
    assertThat(b.delayMillis(0, "garbage")).isBetween(0L, 100L);
  }
}
