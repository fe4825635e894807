package dev.tracekit.demo.data;

import org.springframework.http.HttpStatus;

/** The JSON body of every error answer of this service. */
record ApiError(int status, String error, String message) {

    static ApiError of(HttpStatus status, String message) {
        return new ApiError(status.value(), status.getReasonPhrase(), message);
    }
}
