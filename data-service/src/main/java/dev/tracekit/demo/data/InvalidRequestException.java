package dev.tracekit.demo.data;

/** The request cannot be served as sent (400). */
final class InvalidRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    InvalidRequestException(String message) {
        super(message);
    }
}
