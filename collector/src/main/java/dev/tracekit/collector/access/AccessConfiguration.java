package dev.tracekit.collector.access;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsWebFilter;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/**
 * Read access: the {@link QueryAccessFilter} when a query credential is configured, and a CORS
 * filter only when {@code tracekit.collector.cors.allowed-origins} lists origins (closed by
 * default: no Access-Control-* header at all).
 */
@Configuration(proxyBeanMethods = false)
class AccessConfiguration {

  @Bean
  @Conditional(QueryCredentialSet.class)
  QueryAccessFilter queryAccessFilter(AccessProperties properties, MeterRegistry registry) {
    return new QueryAccessFilter(properties, registry);
  }

  @Bean
  @Conditional(CorsOriginsSet.class)
  OrderedCorsWebFilter corsWebFilter(AccessProperties properties) {
    CorsConfiguration cors = new CorsConfiguration();
    cors.setAllowedOrigins(List.copyOf(properties.getCors().getAllowedOrigins()));
    cors.setAllowedMethods(List.of("GET", "HEAD", "OPTIONS"));
    cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Last-Event-ID"));
    cors.setMaxAge(Duration.ofHours(1));
    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
    // Reads only: ingest comes from exporters, not browsers.
    source.registerCorsConfiguration("/api/**", cors);
    return new OrderedCorsWebFilter(source);
  }

  /** Runs first, so that preflights are answered before any credential check. */
  static final class OrderedCorsWebFilter extends CorsWebFilter implements Ordered {
    OrderedCorsWebFilter(UrlBasedCorsConfigurationSource source) {
      super(source);
    }

    @Override
    public int getOrder() {
      return Ordered.HIGHEST_PRECEDENCE;
    }
  }

  /** A query token or a basic-auth user is set. */
  static final class QueryCredentialSet implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      return StringUtils.hasLength(context.getEnvironment().getProperty("tracekit.collector.query-token"))
          || StringUtils.hasLength(context.getEnvironment().getProperty("tracekit.collector.query-basic-auth.username"));
    }
  }

  /** At least one CORS origin is listed. */
  static final class CorsOriginsSet implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      return StringUtils.hasText(context.getEnvironment().getProperty("tracekit.collector.cors.allowed-origins"))
          || StringUtils.hasText(context.getEnvironment().getProperty("tracekit.collector.cors.allowed-origins[0]"));
    }
  }
}
