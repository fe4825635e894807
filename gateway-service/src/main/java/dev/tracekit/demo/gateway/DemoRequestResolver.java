package dev.tracekit.demo.gateway;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.result.method.SyncHandlerMethodArgumentResolver;
import org.springframework.web.server.ServerWebExchange;

/** Lets handler methods take a {@link DemoRequest} parameter; an unknown scenario is a 400. */
final class DemoRequestResolver implements SyncHandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == DemoRequest.class;
    }

    @Override
    public Object resolveArgumentValue(MethodParameter parameter, BindingContext bindingContext,
            ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        return new DemoRequest(exchange.getRequiredAttribute(RequestIdFilter.ATTRIBUTE), Scenario.of(request),
                request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
    }
}
