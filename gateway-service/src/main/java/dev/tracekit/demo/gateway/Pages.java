package dev.tracekit.demo.gateway;

import tools.jackson.databind.JsonNode;

/** The gateway's answers: data-service's JSON, put together per page. */
final class Pages {

    private Pages() {
    }

    /** An order with the caller's customer record and product recommendations for them. */
    record OrderPage(JsonNode order, JsonNode customer, JsonNode recommendations) {
    }

    /** A customer with their orders and product recommendations. */
    record CustomerPage(JsonNode customer, JsonNode orders, JsonNode recommendations) {
    }

    record Catalog(JsonNode products) {
    }

    /** The body of {@code POST /api/orders}: the lines; the customer is the caller. */
    record PlaceOrder(JsonNode items) {
    }
}
