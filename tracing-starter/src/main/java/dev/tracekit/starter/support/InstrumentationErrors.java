package dev.tracekit.starter.support;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where instrumentation code reports its own failures. Tracing must never break a request, so
 * every filter and interceptor catches what it throws, counts it here and moves on; a warning
 * is logged at most once a minute so that a systematic failure cannot flood the logs.
 */
public final class InstrumentationErrors {

  private static final Logger log = LoggerFactory.getLogger(InstrumentationErrors.class);
  private static final long LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

  private static final AtomicLong count = new AtomicLong();
  private static final AtomicLong nextLogAt = new AtomicLong(System.nanoTime());
  private static final AtomicLong suppressed = new AtomicLong();

  private InstrumentationErrors() {}

  /** Counts {@code error}, raised while tracing in {@code where}, and logs it if none was logged recently. */
  public static void record(String where, Throwable error) {
    count.incrementAndGet();
    long now = System.nanoTime();
    long due = nextLogAt.get();
    if (now - due >= 0 && nextLogAt.compareAndSet(due, now + LOG_INTERVAL_NANOS)) {
      long skipped = suppressed.getAndSet(0);
      log.warn(
          "TraceKit instrumentation failed in {} and skipped tracing for this call; the application"
              + " is unaffected ({} similar failures not logged in the last minute). Please report"
              + " this with the stack trace.",
          where,
          skipped,
          error);
    } else {
      suppressed.incrementAndGet();
    }
  }

  /** How many instrumentation failures happened in this JVM. */
  public static long count() {
    return count.get();
  }
}
