package dev.tracekit.demo.data;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

import dev.tracekit.core.Context;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The demo's one piece of tracing code: marks the request's server span with the scenario it
 * asked for ({@code demo.scenario}), so traces can be told apart and searched by scenario.
 */
@Component
final class ScenarioSpanTag implements HandlerInterceptor {

    static final String ATTRIBUTE = "demo.scenario";

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String requested = Scenario.requested(request);
        if (requested != null) {
            Scenario.find(requested).ifPresent(scenario -> Context.currentSpan().setAttribute(ATTRIBUTE, scenario.id()));
        }
        return true;
    }
}
