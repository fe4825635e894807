package dev.tracekit.demo.data;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Fails calls on purpose for the {@code downstream-error} scenario (500 on every call) and
 * the {@code retries} scenario (503 on the first attempts of each call, then success).
 */
@Component
final class FaultInjector implements HandlerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(FaultInjector.class);

    private final RetryBudget retries;

    FaultInjector(RetryBudget retries) {
        this.retries = retries;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Scenario scenario = Scenario.of(request);
        String call = request.getMethod() + " " + request.getRequestURI();
        if (scenario == Scenario.DOWNSTREAM_ERROR) {
            log.error("downstream-error scenario: {} fails with 500 on purpose", call);
            throw new InjectedFailureException(HttpStatus.INTERNAL_SERVER_ERROR,
                    "downstream-error scenario: data-service fails " + call + " on purpose");
        }
        if (scenario == Scenario.RETRIES) {
            String key = RequestKey.of(request).orElseThrow(() -> new InvalidRequestException(
                    "the retries scenario counts attempts per request: send an X-Request-Id or traceparent header"));
            int attempt = retries.attempt(key + " " + call);
            if (retries.fails(attempt)) {
                log.warn("retries scenario: attempt {} of {} fails with 503 on purpose ({} failures before success)",
                        attempt, call, retries.failures());
                throw new InjectedFailureException(HttpStatus.SERVICE_UNAVAILABLE, "retries scenario: attempt "
                        + attempt + " of " + call + " fails on purpose; attempt " + (retries.failures() + 1) + " succeeds");
            }
            log.info("retries scenario: attempt {} of {} succeeds", attempt, call);
        }
        return true;
    }
}
