package dev.tracekit.demo.data;

/** Java bodies of the SQL functions the H2 migrations declare (PostgreSQL has its own). */
public final class H2Functions {

    private static final double MAX_SECONDS = 10;

    private H2Functions() {
    }

    /** {@code demo_pause(seconds)}: sleeps (at most ten seconds) and returns 0, like pg_sleep does. */
    public static int pause(double seconds) {
        long millis = (long) (Math.min(Math.max(seconds, 0), MAX_SECONDS) * 1000);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
