package dev.tracekit.demo.data;

record Product(long id, String sku, String name, String category, long priceCents, int stock) {
}
