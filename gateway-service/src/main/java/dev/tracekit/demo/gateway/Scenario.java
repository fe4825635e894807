package dev.tracekit.demo.gateway;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The demo scenario a request asks for ({@code X-Demo-Scenario} header or {@code scenario}
 * query parameter). The gateway acts on {@code sequential} and {@code slow-network} itself and
 * forwards every scenario to the services it calls, which act on the others.
 */
enum Scenario {
    NORMAL, N_PLUS_ONE, SLOW_QUERY, DOWNSTREAM_ERROR, RETRIES, SEQUENTIAL, SLOW_NETWORK;

    static final String HEADER = "X-Demo-Scenario";
    static final String PARAMETER = "scenario";

    private static final String KNOWN = Arrays.stream(values()).map(Scenario::id).collect(Collectors.joining(", "));

    /** The name used in headers and query parameters, e.g. {@code slow-network}. */
    String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The scenario a request asks for (normal when none); 400 for an unknown name. */
    static Scenario of(ServerHttpRequest request) {
        String value = requested(request);
        return value == null ? NORMAL : find(value).orElseThrow(() -> new ApiException(HttpStatus.BAD_REQUEST,
                "unknown demo scenario '" + value + "'; known: " + KNOWN));
    }

    /** The raw header or query parameter value, or null when the request names no scenario. */
    static String requested(ServerHttpRequest request) {
        String value = request.getHeaders().getFirst(HEADER);
        if (value == null || value.isBlank()) {
            value = request.getQueryParams().getFirst(PARAMETER);
        }
        return value == null || value.isBlank() ? null : value;
    }

    static Optional<Scenario> find(String value) {
        String id = value.trim().toLowerCase(Locale.ROOT);
        for (Scenario scenario : values()) {
            if (scenario.id().equals(id)) {
                return Optional.of(scenario);
            }
        }
        return Optional.empty();
    }
}
