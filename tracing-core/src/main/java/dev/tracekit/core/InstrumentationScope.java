package dev.tracekit.core;

/** The library that produced a span or log (OTLP {@code InstrumentationScope}); version may be null. */
public record InstrumentationScope(String name, String version) {

  public static final InstrumentationScope TRACEKIT = new InstrumentationScope("dev.tracekit", "0.1.0");

  public InstrumentationScope {
    java.util.Objects.requireNonNull(name, "name");
  }
}
