package dev.tracekit.demo.data;

/** A product the customer has not bought yet, ranked by how many units all customers bought. */
record Recommendation(long productId, String name, String category, long priceCents, long unitsSold) {
}
