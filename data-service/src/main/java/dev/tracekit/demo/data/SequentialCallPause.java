package dev.tracekit.demo.data;

import java.time.Duration;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Makes every call {@code demo.sequential-call-pause} longer in the {@code sequential}
 * scenario, so that the calls the gateway then makes one after another visibly cost their sum.
 */
@Component
final class SequentialCallPause implements HandlerInterceptor {

    private final Duration pause;

    SequentialCallPause(DemoProperties demo) {
        this.pause = demo.sequentialCallPause();
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws InterruptedException {
        if (!pause.isZero() && Scenario.of(request) == Scenario.SEQUENTIAL) {
            Thread.sleep(pause.toMillis());
        }
        return true;
    }
}
