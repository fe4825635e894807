package dev.tracekit.demo.auth;

import java.util.regex.Pattern;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import dev.tracekit.core.Context;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The demo's one piece of tracing code: marks the request's server span with the demo scenario
 * the gateway forwarded ({@code demo.scenario}). auth-service acts on no scenario itself.
 * It registers itself, so that nothing else refers to it: the service's build without
 * tracing-starter (the benchmark profiles, see the pom) leaves this class out.
 */
@Component
final class ScenarioSpanTag implements HandlerInterceptor, WebMvcConfigurer {

    static final String HEADER = "X-Demo-Scenario";
    static final String ATTRIBUTE = "demo.scenario";

    private static final Pattern NAME = Pattern.compile("[a-z-]{1,32}");

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/auth/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String scenario = request.getHeader(HEADER);
        if (scenario != null && NAME.matcher(scenario).matches()) {
            Context.currentSpan().setAttribute(ATTRIBUTE, scenario);
        }
        return true;
    }
}
