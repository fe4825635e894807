package dev.tracekit.starter.metrics;

import dev.tracekit.core.TraceKitMetrics;
import dev.tracekit.starter.ExportStatus;
import dev.tracekit.starter.TraceKitAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration that publishes TraceKit's self-metrics to Micrometer (when a
 * {@link MeterRegistry} exists) and adds the {@code tracekitExporter} health indicator (when
 * Spring Boot's health support is present).
 */
@AutoConfiguration(
    after = TraceKitAutoConfiguration.class,
    afterName = {
      "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"
    })
@ConditionalOnBooleanProperty(name = "tracekit.enabled", matchIfMissing = true)
@ConditionalOnBean({TraceKitMetrics.class, ExportStatus.class})
public final class TraceKitMetricsAutoConfiguration {

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(MeterRegistry.class)
  @ConditionalOnBean(MeterRegistry.class)
  static class MeterBinderConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TraceKitMeterBinder tracekitMeterBinder(TraceKitMetrics metrics) {
      return new TraceKitMeterBinder(metrics);
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(HealthIndicator.class)
  @ConditionalOnEnabledHealthIndicator("tracekitexporter")
  static class HealthIndicatorConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "tracekitExporterHealthIndicator")
    TraceKitExporterHealthIndicator tracekitExporterHealthIndicator(ExportStatus status, TraceKitMetrics metrics) {
      return new TraceKitExporterHealthIndicator(status, metrics);
    }
  }
}
