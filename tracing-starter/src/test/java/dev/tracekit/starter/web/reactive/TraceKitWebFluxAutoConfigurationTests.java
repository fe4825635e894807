package dev.tracekit.starter.web.reactive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.core.Tracer;
import dev.tracekit.core.propagation.TextMapPropagator;
import dev.tracekit.starter.TraceKitAutoConfiguration;
import dev.tracekit.starter.http.PathExclusions;
import dev.tracekit.starter.http.UrlRedactor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class TraceKitWebFluxAutoConfigurationTests {

  private static final AutoConfigurations CONFIGS =
      AutoConfigurations.of(TraceKitAutoConfiguration.class, TraceKitWebFluxAutoConfiguration.class);

  private final ReactiveWebApplicationContextRunner runner =
      new ReactiveWebApplicationContextRunner()
          .withConfiguration(CONFIGS)
          .withPropertyValues("tracekit.exporter.enabled=false");

  @Test
  void shouldSupplyBeans() {
    runner.run(
        context -> {
          assertThat(context).hasSingleBean(TracingWebFilter.class);
          assertThat(context.getBean(TracingWebFilter.class).getOrder()).isEqualTo(TracingWebFilter.ORDER);
        });
  }

  @Test
  void shouldBackOffOnCustomBeans() {
    runner
        .withUserConfiguration(CustomFilter.class)
        .run(
            context -> {
              assertThat(context).hasSingleBean(TracingWebFilter.class);
              assertThat(context).hasBean("customWebFilter");
            });
  }

  @Test
  void disabledByProperty() {
    runner
        .withPropertyValues("tracekit.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(TracingWebFilter.class));
  }

  @Test
  void notInServletApplications() {
    new WebApplicationContextRunner()
        .withConfiguration(CONFIGS)
        .run(context -> assertThat(context).doesNotHaveBean(TracingWebFilter.class));
  }

  @Configuration(proxyBeanMethods = false)
  static class CustomFilter {
    @Bean
    TracingWebFilter customWebFilter(Tracer tracer, TextMapPropagator propagator) {
      return new TracingWebFilter(tracer, propagator, new PathExclusions(List.of()), new UrlRedactor(List.of()), true);
    }
  }
}
