package dev.tracekit.starter.client;

import dev.tracekit.core.Tracer;
import dev.tracekit.core.propagation.TextMapPropagator;
import dev.tracekit.starter.TraceKitAutoConfiguration;
import dev.tracekit.starter.TraceKitProperties;
import dev.tracekit.starter.http.UrlRedactor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Auto-configuration that traces outgoing HTTP calls made with the {@code RestClient},
 * {@code RestTemplate} and {@code WebClient} builders Spring Boot provides, through their
 * customizers.
 */
@AutoConfiguration(after = TraceKitAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "tracekit.enabled", matchIfMissing = true)
@ConditionalOnBean({Tracer.class, TextMapPropagator.class})
public final class TraceKitHttpClientAutoConfiguration {

  static ClientSpans clientSpans(Tracer tracer, TextMapPropagator propagator, TraceKitProperties properties) {
    return new ClientSpans(tracer, propagator, new UrlRedactor(properties.getHttp().getRedactedQueryParameters()));
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({RestClient.class, RestClientCustomizer.class})
  static class RestClientConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TracingRestClientCustomizer tracekitRestClientCustomizer(
        Tracer tracer, TextMapPropagator propagator, TraceKitProperties properties) {
      return new TracingRestClientCustomizer(
          new TracingClientHttpRequestInterceptor(clientSpans(tracer, propagator, properties)));
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({RestTemplate.class, RestTemplateCustomizer.class})
  static class RestTemplateConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TracingRestTemplateCustomizer tracekitRestTemplateCustomizer(
        Tracer tracer, TextMapPropagator propagator, TraceKitProperties properties) {
      return new TracingRestTemplateCustomizer(
          new TracingClientHttpRequestInterceptor(clientSpans(tracer, propagator, properties)));
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({WebClient.class, WebClientCustomizer.class})
  static class WebClientConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TracingWebClientCustomizer tracekitWebClientCustomizer(
        Tracer tracer, TextMapPropagator propagator, TraceKitProperties properties) {
      return new TracingWebClientCustomizer(
          new TracingExchangeFilterFunction(clientSpans(tracer, propagator, properties)));
    }
  }
}
