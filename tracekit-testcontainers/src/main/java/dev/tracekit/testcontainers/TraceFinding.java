package dev.tracekit.testcontainers;

import java.util.List;

/**
 * One problem the collector's analysis found in a trace ({@code GET /api/traces/{id}/analysis}).
 *
 * @param type {@code N_PLUS_ONE}, {@code SEQUENTIAL_CALLS}, {@code EXCESSIVE_RETRIES},
 *     {@code SLOW_NETWORK}, {@code SLOW_SPAN}, {@code SLOW_QUERY} or {@code ERROR}
 * @param severity {@code INFO}, {@code WARNING} or {@code CRITICAL}
 * @param timeAtStakeMicros what the problem costs, in microseconds
 * @param spanIds the spans involved, in time order (possibly not all of them)
 * @param spanCount how many spans are involved
 * @param message what happened and what to do
 */
public record TraceFinding(
    String type, String severity, long timeAtStakeMicros, List<String> spanIds, int spanCount, String message) {

  public TraceFinding {
    spanIds = List.copyOf(spanIds);
  }
}
