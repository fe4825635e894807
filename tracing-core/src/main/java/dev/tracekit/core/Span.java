package dev.tracekit.core;

/**
 * A unit of work being recorded. Calls after {@link #end()} are ignored; {@code end()} is
 * idempotent. An unsampled span is a no-op whose {@link #isRecording()} is false and whose
 * methods do nothing and allocate nothing.
 */
public interface Span {

  TraceContext context();

  /** Whether attributes, events and status are being kept (false for unsampled or ended spans). */
  boolean isRecording();

  Span setAttribute(String key, String value);

  Span setAttribute(String key, long value);

  Span setAttribute(String key, double value);

  Span setAttribute(String key, boolean value);

  /** Sets an attribute of any supported type (see {@link Attributes}); null is ignored. */
  Span setAttribute(String key, Object value);

  Span addEvent(String name);

  Span addEvent(String name, Attributes attributes);

  /**
   * Records {@code error} as an event named {@code exception} with {@code exception.type},
   * {@code exception.message} and {@code exception.stacktrace}. Does not set the status.
   */
  Span recordException(Throwable error);

  Span setStatus(StatusCode code, String description);

  default Span setStatus(StatusCode code) {
    return setStatus(code, null);
  }

  Span updateName(String name);

  void end();

  /** Ends at an explicit wall-clock time in epoch nanos. */
  void end(long endEpochNanos);

  /** A span that records nothing, with the given context (possibly invalid). */
  static Span wrap(TraceContext context) {
    return NoopSpan.of(context);
  }

  /** The span with no context: what {@link Context#span()} returns outside any span. */
  static Span invalid() {
    return NoopSpan.INVALID;
  }
}
