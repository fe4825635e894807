package dev.tracekit.core;

import java.util.List;
import java.util.Objects;

/** Builds an immutable {@link SpanData}, for decoders and tests. */
public final class SpanDataBuilder {

  private TraceContext context;
  private long parentSpanId;
  private String name = "";
  private SpanKind kind = SpanKind.INTERNAL;
  private long startEpochNanos;
  private long endEpochNanos;
  private Attributes attributes = Attributes.empty();
  private List<EventData> events = List.of();
  private List<LinkData> links = List.of();
  private StatusCode statusCode = StatusCode.UNSET;
  private String statusMessage = "";
  private Resource resource = Resource.empty();
  private InstrumentationScope scope = InstrumentationScope.TRACEKIT;
  private int droppedAttributesCount;
  private int droppedEventsCount;
  private int droppedLinksCount;

  SpanDataBuilder() {}

  public SpanDataBuilder context(TraceContext context) {
    this.context = context;
    return this;
  }

  public SpanDataBuilder parentSpanId(long parentSpanId) {
    this.parentSpanId = parentSpanId;
    return this;
  }

  public SpanDataBuilder name(String name) {
    this.name = name;
    return this;
  }

  public SpanDataBuilder kind(SpanKind kind) {
    this.kind = kind;
    return this;
  }

  public SpanDataBuilder startEpochNanos(long startEpochNanos) {
    this.startEpochNanos = startEpochNanos;
    return this;
  }

  public SpanDataBuilder endEpochNanos(long endEpochNanos) {
    this.endEpochNanos = endEpochNanos;
    return this;
  }

  public SpanDataBuilder attributes(Attributes attributes) {
    this.attributes = attributes;
    return this;
  }

  public SpanDataBuilder events(List<EventData> events) {
    this.events = List.copyOf(events);
    return this;
  }

  public SpanDataBuilder links(List<LinkData> links) {
    this.links = List.copyOf(links);
    return this;
  }

  public SpanDataBuilder status(StatusCode statusCode, String statusMessage) {
    this.statusCode = statusCode;
    this.statusMessage = statusMessage == null ? "" : statusMessage;
    return this;
  }

  public SpanDataBuilder resource(Resource resource) {
    this.resource = resource;
    return this;
  }

  public SpanDataBuilder scope(InstrumentationScope scope) {
    this.scope = scope;
    return this;
  }

  public SpanDataBuilder droppedAttributesCount(int count) {
    this.droppedAttributesCount = count;
    return this;
  }

  public SpanDataBuilder droppedEventsCount(int count) {
    this.droppedEventsCount = count;
    return this;
  }

  public SpanDataBuilder droppedLinksCount(int count) {
    this.droppedLinksCount = count;
    return this;
  }

  public SpanData build() {
    Objects.requireNonNull(context, "context");
    return new ImmutableSpanData(
        context, parentSpanId, Objects.requireNonNull(name, "name"), Objects.requireNonNull(kind, "kind"),
        startEpochNanos, endEpochNanos, Objects.requireNonNull(attributes, "attributes"), events, links,
        Objects.requireNonNull(statusCode, "statusCode"), statusMessage,
        Objects.requireNonNull(resource, "resource"), Objects.requireNonNull(scope, "scope"),
        droppedAttributesCount, droppedEventsCount, droppedLinksCount);
  }

  private record ImmutableSpanData(
      TraceContext context,
      long parentSpanId,
      String name,
      SpanKind kind,
      long startEpochNanos,
      long endEpochNanos,
      Attributes attributes,
      List<EventData> events,
      List<LinkData> links,
      StatusCode statusCode,
      String statusMessage,
      Resource resource,
      InstrumentationScope scope,
      int droppedAttributesCount,
      int droppedEventsCount,
      int droppedLinksCount)
      implements SpanData {}
}
