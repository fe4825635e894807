package dev.tracekit.bench.overhead;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one wrk run reports (wrk 4.x with {@code --latency}): throughput, the latency
 * percentiles, and the requests that did not succeed.
 *
 * @param requestsPerSecond the "Requests/sec" line
 * @param requests completed requests
 * @param p50Micros median latency, microseconds
 * @param p99Micros 99th percentile latency, microseconds
 * @param non2xx answers that were not 2xx or 3xx
 * @param socketErrors connect, read, write errors and timeouts together
 */
record WrkResult(
    double requestsPerSecond,
    long requests,
    double p50Micros,
    double p99Micros,
    long non2xx,
    long socketErrors) {

  private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in ");
  private static final Pattern P50 = Pattern.compile("\\s50%\\s+([0-9.]+)(us|ms|s|m|h)\\b");
  private static final Pattern P99 = Pattern.compile("\\s99%\\s+([0-9.]+)(us|ms|s|m|h)\\b");
  private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
  private static final Pattern SOCKET_ERRORS =
      Pattern.compile(
          "Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

  /** Errors of any kind: the run's numbers are only comparable when this is 0. */
  long errors() {
    return non2xx + socketErrors;
  }

  /**
   * Reads wrk's text output.
   *
   * @throws IllegalArgumentException when the throughput or a percentile is missing (the run
   *     failed or was not started with {@code --latency})
   */
  static WrkResult parse(String output) {
    double rate = Double.parseDouble(required(RATE, output, "Requests/sec").group(1));
    long requests = Long.parseLong(required(REQUESTS, output, "requests in").group(1));
    double p50 = micros(required(P50, output, "50% latency (run wrk with --latency)"));
    double p99 = micros(required(P99, output, "99% latency (run wrk with --latency)"));
    Matcher non2xx = NON_2XX.matcher(output);
    long failed = non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0;
    Matcher socket = SOCKET_ERRORS.matcher(output);
    long socketErrors = 0;
    if (socket.find()) {
      for (int group = 1; group <= 4; group++) {
        socketErrors += Long.parseLong(socket.group(group));
      }
    }
    return new WrkResult(rate, requests, p50, p99, failed, socketErrors);
  }

  private static Matcher required(Pattern pattern, String output, String what) {
    Matcher matcher = pattern.matcher(output);
    if (!matcher.find()) {
      throw new IllegalArgumentException("wrk output has no " + what + " line");
    }
    return matcher;
  }

  private static double micros(Matcher latency) {
    double value = Double.parseDouble(latency.group(1));
    return switch (latency.group(2)) {
      case "us" -> value;
      case "ms" -> value * 1_000;
      case "s" -> value * 1_000_000;
      case "m" -> value * 60_000_000;
      default -> value * 3_600_000_000.0;
    };
  }
}
