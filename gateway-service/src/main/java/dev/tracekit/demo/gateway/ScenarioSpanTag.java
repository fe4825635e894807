package dev.tracekit.demo.gateway;

import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import dev.tracekit.core.Context;
import dev.tracekit.starter.web.reactive.TracingWebFilter;
import reactor.core.publisher.Mono;

/**
 * The demo's one piece of tracing code: marks the request's server span with the scenario it
 * asked for ({@code demo.scenario}), so traces can be told apart and searched by scenario.
 */
@Component
final class ScenarioSpanTag implements WebFilter {

    static final String ATTRIBUTE = "demo.scenario";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Context traced = exchange.getAttribute(TracingWebFilter.CONTEXT_ATTRIBUTE);
        String requested = Scenario.requested(exchange.getRequest());
        if (traced != null && requested != null) {
            Scenario.find(requested).ifPresent(scenario -> traced.span().setAttribute(ATTRIBUTE, scenario.id()));
        }
        return chain.filter(exchange);
    }
}
