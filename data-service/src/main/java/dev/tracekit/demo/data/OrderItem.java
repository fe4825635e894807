package dev.tracekit.demo.data;

record OrderItem(long id, long productId, String productName, int quantity, long unitPriceCents) {

    long totalCents() {
        return quantity * unitPriceCents;
    }
}
