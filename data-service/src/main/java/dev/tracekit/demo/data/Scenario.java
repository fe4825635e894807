package dev.tracekit.demo.data;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The demo scenario a request asks for, from the {@code X-Demo-Scenario} header (which the
 * gateway forwards) or the {@code scenario} query parameter. This service acts on
 * {@code n-plus-one}, {@code slow-query}, {@code downstream-error}, {@code retries} and (with a
 * pause per call) {@code sequential}; the others are the gateway's and behave here like
 * {@code normal}.
 */
enum Scenario {
    NORMAL, N_PLUS_ONE, SLOW_QUERY, DOWNSTREAM_ERROR, RETRIES, SEQUENTIAL, SLOW_NETWORK;

    static final String HEADER = "X-Demo-Scenario";
    static final String PARAMETER = "scenario";

    private static final String KNOWN = Arrays.stream(values()).map(Scenario::id).collect(Collectors.joining(", "));

    /** The name used in headers and query parameters, e.g. {@code n-plus-one}. */
    String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The scenario a request asks for (normal when none); 400 for an unknown name. */
    static Scenario of(HttpServletRequest request) {
        String value = requested(request);
        return value == null ? NORMAL : find(value).orElseThrow(() -> new InvalidRequestException(
                "unknown demo scenario '" + value + "'; known: " + KNOWN));
    }

    /** The raw header or query parameter value, or null when the request names no scenario. */
    static String requested(HttpServletRequest request) {
        String value = request.getHeader(HEADER);
        if (value == null || value.isBlank()) {
            value = request.getParameter(PARAMETER);
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

    /** How long the catalog and recommendation queries pause: only the slow-query scenario pauses. */
    Duration queryPause(DemoProperties demo) {
        return this == SLOW_QUERY ? demo.slowQueryPause() : Duration.ZERO;
    }

    ItemLoading itemLoading() {
        return this == N_PLUS_ONE ? ItemLoading.ONE_BY_ONE : ItemLoading.JOINED;
    }
}
