package dev.tracekit.demo.gateway;

import org.springframework.http.HttpHeaders;

/**
 * What the gateway carries from an incoming request to the calls it makes: the request id,
 * the demo scenario and the caller's Authorization header (which only goes to auth-service).
 */
record DemoRequest(String requestId, Scenario scenario, String authorization) {

    static final String REQUEST_ID_HEADER = "X-Request-Id";

    /** Adds the request id and, unless normal, the scenario to a downstream call's headers. */
    void propagate(HttpHeaders headers) {
        headers.set(REQUEST_ID_HEADER, requestId);
        if (scenario != Scenario.NORMAL) {
            headers.set(Scenario.HEADER, scenario.id());
        }
    }
}
