package dev.tracekit.bench.overhead;

/**
 * One timed wrk run of one configuration.
 *
 * @param round the round (every configuration runs once per round and connection count)
 * @param connections concurrent connections (clients) wrk kept open
 * @param config the configuration's id
 * @param load1 the machine's one-minute load average when the run started
 * @param result what wrk measured
 */
record Measurement(int round, int connections, String config, double load1, WrkResult result) {}
