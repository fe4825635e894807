package dev.tracekit.collector.query;

/** Something a request names that is not stored; answered with 404 and the message. */
final class NotFoundException extends RuntimeException {

  NotFoundException(String message) {
    super(message, null, false, false);
  }
}
