package dev.tracekit.demo.data;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import dev.tracekit.core.Context;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The demo's one piece of tracing code: marks the request's server span with the scenario it
 * asked for ({@code demo.scenario}), so traces can be told apart and searched by scenario.
 * It registers itself, so that nothing else refers to it: the service's build without
 * tracing-starter (the benchmark profiles, see the pom) leaves this class out.
 */
@Component
final class ScenarioSpanTag implements HandlerInterceptor, WebMvcConfigurer {

    static final String ATTRIBUTE = "demo.scenario";

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        // First of all interceptors: a request the FaultInjector fails is tagged too.
        registry.addInterceptor(this).addPathPatterns("/data/**").order(Ordered.HIGHEST_PRECEDENCE);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String requested = Scenario.requested(request);
        if (requested != null) {
            Scenario.find(requested).ifPresent(scenario -> Context.currentSpan().setAttribute(ATTRIBUTE, scenario.id()));
        }
        return true;
    }
}
