package dev.tracekit.demo.data;

import org.springframework.http.HttpStatus;

/** A failure a demo scenario asked for: answered with its status, logged without a stack trace. */
final class InjectedFailureException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final HttpStatus status;

    InjectedFailureException(HttpStatus status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    HttpStatus status() {
        return status;
    }
}
