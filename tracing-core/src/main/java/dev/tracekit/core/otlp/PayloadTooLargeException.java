package dev.tracekit.core.otlp;

/** A payload inflates past the allowed size; decompression stopped at the limit. */
public final class PayloadTooLargeException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final long limitBytes;

  public PayloadTooLargeException(String message, long limitBytes) {
    super(message);
    this.limitBytes = limitBytes;
  }

  /** The limit that was exceeded, in bytes. */
  public long limitBytes() {
    return limitBytes;
  }
}
