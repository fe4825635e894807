package dev.tracekit.core;

/** A link from a span to a span of this or another trace (OTLP {@code Span.Link}). */
public record LinkData(TraceContext context, Attributes attributes, int droppedAttributesCount) {

  public LinkData {
    java.util.Objects.requireNonNull(context, "context");
    java.util.Objects.requireNonNull(attributes, "attributes");
  }

  public LinkData(TraceContext context, Attributes attributes) {
    this(context, attributes, 0);
  }
}
