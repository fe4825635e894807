package dev.tracekit.testcontainers;

/** The collector answered a query with an error status, or could not be reached. */
public final class CollectorException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;

  CollectorException(String message, int status, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /** The HTTP status the collector answered, or 0 when there was no answer. */
  public int status() {
    return status;
  }
}
