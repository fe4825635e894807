package dev.tracekit.bench.overhead;

/**
 * One timed wrk run of one configuration.
 *
 * @param round the round (every configuration runs once per round and connection count)
 * @param connections concurrent connections (clients) wrk kept open
 * @param config the configuration's id
 * @param load1 the machine's one-minute load average when the run started
 * @param result what wrk measured
 * @param cpuMillis CPU time (user + system) used during the run by the configuration's
 *     gateway, auth and data JVMs and by the collector, in that order
 */
record Measurement(
    int round, int connections, String config, double load1, WrkResult result, CpuMillis cpuMillis) {

  /**
   * CPU time of each process during a run, milliseconds.
   */
  record CpuMillis(double gateway, double auth, double data, double collector) {

    double services() {
      return gateway + auth + data;
    }
  }

  /** Microseconds of CPU per completed request, for a CPU time in milliseconds. */
  double perRequestMicros(double millis) {
    return millis * 1000 / result.requests();
  }

  /** Service CPU per completed request, microseconds. */
  double serviceCpuMicrosPerRequest() {
    return perRequestMicros(cpuMillis.services());
  }

  /** Services' and collector's CPU per completed request, microseconds. */
  double totalCpuMicrosPerRequest() {
    return perRequestMicros(cpuMillis.services() + cpuMillis.collector());
  }
}
