package dev.tracekit.demo.data;

/** An order asks for more than the stock holds (409); the whole order is rolled back. */
final class OutOfStockException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    OutOfStockException(String message) {
        super(message);
    }
}
