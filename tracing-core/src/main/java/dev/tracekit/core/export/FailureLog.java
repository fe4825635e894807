package dev.tracekit.core.export;

import java.lang.System.Logger.Level;
import java.util.function.LongSupplier;

/**
 * Warns about dropped batches without flooding the log: the first failure is logged at once,
 * later ones at most once per interval, with the count of batches dropped in between. Called on
 * the exporter thread only.
 */
final class FailureLog {

  static final long INTERVAL_NANOS = 30_000_000_000L;

  private static final System.Logger LOGGER = System.getLogger("dev.tracekit.core.export");

  private final String what;
  private final String target;
  private final LongSupplier nanoTime;
  private boolean loggedOnce;
  private long lastLogNanos;
  private int suppressedBatches;
  private long suppressedItems;

  /** {@code what} names the items ("spans", "log records"), {@code target} the URL. */
  FailureLog(String what, String target, LongSupplier nanoTime) {
    this.what = what;
    this.target = target;
    this.nanoTime = nanoTime;
  }

  /**
   * Records a dropped batch of {@code items}; {@code problem} says what happened, {@code advice}
   * what to do. Returns whether a warning was written.
   */
  boolean dropped(int items, String problem, String advice) {
    long now = nanoTime.getAsLong();
    if (loggedOnce && now - lastLogNanos < INTERVAL_NANOS) {
      suppressedBatches++;
      suppressedItems += items;
      return false;
    }
    String since = suppressedBatches == 0
        ? ""
        : " Since the last warning " + suppressedBatches + " more batches (" + suppressedItems + " " + what
            + ") were dropped.";
    LOGGER.log(Level.WARNING, "TraceKit dropped " + items + " " + what + " exporting to " + target + ": "
        + problem + ". " + advice + since);
    loggedOnce = true;
    lastLogNanos = now;
    suppressedBatches = 0;
    suppressedItems = 0;
    return true;
  }
}
