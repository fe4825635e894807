package dev.tracekit.demo.data;

import java.time.Instant;

/** One row of the orders table. */
record OrderHeader(long id, long customerId, String status, Instant createdAt) {
}
