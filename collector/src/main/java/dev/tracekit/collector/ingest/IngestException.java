package dev.tracekit.collector.ingest;

import org.springframework.http.HttpStatus;

/**
 * An ingest request refused as a whole: the HTTP status, the gRPC code for an OTLP
 * {@code google.rpc.Status} body, a metric reason and a message for the client.
 */
final class IngestException extends RuntimeException {

  private final HttpStatus status;
  private final int grpcCode;
  private final String reason;

  IngestException(HttpStatus status, int grpcCode, String reason, String message) {
    super(message, null, false, false);
    this.status = status;
    this.grpcCode = grpcCode;
    this.reason = reason;
  }

  static IngestException malformed(String message) {
    return new IngestException(HttpStatus.BAD_REQUEST, OtlpResponses.INVALID_ARGUMENT, "malformed", message);
  }

  static IngestException tooLarge(String reason, String message) {
    return new IngestException(HttpStatus.CONTENT_TOO_LARGE, OtlpResponses.RESOURCE_EXHAUSTED, reason, message);
  }

  static IngestException unsupported(String reason, String message) {
    return new IngestException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, OtlpResponses.INVALID_ARGUMENT, reason, message);
  }

  static IngestException unavailable(String reason, String message) {
    return new IngestException(HttpStatus.SERVICE_UNAVAILABLE, OtlpResponses.UNAVAILABLE, reason, message);
  }

  static IngestException tooManyRequests(String message) {
    return new IngestException(HttpStatus.TOO_MANY_REQUESTS, OtlpResponses.RESOURCE_EXHAUSTED, "too_many_requests", message);
  }

  static IngestException internal(String message) {
    return new IngestException(HttpStatus.INTERNAL_SERVER_ERROR, OtlpResponses.INTERNAL, "store_error", message);
  }

  HttpStatus status() {
    return status;
  }

  int grpcCode() {
    return grpcCode;
  }

  /** A metric tag. */
  String reason() {
    return reason;
  }

  /** Whether the client should retry after Retry-After (OTLP retries 429 and 503). */
  boolean retryable() {
    return status == HttpStatus.SERVICE_UNAVAILABLE || status == HttpStatus.TOO_MANY_REQUESTS;
  }
}
