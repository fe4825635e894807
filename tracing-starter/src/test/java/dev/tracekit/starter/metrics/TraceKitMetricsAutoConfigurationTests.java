package dev.tracekit.starter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.core.Span;
import dev.tracekit.core.Tracer;
import dev.tracekit.starter.TraceKitAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class TraceKitMetricsAutoConfigurationTests {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(TraceKitAutoConfiguration.class, TraceKitMetricsAutoConfiguration.class))
          .withPropertyValues("tracekit.exporter.enabled=false")
          .withBean(SimpleMeterRegistry.class);

  @Test
  void shouldSupplyBeans() {
    runner.run(
        context -> {
          assertThat(context).hasSingleBean(TraceKitMeterBinder.class);
          assertThat(context).hasSingleBean(TraceKitExporterHealthIndicator.class);
          assertThat(context).hasBean("tracekitExporterHealthIndicator");
          assertThat(context.getBean(TraceKitExporterHealthIndicator.class).health().getStatus()).isEqualTo(Status.UP);
        });
  }

  @Test
  void metersReadTheSdkCounters() {
    runner.run(
        context -> {
          MeterRegistry registry = context.getBean(MeterRegistry.class);
          context.getBean(TraceKitMeterBinder.class).bindTo(registry);
          Span span = context.getBean(Tracer.class).spanBuilder("counted").setNoParent().startSpan();
          span.end();
          assertThat(registry.get("tracekit.spans.started").functionCounter().count()).isEqualTo(1.0);
          assertThat(registry.get("tracekit.sampling").tag("decision", "record_and_sample").functionCounter().count())
              .isEqualTo(1.0);
          assertThat(registry.get("tracekit.spans.dropped").tag("reason", "no_exporter").functionCounter().count())
              .isEqualTo(1.0);
          assertThat(registry.get("tracekit.queue.depth").tag("signal", "spans").gauge().value()).isZero();
          assertThat(registry.find("tracekit.export.latency").functionTimer()).isNotNull();
        });
  }

  @Test
  void noMeterBinderWithoutARegistry() {
    new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(TraceKitAutoConfiguration.class, TraceKitMetricsAutoConfiguration.class))
        .withPropertyValues("tracekit.exporter.enabled=false")
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(TraceKitMeterBinder.class);
              assertThat(context).hasSingleBean(TraceKitExporterHealthIndicator.class);
            });
  }

  @Test
  void shouldBackOffOnCustomBeans() {
    runner
        .withUserConfiguration(CustomBeans.class)
        .run(
            context -> {
              assertThat(context).getBean(TraceKitMeterBinder.class).isSameAs(context.getBean("customBinder"));
              assertThat(context).hasSingleBean(TraceKitExporterHealthIndicator.class);
            });
  }

  @Test
  void disabledByProperty() {
    runner
        .withPropertyValues("tracekit.enabled=false")
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(TraceKitMeterBinder.class);
              assertThat(context).doesNotHaveBean(TraceKitExporterHealthIndicator.class);
            });
    runner
        .withPropertyValues("management.health.tracekitexporter.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(TraceKitExporterHealthIndicator.class));
  }

  @Configuration(proxyBeanMethods = false)
  static class CustomBeans {
    @Bean
    TraceKitMeterBinder customBinder(dev.tracekit.core.TraceKitMetrics metrics) {
      return new TraceKitMeterBinder(metrics);
    }

    @Bean
    TraceKitExporterHealthIndicator tracekitExporterHealthIndicator(
        dev.tracekit.starter.ExportStatus status, dev.tracekit.core.TraceKitMetrics metrics) {
      return new TraceKitExporterHealthIndicator(status, metrics);
    }
  }
}
