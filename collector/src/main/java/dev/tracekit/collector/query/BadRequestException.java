package dev.tracekit.collector.query;

/** A query parameter that cannot be understood; answered with 400 and the message. */
final class BadRequestException extends RuntimeException {

  BadRequestException(String message) {
    super(message, null, false, false);
  }
}
