package dev.tracekit.demo.data;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The body of {@code POST /data/orders}. */
record NewOrder(Long customerId, List<Line> items) {

    static final int MAX_LINES = 20;
    static final int MAX_QUANTITY = 99;

    record Line(Long productId, Integer quantity) {
    }

    /** Throws {@link InvalidRequestException} naming the first problem found. */
    void validate() {
        if (customerId == null) {
            throw new InvalidRequestException("customerId is missing");
        }
        if (items == null || items.isEmpty() || items.size() > MAX_LINES) {
            throw new InvalidRequestException("an order needs 1 to " + MAX_LINES + " items");
        }
        Set<Long> seen = new HashSet<>();
        for (Line line : items) {
            if (line == null || line.productId() == null || line.quantity() == null) {
                throw new InvalidRequestException("each item needs a productId and a quantity");
            }
            if (line.quantity() < 1 || line.quantity() > MAX_QUANTITY) {
                throw new InvalidRequestException("quantity of product " + line.productId() + " must be 1 to " + MAX_QUANTITY);
            }
            if (!seen.add(line.productId())) {
                throw new InvalidRequestException("product " + line.productId() + " appears twice; send one line per product");
            }
        }
    }
}
