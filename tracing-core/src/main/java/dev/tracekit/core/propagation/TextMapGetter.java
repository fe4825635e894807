package dev.tracekit.core.propagation;

/** Reads headers from a carrier (an HTTP request, a message). */
public interface TextMapGetter<C> {

  /** The first value of header {@code key} (case-insensitive as HTTP says), or null. */
  String get(C carrier, String key);

  /**
   * All values of header {@code key} in order, for headers that may repeat ({@code tracestate},
   * {@code baggage}). The default returns the single value of {@link #get}.
   */
  default Iterable<String> getAll(C carrier, String key) {
    String value = get(carrier, key);
    return value == null ? java.util.List.of() : java.util.List.of(value);
  }
}
