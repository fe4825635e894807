package dev.tracekit.collector.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tracekit.collector.storage.Severity;
import dev.tracekit.collector.storage.TraceSummary;
import dev.tracekit.core.EventData;
import dev.tracekit.core.LinkData;
import dev.tracekit.core.LogRecordData;
import dev.tracekit.core.SpanData;
import java.util.List;
import java.util.Map;

/**
 * The JSON shapes of the query API. Times are epoch microseconds ({@code startMicros},
 * {@code timeMicros}), durations microseconds ({@code durationMicros}); ids are lowercase hex;
 * attributes keep their JSON types (string, number, boolean, array).
 */
final class ApiJson {

  private ApiJson() {}

  static long micros(long nanos) {
    return Math.floorDiv(nanos, 1_000L);
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Span(
      String traceId,
      String spanId,
      String parentSpanId,
      String name,
      String kind,
      String service,
      long startMicros,
      long durationMicros,
      Status status,
      Map<String, Object> attributes,
      List<Event> events,
      List<Link> links,
      Map<String, Object> resource,
      Scope scope,
      Integer droppedAttributesCount,
      Integer droppedEventsCount,
      Integer droppedLinksCount) {

    static Span of(SpanData s) {
      return new Span(s.traceIdHex(), s.spanIdHex(), s.parentSpanIdHex(), s.name(), s.kind().name(), s.serviceName(),
          micros(s.startEpochNanos()), micros(s.endEpochNanos()) - micros(s.startEpochNanos()),
          new Status(s.statusCode().name(), s.statusMessage()), s.attributes().asMap(),
          s.events().stream().map(Event::of).toList(), s.links().stream().map(Link::of).toList(),
          s.resource().attributes().asMap(), new Scope(s.scope().name(), s.scope().version()),
          positive(s.droppedAttributesCount()), positive(s.droppedEventsCount()), positive(s.droppedLinksCount()));
    }

    /** Dropped counts appear only when something was dropped (by the sender's limits or ours). */
    private static Integer positive(int count) {
      return count > 0 ? count : null;
    }
  }

  record Status(String code, String message) {}

  record Event(long timeMicros, String name, Map<String, Object> attributes) {
    static Event of(EventData e) {
      return new Event(micros(e.epochNanos()), e.name(), e.attributes().asMap());
    }
  }

  record Link(String traceId, String spanId, Map<String, Object> attributes) {
    static Link of(LinkData l) {
      return new Link(l.context().traceIdHex(), l.context().spanIdHex(), l.attributes().asMap());
    }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Scope(String name, String version) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Log(
      long timeMicros,
      String traceId,
      String spanId,
      String service,
      String level,
      int severityNumber,
      String severityText,
      String body,
      Map<String, Object> attributes) {

    static Log of(LogRecordData l) {
      return new Log(micros(l.epochNanos()), l.traceIdHex(), l.spanIdHex(), l.resource().serviceName(),
          Severity.levelName(Severity.effective(l)), l.severityNumber(), l.severityText(), l.body(),
          l.attributes().asMap());
    }
  }

  record Summary(
      String traceId,
      String rootName,
      String rootService,
      boolean rootMissing,
      long startMicros,
      long durationMicros,
      int spanCount,
      int errorCount,
      boolean error,
      List<String> services) {

    static Summary of(TraceSummary s) {
      return new Summary(s.traceId().toHex(), s.rootName(), s.rootService(), s.rootMissing(), micros(s.startEpochNanos()),
          micros(s.startEpochNanos() + s.durationNanos()) - micros(s.startEpochNanos()), s.spanCount(), s.errorCount(),
          s.error(), s.services());
    }
  }
}
