package dev.tracekit.demo.gateway;

import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * Gives every request an id — the caller's {@code X-Request-Id} when it is a sane token, a new
 * UUID otherwise — and echoes it in the response; data-service counts retries by it.
 */
@Component
final class RequestIdFilter implements WebFilter {

    static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".requestId";

    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String given = exchange.getRequest().getHeaders().getFirst(DemoRequest.REQUEST_ID_HEADER);
        String id = given != null && SANE.matcher(given).matches() ? given : UUID.randomUUID().toString();
        exchange.getAttributes().put(ATTRIBUTE, id);
        exchange.getResponse().getHeaders().set(DemoRequest.REQUEST_ID_HEADER, id);
        return chain.filter(exchange);
    }
}
