package dev.tracekit.demo.data;

/** How order items are read: in one joined query, or one query per item (the N+1 pattern). */
enum ItemLoading {
    JOINED, ONE_BY_ONE
}
