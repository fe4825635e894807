package dev.tracekit.core;

/** A timestamped event within a span (OTLP {@code Span.Event}). Exceptions are events named "exception". */
public record EventData(long epochNanos, String name, Attributes attributes, int droppedAttributesCount) {

  public EventData {
    java.util.Objects.requireNonNull(name, "name");
    java.util.Objects.requireNonNull(attributes, "attributes");
  }

  public EventData(long epochNanos, String name, Attributes attributes) {
    this(epochNanos, name, attributes, 0);
  }
}
