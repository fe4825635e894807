package dev.tracekit.core;

/** The role of a span in a call, numbered as in OTLP. */
public enum SpanKind {
  INTERNAL(1),
  SERVER(2),
  CLIENT(3),
  PRODUCER(4),
  CONSUMER(5);

  private final int otlpValue;

  SpanKind(int otlpValue) {
    this.otlpValue = otlpValue;
  }

  /** The OTLP {@code Span.SpanKind} number. */
  public int otlpValue() {
    return otlpValue;
  }

  /** The kind for an OTLP number; unknown and unspecified (0) map to INTERNAL. */
  public static SpanKind fromOtlp(int value) {
    return switch (value) {
      case 2 -> SERVER;
      case 3 -> CLIENT;
      case 4 -> PRODUCER;
      case 5 -> CONSUMER;
      default -> INTERNAL;
    };
  }
}
