package dev.tracekit.demo.gateway;

import org.springframework.http.HttpStatus;

/** The JSON body of every error answer of the gateway. */
record ApiError(int status, String error, String message, String requestId) {

    static ApiError of(HttpStatus status, String message, String requestId) {
        return new ApiError(status.value(), status.getReasonPhrase(), message, requestId);
    }
}
