package dev.tracekit.demo.data;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

/**
 * What identifies one end-user request across the calls and retries it causes: the
 * {@code X-Request-Id} header the gateway sends, else the trace id of {@code traceparent}.
 */
final class RequestKey {

    static final String REQUEST_ID_HEADER = "X-Request-Id";

    private static final int TRACEPARENT_LENGTH = 55;

    private RequestKey() {
    }

    static Optional<String> of(HttpServletRequest request) {
        String requestId = request.getHeader(REQUEST_ID_HEADER);
        if (requestId != null && !requestId.isBlank()) {
            return Optional.of(requestId.trim());
        }
        String traceparent = request.getHeader("traceparent");
        if (traceparent != null && traceparent.length() >= TRACEPARENT_LENGTH) {
            return Optional.of(traceparent.substring(3, 35));
        }
        return Optional.empty();
    }
}
