package dev.tracekit.demo.gateway;

import org.springframework.http.HttpStatus;

/**
 * Ends a request with {@code status} and a JSON error saying {@code message}: bad input,
 * missing rights, or a downstream service that failed (502) or did not answer in time (504).
 */
final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final HttpStatus status;

    ApiException(HttpStatus status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    HttpStatus status() {
        return status;
    }
}
