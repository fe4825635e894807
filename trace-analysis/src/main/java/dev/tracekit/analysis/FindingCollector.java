package dev.tracekit.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Gathers the detectors' findings, rates their severity by the time at stake, and hands back
 * the largest ones, as many as the settings allow.
 */
final class FindingCollector {

  private static final Comparator<Finding> LARGEST_FIRST =
      Comparator.comparingLong(Finding::timeAtStakeMicros).reversed()
          .thenComparing(Finding::severity, Comparator.reverseOrder())
          .thenComparing(Finding::type)
          .thenComparing(f -> f.spanIds().isEmpty() ? "" : f.spanIds().get(0));

  private final AnalysisSettings settings;
  private final long traceDurationMicros;
  private final List<Finding> findings = new ArrayList<>();

  FindingCollector(AnalysisSettings settings, long traceDurationMicros) {
    this.settings = settings;
    this.traceDurationMicros = traceDurationMicros;
  }

  void add(FindingType type, long timeAtStakeMicros, List<Node> spans, String message) {
    add(type, timeAtStakeMicros, spans, message, Severity.INFO);
  }

  /** Adds a finding rated by its time at stake, but never below {@code floor}. */
  void add(FindingType type, long timeAtStakeMicros, List<Node> spans, String message, Severity floor) {
    Severity severity = severity(timeAtStakeMicros);
    if (severity.compareTo(floor) < 0) {
      severity = floor;
    }
    int listed = Math.min(spans.size(), settings.maxSpanIdsPerFinding());
    List<String> ids = new ArrayList<>(listed);
    for (int i = 0; i < listed; i++) {
      ids.add(spans.get(i).spanIdHex());
    }
    findings.add(new Finding(type, severity, timeAtStakeMicros, ids, spans.size(), message));
  }

  /**
   * CRITICAL at or over the critical threshold, or at or over the warning threshold when that is
   * half the trace or more; WARNING at or over the warning threshold; INFO below.
   */
  Severity severity(long micros) {
    if (micros >= settings.criticalMicros()) {
      return Severity.CRITICAL;
    }
    if (micros >= settings.warningMicros()) {
      return micros * 2 >= traceDurationMicros ? Severity.CRITICAL : Severity.WARNING;
    }
    return Severity.INFO;
  }

  /** The findings kept, largest time at stake first. */
  List<Finding> kept() {
    findings.sort(LARGEST_FIRST);
    return findings.size() <= settings.maxFindings()
        ? List.copyOf(findings)
        : List.copyOf(findings.subList(0, settings.maxFindings()));
  }

  int omitted() {
    return Math.max(0, findings.size() - settings.maxFindings());
  }
}
