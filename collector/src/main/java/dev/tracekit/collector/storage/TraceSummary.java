package dev.tracekit.collector.storage;

import java.util.List;

/**
 * One search result. The root is the span without a parent (the earliest one if there are
 * several); a trace whose root has not arrived shows its earliest span instead. Times in epoch
 * nanoseconds; the duration runs from the earliest span start to the latest span end.
 */
public record TraceSummary(
    TraceId traceId,
    String rootName,
    String rootService,
    boolean rootMissing,
    long startEpochNanos,
    long durationNanos,
    int spanCount,
    int errorCount,
    List<String> services) {

  public TraceSummary {
    services = List.copyOf(services);
  }

  public boolean error() {
    return errorCount > 0;
  }
}
