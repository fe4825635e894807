package dev.tracekit.demo.gateway;

import java.net.ConnectException;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import io.netty.handler.timeout.ReadTimeoutException;
import tools.jackson.databind.JsonNode;

/**
 * Turns a failed downstream call into the gateway's answer: the caller's own mistakes (4xx)
 * keep their status and message, a failing service becomes 502, a silent one 504.
 */
final class DownstreamFailures {

    private DownstreamFailures() {
    }

    static Throwable translate(String service, String call, Throwable failure) {
        if (failure instanceof WebClientResponseException response) {
            HttpStatus status = HttpStatus.resolve(response.getStatusCode().value());
            if (status != null && status.is4xxClientError()) {
                return new ApiException(status, messageOf(response).orElse(service + " answered " + status + " for " + call));
            }
            return new ApiException(HttpStatus.BAD_GATEWAY,
                    service + " answered " + response.getStatusCode().value() + " " + response.getStatusText() + " for " + call);
        }
        if (isTimeout(failure)) {
            return new ApiException(HttpStatus.GATEWAY_TIMEOUT, service + " did not answer " + call + " in time");
        }
        if (failure instanceof WebClientRequestException request) {
            Throwable cause = request.getMostSpecificCause();
            return new ApiException(HttpStatus.BAD_GATEWAY, service + " cannot be reached for " + call + ": "
                    + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : " " + cause.getMessage()));
        }
        return failure;
    }

    /** A failure worth another attempt: the service said "not now" (503) or could not be connected to. */
    static boolean isTransient(Throwable failure) {
        return failure instanceof WebClientResponseException.ServiceUnavailable
                || failure instanceof WebClientRequestException request && request.getMostSpecificCause() instanceof ConnectException;
    }

    private static boolean isTimeout(Throwable failure) {
        return failure instanceof TimeoutException
                || failure instanceof WebClientRequestException request && request.getMostSpecificCause() instanceof ReadTimeoutException;
    }

    private static Optional<String> messageOf(WebClientResponseException response) {
        try {
            JsonNode body = response.getResponseBodyAs(JsonNode.class);
            return body == null || !body.path("message").isString() ? Optional.empty()
                    : Optional.of(body.path("message").asString());
        } catch (RuntimeException notJson) {
            return Optional.empty();
        }
    }
}
