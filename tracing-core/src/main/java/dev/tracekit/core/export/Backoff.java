package dev.tracekit.core.export;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongUnaryOperator;

/**
 * Delays between export attempts: exponential backoff with full jitter (a uniform delay between 0
 * and {@code min(max, initial * 2^retry)}), so that many exporters retrying after the same outage
 * do not return in step. A receiver's {@code Retry-After} wins over the computed delay, capped at
 * the maximum so that one header cannot park the exporter thread.
 */
final class Backoff {

  private final long initialMillis;
  private final long maxMillis;
  /** Given an inclusive bound, returns a value in [0, bound]. */
  private final LongUnaryOperator jitter;
  private final Clock clock;

  Backoff(Duration initial, Duration max, LongUnaryOperator jitter, Clock clock) {
    this.initialMillis = initial.toMillis();
    this.maxMillis = max.toMillis();
    this.jitter = jitter;
    this.clock = clock;
  }

  static LongUnaryOperator randomJitter() {
    return bound -> ThreadLocalRandom.current().nextLong(bound + 1);
  }

  /**
   * The delay before retry number {@code retry} (0 for the first retry), honouring
   * {@code retryAfter} (a {@code Retry-After} header value, or null).
   */
  long delayMillis(int retry, String retryAfter) {
    long requested = parseRetryAfterMillis(retryAfter);
    if (requested >= 0) {
      return Math.min(requested, maxMillis);
    }
    return jitter.applyAsLong(capMillis(retry));
  }

  /** The upper bound of the jittered delay for {@code retry}. */
  long capMillis(int retry) {
    long cap = initialMillis;
    for (int i = 0; i < retry && cap < maxMillis; i++) {
      cap <<= 1; // stops doubling at the max, so it cannot overflow
    }
    return Math.min(cap, maxMillis);
  }

  /**
   * A {@code Retry-After} value in milliseconds: delay-seconds or an HTTP-date (past dates give
   * 0); -1 when absent or unreadable.
   */
  long parseRetryAfterMillis(String value) {
    if (value == null || value.isBlank()) {
      return -1;
    }
    String v = value.trim();
    if (v.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return v.length() > 12 ? Long.MAX_VALUE : Long.parseLong(v) * 1000; // > 30,000 years: capped later
    }
    try {
      ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
      return Math.max(0, Duration.between(clock.instant(), at.toInstant()).toMillis());
    } catch (DateTimeParseException e) {
      return -1;
    }
  }
}
