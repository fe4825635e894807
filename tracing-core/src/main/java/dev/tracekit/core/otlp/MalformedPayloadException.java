package dev.tracekit.core.otlp;

/**
 * A payload is not a valid OTLP message (or not valid for its compression). The message names
 * the field and the byte offset where decoding stopped; nothing of the payload is returned.
 */
public final class MalformedPayloadException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public MalformedPayloadException(String message) {
    super(message);
  }

  public MalformedPayloadException(String message, Throwable cause) {
    super(message, cause);
  }
}
