package dev.tracekit.collector.ingest;

import dev.tracekit.core.Attributes;
import dev.tracekit.core.EventData;
import dev.tracekit.core.LinkData;
import dev.tracekit.core.Resource;
import dev.tracekit.core.SpanData;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * Bounds what one span may bring into the store, whatever the sender's own limits: string values
 * (attribute values, span names, status messages) longer than {@code maxValueLength} are cut,
 * attributes past {@code maxAttributesPerSpan} (per span, event and link) and events past
 * {@code maxEventsPerSpan} are dropped. The span itself is kept, its dropped counts raised, and
 * every cut or drop is counted ({@code tracekit.collector.limits.*}). Spans within the limits
 * pass through untouched, without a copy.
 */
public final class IngestLimits {

  private final int maxValueLength;
  private final int maxAttributesPerSpan;
  private final int maxEventsPerSpan;
  private final MeterRegistry registry;

  public IngestLimits(int maxValueLength, int maxAttributesPerSpan, int maxEventsPerSpan, MeterRegistry registry) {
    if (maxValueLength < 1 || maxAttributesPerSpan < 0 || maxEventsPerSpan < 0) {
      throw new IllegalArgumentException("tracekit.collector.limits.max-value-length must be at least 1 and the other "
          + "limits at least 0");
    }
    this.maxValueLength = maxValueLength;
    this.maxAttributesPerSpan = maxAttributesPerSpan;
    this.maxEventsPerSpan = maxEventsPerSpan;
    this.registry = registry;
  }

  /** {@code spans} with the limits applied; the same list when every span is within them. */
  List<SpanData> apply(String transport, List<SpanData> spans) {
    List<SpanData> result = null;
    Tally tally = new Tally();
    // The spans of one resource share its Resource: check it once, not per span.
    Resource withinLimits = null;
    for (int i = 0; i < spans.size(); i++) {
      SpanData span = spans.get(i);
      boolean resourceWithin = span.resource() == withinLimits || !exceeds(span.resource().attributes());
      if (resourceWithin) {
        withinLimits = span.resource();
      }
      SpanData limited = !resourceWithin || exceeds(span) ? limit(span, tally) : span;
      if (limited != span && result == null) {
        result = new ArrayList<>(spans.subList(0, i));
      }
      if (result != null) {
        result.add(limited);
      }
    }
    if (result == null) {
      return spans;
    }
    count("tracekit.collector.limits.truncated.values", "String values cut to max-value-length", transport,
        tally.truncated);
    count("tracekit.collector.limits.dropped.attributes", "Attributes dropped past max-attributes-per-span", transport,
        tally.droppedAttributes);
    count("tracekit.collector.limits.dropped.events", "Span events dropped past max-events-per-span", transport,
        tally.droppedEvents);
    return result;
  }

  /** Whether anything but the resource is over a limit (indexed loops: no iterator per span). */
  private boolean exceeds(SpanData span) {
    List<EventData> events = span.events();
    if (span.name().length() > maxValueLength || events.size() > maxEventsPerSpan
        || (span.statusMessage() != null && span.statusMessage().length() > maxValueLength)
        || exceeds(span.attributes())) {
      return true;
    }
    for (int i = 0; i < events.size(); i++) {
      EventData e = events.get(i);
      if (e.name().length() > maxValueLength || exceeds(e.attributes())) {
        return true;
      }
    }
    List<LinkData> links = span.links();
    for (int i = 0; i < links.size(); i++) {
      if (exceeds(links.get(i).attributes())) {
        return true;
      }
    }
    return false;
  }

  private boolean exceeds(Attributes attributes) {
    if (attributes.size() > maxAttributesPerSpan) {
      return true;
    }
    for (int i = 0; i < attributes.size(); i++) {
      if (tooLong(attributes.valueAt(i))) {
        return true;
      }
    }
    return false;
  }

  private boolean tooLong(Object value) {
    if (value instanceof String s) {
      return s.length() > maxValueLength;
    }
    if (value instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof String s && s.length() > maxValueLength) {
          return true;
        }
      }
    }
    return false;
  }

  private SpanData limit(SpanData span, Tally tally) {
    int attributesBefore = tally.droppedAttributes;
    Attributes attributes = limit(span.attributes(), tally);
    int spanAttributesDropped = tally.droppedAttributes - attributesBefore;
    List<EventData> events = new ArrayList<>(Math.min(span.events().size(), maxEventsPerSpan));
    for (EventData e : span.events()) {
      if (events.size() == maxEventsPerSpan) {
        tally.droppedEvents++;
        continue;
      }
      int before = tally.droppedAttributes;
      Attributes eventAttributes = limit(e.attributes(), tally);
      events.add(new EventData(e.epochNanos(), cut(e.name(), tally), eventAttributes,
          e.droppedAttributesCount() + tally.droppedAttributes - before));
    }
    List<LinkData> links = new ArrayList<>(span.links().size());
    for (LinkData l : span.links()) {
      int before = tally.droppedAttributes;
      Attributes linkAttributes = limit(l.attributes(), tally);
      links.add(linkAttributes == l.attributes() ? l
          : new LinkData(l.context(), linkAttributes, l.droppedAttributesCount() + tally.droppedAttributes - before));
    }
    Attributes resource = limit(span.resource().attributes(), tally);
    return SpanData.builder()
        .context(span.context())
        .parentSpanId(span.parentSpanId())
        .name(cut(span.name(), tally))
        .kind(span.kind())
        .startEpochNanos(span.startEpochNanos())
        .endEpochNanos(span.endEpochNanos())
        .attributes(attributes)
        .events(events)
        .links(links)
        .status(span.statusCode(), span.statusMessage() == null ? null : cut(span.statusMessage(), tally))
        .resource(resource == span.resource().attributes() ? span.resource() : new Resource(resource))
        .scope(span.scope())
        .droppedAttributesCount(span.droppedAttributesCount() + spanAttributesDropped)
        .droppedEventsCount(span.droppedEventsCount() + span.events().size() - events.size())
        .droppedLinksCount(span.droppedLinksCount())
        .build();
  }

  private Attributes limit(Attributes attributes, Tally tally) {
    if (!exceeds(attributes)) {
      return attributes;
    }
    Attributes.Builder b = Attributes.builder();
    int kept = Math.min(attributes.size(), maxAttributesPerSpan);
    for (int i = 0; i < kept; i++) {
      b.put(attributes.keyAt(i), limitValue(attributes.valueAt(i), tally));
    }
    tally.droppedAttributes += attributes.size() - kept;
    return b.build();
  }

  private Object limitValue(Object value, Tally tally) {
    if (value instanceof String s) {
      return cut(s, tally);
    }
    if (value instanceof List<?> list && tooLong(list)) {
      List<Object> cut = new ArrayList<>(list.size());
      for (Object o : list) {
        cut.add(o instanceof String s ? cut(s, tally) : o);
      }
      return List.copyOf(cut);
    }
    return value;
  }

  /** {@code s} cut to the limit, never between the halves of a surrogate pair. */
  private String cut(String s, Tally tally) {
    if (s.length() <= maxValueLength) {
      return s;
    }
    tally.truncated++;
    int end = Character.isHighSurrogate(s.charAt(maxValueLength - 1)) ? maxValueLength - 1 : maxValueLength;
    return s.substring(0, end);
  }

  private void count(String name, String description, String transport, int n) {
    if (n > 0) {
      Counter.builder(name).description(description).tag("transport", transport).register(registry).increment(n);
    }
  }

  /** What one request's spans lost to the limits. */
  private static final class Tally {
    int truncated;
    int droppedAttributes;
    int droppedEvents;
  }
}
