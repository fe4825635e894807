package dev.tracekit.starter.web.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.core.Tracer;
import dev.tracekit.core.propagation.TextMapPropagator;
import dev.tracekit.starter.TraceKitAutoConfiguration;
import dev.tracekit.starter.http.PathExclusions;
import dev.tracekit.starter.http.UrlRedactor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class TraceKitServletAutoConfigurationTests {

  private static final AutoConfigurations CONFIGS =
      AutoConfigurations.of(TraceKitAutoConfiguration.class, TraceKitServletAutoConfiguration.class);

  private final WebApplicationContextRunner runner =
      new WebApplicationContextRunner().withConfiguration(CONFIGS).withPropertyValues("tracekit.exporter.enabled=false");

  @Test
  void shouldSupplyBeans() {
    runner.run(
        context -> {
          assertThat(context).hasSingleBean(FilterRegistrationBean.class);
          FilterRegistrationBean<?> registration = context.getBean(FilterRegistrationBean.class);
          assertThat(registration.getFilter()).isInstanceOf(TracingFilter.class);
          assertThat(registration.getOrder()).isEqualTo(TracingFilter.ORDER);
        });
  }

  @Test
  void shouldBackOffOnCustomBeans() {
    runner
        .withUserConfiguration(CustomFilter.class)
        .run(
            context -> {
              assertThat(context).hasSingleBean(FilterRegistrationBean.class);
              assertThat(context).hasBean("customTracingFilter");
            });
  }

  @Test
  void disabledByProperty() {
    runner
        .withPropertyValues("tracekit.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(FilterRegistrationBean.class));
  }

  @Test
  void notInReactiveOrNonWebApplications() {
    new ReactiveWebApplicationContextRunner()
        .withConfiguration(CONFIGS)
        .run(context -> assertThat(context).doesNotHaveBean(FilterRegistrationBean.class));
    new ApplicationContextRunner()
        .withConfiguration(CONFIGS)
        .run(context -> assertThat(context).doesNotHaveBean(FilterRegistrationBean.class));
  }

  @Configuration(proxyBeanMethods = false)
  static class CustomFilter {
    @Bean
    FilterRegistrationBean<TracingFilter> customTracingFilter(Tracer tracer, TextMapPropagator propagator) {
      return new FilterRegistrationBean<>(
          new TracingFilter(tracer, propagator, new PathExclusions(List.of()), new UrlRedactor(List.of()), true));
    }
  }
}
