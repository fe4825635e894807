package dev.tracekit.demo.gateway;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;

/** Answers failures with an {@link ApiError} body; downstream failures are logged once here. */
@RestControllerAdvice
final class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ApiError> api(ApiException e, ServerWebExchange exchange) {
        if (e.status().is5xxServerError()) {
            log.warn("answering {} to {} {}: {}", e.status().value(), exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(), e.getMessage());
        }
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(e.status());
        if (e.status() == HttpStatus.UNAUTHORIZED) {
            answer.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return answer.body(ApiError.of(e.status(), e.getMessage(), requestId(exchange)));
    }

    @ExceptionHandler(ServerWebInputException.class)
    ResponseEntity<ApiError> input(ServerWebInputException e, ServerWebExchange exchange) {
        return ResponseEntity.badRequest()
                .body(ApiError.of(HttpStatus.BAD_REQUEST, e.getReason(), requestId(exchange)));
    }

    private static String requestId(ServerWebExchange exchange) {
        return exchange.getAttribute(RequestIdFilter.ATTRIBUTE);
    }
}
