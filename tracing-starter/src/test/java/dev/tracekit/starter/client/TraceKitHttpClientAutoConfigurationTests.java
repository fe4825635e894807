package dev.tracekit.starter.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.starter.TraceKitAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

class TraceKitHttpClientAutoConfigurationTests {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  TraceKitAutoConfiguration.class,
                  TraceKitHttpClientAutoConfiguration.class,
                  RestClientAutoConfiguration.class,
                  RestTemplateAutoConfiguration.class,
                  WebClientAutoConfiguration.class))
          .withPropertyValues("tracekit.exporter.enabled=false");

  @Test
  void shouldSupplyBeans() {
    runner.run(
        context -> {
          assertThat(context).hasSingleBean(TracingRestClientCustomizer.class);
          assertThat(context).hasSingleBean(TracingRestTemplateCustomizer.class);
          assertThat(context).hasSingleBean(TracingWebClientCustomizer.class);
        });
  }

  @Test
  void buildersFromSpringBootCarryTheInterceptors() {
    runner.run(
        context -> {
          RestClient.Builder restClient = context.getBean(RestClient.Builder.class);
          restClient.requestInterceptors(
              interceptors ->
                  assertThat(interceptors).hasAtLeastOneElementOfType(TracingClientHttpRequestInterceptor.class));
          WebClient.Builder webClient = context.getBean(WebClient.Builder.class);
          webClient.filters(
              filters -> assertThat(filters).hasAtLeastOneElementOfType(TracingExchangeFilterFunction.class));
          assertThat(context.getBean(org.springframework.boot.restclient.RestTemplateBuilder.class).build().getInterceptors())
              .hasAtLeastOneElementOfType(TracingClientHttpRequestInterceptor.class);
        });
  }

  @Test
  void shouldBackOffOnCustomBeans() {
    runner
        .withUserConfiguration(CustomCustomizers.class)
        .run(
            context -> {
              assertThat(context).getBean(TracingRestClientCustomizer.class).isSameAs(context.getBean("customRestClient"));
              assertThat(context).getBean(TracingWebClientCustomizer.class).isSameAs(context.getBean("customWebClient"));
              assertThat(context)
                  .getBean(TracingRestTemplateCustomizer.class)
                  .isSameAs(context.getBean("customRestTemplate"));
            });
  }

  @Test
  void disabledByProperty() {
    runner
        .withPropertyValues("tracekit.enabled=false")
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(TracingRestClientCustomizer.class);
              assertThat(context).doesNotHaveBean(TracingRestTemplateCustomizer.class);
              assertThat(context).doesNotHaveBean(TracingWebClientCustomizer.class);
            });
  }

  @Configuration(proxyBeanMethods = false)
  static class CustomCustomizers {
    @Bean
    TracingRestClientCustomizer customRestClient(dev.tracekit.core.Tracer tracer,
        dev.tracekit.core.propagation.TextMapPropagator propagator) {
      return new TracingRestClientCustomizer(new TracingClientHttpRequestInterceptor(spans(tracer, propagator)));
    }

    @Bean
    TracingRestTemplateCustomizer customRestTemplate(dev.tracekit.core.Tracer tracer,
        dev.tracekit.core.propagation.TextMapPropagator propagator) {
      return new TracingRestTemplateCustomizer(new TracingClientHttpRequestInterceptor(spans(tracer, propagator)));
    }

    @Bean
    TracingWebClientCustomizer customWebClient(dev.tracekit.core.Tracer tracer,
        dev.tracekit.core.propagation.TextMapPropagator propagator) {
      return new TracingWebClientCustomizer(new TracingExchangeFilterFunction(spans(tracer, propagator)));
    }

    private static ClientSpans spans(dev.tracekit.core.Tracer tracer,
        dev.tracekit.core.propagation.TextMapPropagator propagator) {
      return new ClientSpans(tracer, propagator, new dev.tracekit.starter.http.UrlRedactor(java.util.List.of()));
    }
  }
}
