package dev.tracekit.collector.storage;

import dev.tracekit.core.SpanData;
import java.util.Comparator;

/** The order of spans within a trace that every store returns: by start time, then span id. */
public final class SpanOrder {

  public static final Comparator<SpanData> BY_START =
      Comparator.comparingLong(SpanData::startEpochNanos)
          .thenComparingLong(s -> s.context().spanId());

  private SpanOrder() {}
}
