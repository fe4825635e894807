package dev.tracekit.demo.data;

import java.time.Instant;

/** An order in a customer's order list: no items, their count and total instead. */
record OrderSummary(long id, String status, Instant createdAt, int itemCount, long totalCents) {
}
