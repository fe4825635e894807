package dev.tracekit.bench.overhead;

/**
 * A configuration of the demo services under test, as the script describes it.
 *
 * @param id short id ({@code none}, {@code tracekit-100}, ...)
 * @param description what runs, in words
 * @param spansPerRequest spans the collector received per request in the check run, or NaN
 * @param status {@code ok}, or why the configuration did not run
 */
record Configuration(String id, String description, double spansPerRequest, String status) {

  boolean ran() {
    return "ok".equals(status);
  }
}
