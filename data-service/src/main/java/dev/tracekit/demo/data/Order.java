package dev.tracekit.demo.data;

import java.time.Instant;
import java.util.List;

record Order(long id, long customerId, String status, Instant createdAt, List<OrderItem> items, long totalCents) {

    Order {
        items = List.copyOf(items);
    }

    static Order of(OrderHeader header, List<OrderItem> items) {
        long total = items.stream().mapToLong(OrderItem::totalCents).sum();
        return new Order(header.id(), header.customerId(), header.status(), header.createdAt(), items, total);
    }
}
