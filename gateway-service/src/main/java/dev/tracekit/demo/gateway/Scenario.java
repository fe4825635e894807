package dev.tracekit.demo.gateway;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;

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

    static Scenario parse(String value) {
        if (value == null || value.isBlank()) {
            return NORMAL;
        }
        String id = value.trim().toLowerCase(Locale.ROOT);
        for (Scenario scenario : values()) {
            if (scenario.id().equals(id)) {
                return scenario;
            }
        }
        throw new ApiException(HttpStatus.BAD_REQUEST,
                "unknown demo scenario '" + value + "'; known: " + KNOWN);
    }
}
