package dev.tracekit.starter.web.reactive;

import dev.tracekit.core.Tracer;
import dev.tracekit.core.propagation.TextMapPropagator;
import dev.tracekit.starter.TraceKitAutoConfiguration;
import dev.tracekit.starter.TraceKitProperties;
import dev.tracekit.starter.http.PathExclusions;
import dev.tracekit.starter.http.UrlRedactor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.server.WebFilter;

/**
 * Auto-configuration that traces incoming requests of a WebFlux (reactive) application with
 * {@link TracingWebFilter}.
 */
@AutoConfiguration(after = TraceKitAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(WebFilter.class)
@ConditionalOnBooleanProperty(name = "tracekit.enabled", matchIfMissing = true)
@ConditionalOnBean({Tracer.class, TextMapPropagator.class})
public final class TraceKitWebFluxAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  TracingWebFilter tracekitWebFilter(
      Tracer tracer, TextMapPropagator propagator, TraceKitProperties properties) {
    TraceKitProperties.Http http = properties.getHttp();
    return new TracingWebFilter(
        tracer,
        propagator,
        new PathExclusions(http.getServer().getExcludedPaths()),
        new UrlRedactor(http.getRedactedQueryParameters()),
        http.getServer().isTraceResponseHeader());
  }
}
