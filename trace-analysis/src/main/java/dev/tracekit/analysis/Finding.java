package dev.tracekit.analysis;

import java.util.List;

/**
 * One performance problem found in a trace.
 *
 * @param type what kind of problem
 * @param severity how much it matters, by the time at stake
 * @param timeAtStakeMicros the time the problem costs or fixing it could save (see
 *     {@link FindingType} for each type's definition)
 * @param spanIds the spans involved, in time order (at most
 *     {@link AnalysisSettings#maxSpanIdsPerFinding()})
 * @param spanCount how many spans are involved, listed or not
 * @param message one plain sentence that says what happened and what to do
 */
public record Finding(
    FindingType type,
    Severity severity,
    long timeAtStakeMicros,
    List<String> spanIds,
    int spanCount,
    String message) {

  public Finding {
    spanIds = List.copyOf(spanIds);
  }
}
