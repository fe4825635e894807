package dev.tracekit.collector.otlpjson;

/** A JSON body that is not JSON, or not shaped as the format requires. The message says where. */
public final class MalformedJsonException extends RuntimeException {

  public MalformedJsonException(String message) {
    super(message);
  }

  public MalformedJsonException(String message, Throwable cause) {
    super(message, cause);
  }
}
