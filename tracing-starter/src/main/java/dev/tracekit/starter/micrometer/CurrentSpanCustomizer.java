package dev.tracekit.starter.micrometer;

import dev.tracekit.core.Context;
import io.micrometer.tracing.SpanCustomizer;

/** Names and tags whatever span is current when called (ours or one started through Micrometer). */
final class CurrentSpanCustomizer implements SpanCustomizer {

  static final CurrentSpanCustomizer INSTANCE = new CurrentSpanCustomizer();

  private CurrentSpanCustomizer() {}

  @Override
  public SpanCustomizer name(String name) {
    if (name != null) {
      Context.currentSpan().updateName(name);
    }
    return this;
  }

  @Override
  public SpanCustomizer tag(String key, String value) {
    if (key != null && value != null) {
      Context.currentSpan().setAttribute(key, value);
    }
    return this;
  }

  @Override
  public SpanCustomizer event(String value) {
    if (value != null) {
      Context.currentSpan().addEvent(value);
    }
    return this;
  }
}
