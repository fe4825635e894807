package dev.tracekit.demo.gateway;

import java.util.Map;

import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;

import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import reactor.util.retry.RetryBackoffSpec;
import tools.jackson.databind.JsonNode;

/**
 * Calls data-service. Reads are retried with exponential backoff after a 503 or a refused
 * connection (the retries scenario shows it); the order placement is not, since it is not
 * idempotent.
 */
final class DataClient {

    private static final String SERVICE = "data-service";

    private final WebClient client;
    private final RetryBackoffSpec retry;

    DataClient(WebClient client, GatewayProperties properties) {
        this.client = client;
        this.retry = Retry.backoff(properties.retries(), properties.retryBackoff())
                .filter(DownstreamFailures::isTransient)
                .onRetryExhaustedThrow((spec, signal) -> signal.failure());
    }

    Mono<JsonNode> order(long id, DemoRequest request) {
        return read("/data/orders/{id}", request, id);
    }

    Mono<JsonNode> customer(long id, DemoRequest request) {
        return read("/data/customers/{id}", request, id);
    }

    Mono<JsonNode> ordersOf(long customerId, DemoRequest request) {
        return read("/data/customers/{id}/orders", request, customerId);
    }

    Mono<JsonNode> recommendationsFor(long customerId, DemoRequest request) {
        return read("/data/customers/{id}/recommendations", request, customerId);
    }

    Mono<JsonNode> catalog(DemoRequest request) {
        return read("/data/products", request);
    }

    Mono<JsonNode> placeOrder(long customerId, JsonNode items, DemoRequest request) {
        return client.post()
                .uri("/data/orders")
                .headers(request::propagate)
                .bodyValue(Map.of("customerId", customerId, "items", items))
                .retrieve()
                .bodyToMono(JsonNode.class)
                .onErrorMap(failure -> DownstreamFailures.translate(SERVICE, "POST /data/orders", failure));
    }

    private Mono<JsonNode> read(String uriTemplate, DemoRequest request, Object... variables) {
        String call = "GET " + UriComponentsBuilder.fromUriString(uriTemplate).buildAndExpand(variables).toUriString();
        return client.get()
                .uri(uriTemplate, variables)
                .headers(request::propagate)
                .retrieve()
                .bodyToMono(JsonNode.class)
                .retryWhen(retry)
                .onErrorMap(failure -> DownstreamFailures.translate(SERVICE, call, failure));
    }
}
