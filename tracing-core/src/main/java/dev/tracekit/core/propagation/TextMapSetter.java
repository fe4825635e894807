package dev.tracekit.core.propagation;

/** Writes headers to a carrier. Implementations replace any existing value. */
@FunctionalInterface
public interface TextMapSetter<C> {

  void set(C carrier, String key, String value);
}
