package dev.tracekit.demo.data;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The argument of {@code demo_pause(?)}: a pause in seconds, different on each call by under a
 * nanosecond. H2 answers a deterministic query repeated with the same parameters (and unchanged
 * tables) from its last result, which would skip the pause on every repeat.
 */
final class DemoPause {

    private static final AtomicLong calls = new AtomicLong();

    private DemoPause() {
    }

    static double seconds(Duration pause) {
        return pause.toNanos() / 1e9 + (calls.incrementAndGet() % 1000) * 1e-12;
    }
}
