package dev.tracekit.demo.data;

/** The addressed order, customer or product does not exist (404). */
final class NotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    NotFoundException(String message) {
        super(message);
    }
}
