package dev.tracekit.demo.data;

record Customer(long id, String name, String email, String city) {
}
