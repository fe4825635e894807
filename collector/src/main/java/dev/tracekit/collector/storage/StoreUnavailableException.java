package dev.tracekit.collector.storage;

/** A store cannot take or give data now (database down, pool exhausted); the client should retry later. */
public final class StoreUnavailableException extends RuntimeException {

  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
