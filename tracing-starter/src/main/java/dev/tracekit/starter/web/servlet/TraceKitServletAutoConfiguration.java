package dev.tracekit.starter.web.servlet;

import dev.tracekit.core.Tracer;
import dev.tracekit.core.propagation.TextMapPropagator;
import dev.tracekit.starter.TraceKitAutoConfiguration;
import dev.tracekit.starter.TraceKitProperties;
import dev.tracekit.starter.http.PathExclusions;
import dev.tracekit.starter.http.UrlRedactor;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingFilterBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Auto-configuration that traces incoming requests of a Spring MVC (servlet) application with
 * {@link TracingFilter}.
 */
@AutoConfiguration(after = TraceKitAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnBooleanProperty(name = "tracekit.enabled", matchIfMissing = true)
@ConditionalOnBean({Tracer.class, TextMapPropagator.class})
public final class TraceKitServletAutoConfiguration {

  @Bean
  @ConditionalOnMissingFilterBean(TracingFilter.class)
  FilterRegistrationBean<TracingFilter> tracekitServletFilter(
      Tracer tracer, TextMapPropagator propagator, TraceKitProperties properties) {
    TraceKitProperties.Http http = properties.getHttp();
    TracingFilter filter =
        new TracingFilter(
            tracer,
            propagator,
            new PathExclusions(http.getServer().getExcludedPaths()),
            new UrlRedactor(http.getRedactedQueryParameters()),
            http.getServer().isTraceResponseHeader());
    FilterRegistrationBean<TracingFilter> registration = new FilterRegistrationBean<>(filter);
    registration.setOrder(TracingFilter.ORDER);
    registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
    return registration;
  }
}
