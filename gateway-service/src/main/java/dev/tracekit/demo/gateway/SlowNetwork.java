package dev.tracekit.demo.gateway;

import java.time.Duration;

import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

import reactor.core.publisher.Mono;

/**
 * The slow-network scenario: holds a data-service call for {@code demo.slow-network-delay}
 * before it goes on the wire. It sits innermost among the client's filters, inside the
 * client span, so the trace shows a client span that much longer than the server span.
 */
final class SlowNetwork implements ExchangeFilterFunction {

    private final Duration delay;

    SlowNetwork(Duration delay) {
        this.delay = delay;
    }

    @Override
    public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
        if (!Scenario.SLOW_NETWORK.id().equals(request.headers().getFirst(Scenario.HEADER))) {
            return next.exchange(request);
        }
        return Mono.delay(delay).then(Mono.defer(() -> next.exchange(request)));
    }
}
