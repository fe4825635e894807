package dev.tracekit.collector.ingest;

import dev.tracekit.collector.otlpjson.Decoded;
import dev.tracekit.core.LogRecordData;
import dev.tracekit.core.SpanData;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks every decoded span, whatever its transport, for what the store relies on: valid ids, a
 * start time, an end not before the start. Failing spans are rejected one by one (OTLP
 * {@code partial_success}); logs without a time get their observed or received time.
 */
final class SpanValidator {

  private SpanValidator() {}

  static Decoded<SpanData> validate(Decoded<SpanData> decoded) {
    List<SpanData> valid = new ArrayList<>(decoded.items().size());
    int rejected = decoded.rejected();
    String first = decoded.rejectionMessage();
    for (SpanData span : decoded.items()) {
      String problem = problem(span);
      if (problem == null) {
        valid.add(span);
      } else {
        if (rejected++ == 0) {
          first = problem;
        }
      }
    }
    return rejected == decoded.rejected() ? decoded : new Decoded<>(valid, rejected, first);
  }

  private static String problem(SpanData span) {
    if (!span.context().isValid()) {
      return "span '" + span.name() + "': trace id and span id must not be zero";
    }
    if (span.startEpochNanos() <= 0) {
      return "span '" + span.name() + "' (" + span.spanIdHex() + "): start time is missing";
    }
    if (span.endEpochNanos() < span.startEpochNanos()) {
      return "span '" + span.name() + "' (" + span.spanIdHex() + "): ends before it starts";
    }
    return null;
  }

  /** Logs with their time filled in: the observed time, else {@code receivedEpochNanos}. */
  static List<LogRecordData> withTimes(List<LogRecordData> logs, long receivedEpochNanos) {
    List<LogRecordData> result = null;
    for (int i = 0; i < logs.size(); i++) {
      LogRecordData log = logs.get(i);
      if (log.epochNanos() > 0) {
        if (result != null) {
          result.add(log);
        }
        continue;
      }
      if (result == null) {
        result = new ArrayList<>(logs.subList(0, i));
      }
      long time = log.observedEpochNanos() > 0 ? log.observedEpochNanos() : receivedEpochNanos;
      result.add(new LogRecordData(time, log.observedEpochNanos() > 0 ? log.observedEpochNanos() : receivedEpochNanos,
          log.severityNumber(), log.severityText(), log.body(), log.attributes(), log.traceIdHigh(), log.traceIdLow(),
          log.spanId(), log.traceFlags(), log.resource(), log.scope()));
    }
    return result == null ? logs : result;
  }
}
