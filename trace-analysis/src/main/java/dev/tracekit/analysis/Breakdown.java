package dev.tracekit.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Time per service and per operation. The share of each is its self time over the self time of
 * all spans: unlike a share of the trace's duration, these add up to 100% even when spans run
 * in parallel, and they answer "where did the work happen".
 */
final class Breakdown {

  private static final class Tally {
    final String service;
    final String operation;
    int spans;
    int errors;
    long total;
    long self;

    Tally(String service, String operation) {
      this.service = service;
      this.operation = operation;
    }

    void add(Node n) {
      spans++;
      errors += n.isError() ? 1 : 0;
      total += n.duration();
      self += n.selfTime;
    }
  }

  private static final Comparator<Tally> MOST_SELF_TIME_FIRST =
      Comparator.<Tally>comparingLong(t -> -t.self)
          .thenComparing(t -> t.service)
          .thenComparing(t -> t.operation);

  final List<ServiceSummary> services;
  final List<OperationSummary> operations;

  private Breakdown(List<ServiceSummary> services, List<OperationSummary> operations) {
    this.services = services;
    this.operations = operations;
  }

  static Breakdown of(TraceTree tree) {
    Map<String, Tally> byService = new LinkedHashMap<>();
    Map<String, Tally> byOperation = new LinkedHashMap<>();
    long allSelf = 0;
    for (Node n : tree.nodes) {
      byService.computeIfAbsent(n.service, s -> new Tally(s, "")).add(n);
      byOperation.computeIfAbsent(n.service + '\u0000' + n.name(), k -> new Tally(n.service, n.name())).add(n);
      allSelf += n.selfTime;
    }
    List<Tally> services = new ArrayList<>(byService.values());
    services.sort(MOST_SELF_TIME_FIRST);
    List<Tally> operations = new ArrayList<>(byOperation.values());
    operations.sort(MOST_SELF_TIME_FIRST);

    List<ServiceSummary> serviceRows = new ArrayList<>(services.size());
    for (Tally t : services) {
      serviceRows.add(new ServiceSummary(t.service, t.spans, t.errors, t.total, t.self, percent(t.self, allSelf)));
    }
    List<OperationSummary> operationRows = new ArrayList<>(operations.size());
    for (Tally t : operations) {
      operationRows.add(new OperationSummary(
          t.service, t.operation, t.spans, t.errors, t.total, t.self, percent(t.self, allSelf)));
    }
    return new Breakdown(serviceRows, operationRows);
  }

  /** One decimal; 0 when nothing took any time. */
  static double percent(long part, long whole) {
    if (whole <= 0) {
      return 0.0;
    }
    return Math.round(part * 1000.0 / whole) / 10.0;
  }
}
