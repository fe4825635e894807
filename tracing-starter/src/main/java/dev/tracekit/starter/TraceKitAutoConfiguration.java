package dev.tracekit.starter;

import dev.tracekit.core.Attributes;
import dev.tracekit.core.ExportListener;
import dev.tracekit.core.LogRecordExporter;
import dev.tracekit.core.Resource;
import dev.tracekit.core.Resources;
import dev.tracekit.core.Sampler;
import dev.tracekit.core.SpanExporter;
import dev.tracekit.core.TraceKit;
import dev.tracekit.core.TraceKitMetrics;
import dev.tracekit.core.Tracer;
import dev.tracekit.core.export.OtlpHttpExporterBuilder;
import dev.tracekit.core.export.OtlpHttpLogExporter;
import dev.tracekit.core.export.OtlpHttpSpanExporter;
import dev.tracekit.core.otlp.Compression;
import dev.tracekit.core.propagation.B3Propagator;
import dev.tracekit.core.propagation.CompositePropagator;
import dev.tracekit.core.propagation.TextMapPropagator;
import dev.tracekit.core.propagation.W3CBaggagePropagator;
import dev.tracekit.core.propagation.W3CTraceContextPropagator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the TraceKit SDK: the {@link TraceKit} instance with its sampler,
 * resource and OTLP/HTTP exporters, the {@link Tracer} and the {@link TextMapPropagator} the
 * instrumentations share. Every bean backs off to one the application defines;
 * {@code tracekit.enabled=false} turns all of TraceKit off.
 */
@AutoConfiguration
@ConditionalOnClass(TraceKit.class)
@ConditionalOnBooleanProperty(name = "tracekit.enabled", matchIfMissing = true)
@EnableConfigurationProperties(TraceKitProperties.class)
public final class TraceKitAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  TraceKitMetrics tracekitMetrics() {
    return new TraceKitMetrics();
  }

  @Bean
  @ConditionalOnMissingBean
  ExportStatus tracekitExportStatus() {
    return new ExportStatus();
  }

  @Bean
  @ConditionalOnMissingBean
  Sampler tracekitSampler(TraceKitProperties properties) {
    TraceKitProperties.Sampler config = properties.getSampler();
    double probability = config.getProbability();
    if (probability < 0 || probability > 1 || Double.isNaN(probability)) {
      throw new IllegalArgumentException(
          "tracekit.sampler.probability must be between 0.0 and 1.0, was " + probability);
    }
    Sampler sampler =
        probability >= 1.0
            ? Sampler.alwaysOn()
            : probability <= 0.0 ? Sampler.alwaysOff() : Sampler.traceIdRatio(probability);
    if (config.getRateLimit() > 0) {
      sampler = Sampler.all(sampler, Sampler.rateLimiting(config.getRateLimit()));
    }
    if (config.isParentBased()) {
      sampler = Sampler.parentBased(sampler);
    }
    return config.isKeepErrorsAndSlow() ? Sampler.keepingErrorsAndSlow(sampler) : sampler;
  }

  @Bean
  @ConditionalOnMissingBean
  TextMapPropagator tracekitPropagator(TraceKitProperties properties) {
    List<TextMapPropagator> propagators = new ArrayList<>();
    for (TraceKitProperties.PropagationType type : properties.getPropagation().getType()) {
      switch (type) {
        case W3C -> {
          propagators.add(W3CTraceContextPropagator.getInstance());
          propagators.add(W3CBaggagePropagator.getInstance());
        }
        case B3 -> propagators.add(B3Propagator.single());
        case B3_MULTI -> propagators.add(B3Propagator.multi());
      }
    }
    if (!properties.getBaggage().getRemoteFields().isEmpty()) {
      propagators.add(new RemoteFieldsPropagator(properties.getBaggage().getRemoteFields()));
    }
    return CompositePropagator.of(propagators.toArray(new TextMapPropagator[0]));
  }

  @Bean(destroyMethod = "")
  @ConditionalOnMissingBean
  TraceKit traceKit(
      TraceKitProperties properties,
      Environment environment,
      Sampler sampler,
      TraceKitMetrics metrics,
      ExportStatus exportStatus,
      ObjectProvider<SpanExporter> spanExporter,
      ObjectProvider<LogRecordExporter> logExporter) {
    TraceKitProperties.Exporter exporter = properties.getExporter();
    TraceKit.Builder builder =
        TraceKit.builder()
            .resource(resource(properties, environment))
            .sampler(sampler)
            .metrics(metrics)
            .maxQueueSize(exporter.getMaxQueueSize())
            .maxExportBatchSize(exporter.getMaxBatchSize())
            .scheduleDelay(exporter.getScheduleDelay())
            .slowThreshold(properties.getSampler().getSlowThreshold());
    spanExporter.ifUnique(e -> builder.spanExporter(StatusRecordingExporters.spans(e, exportStatus)));
    logExporter.ifUnique(e -> builder.logExporter(StatusRecordingExporters.logs(e, exportStatus)));
    return builder.build();
  }

  /** Flushes and stops TraceKit when the context closes, within {@code tracekit.exporter.shutdown-timeout}. */
  @Bean
  @ConditionalOnMissingBean
  TraceKitShutdown tracekitShutdown(TraceKit traceKit, TraceKitProperties properties) {
    return new TraceKitShutdown(traceKit, properties.getExporter().getShutdownTimeout());
  }

  @Bean
  @ConditionalOnMissingBean
  Tracer tracekitTracer(TraceKit traceKit) {
    return traceKit.tracer();
  }

  static Resource resource(TraceKitProperties properties, Environment environment) {
    Attributes.Builder attributes = Resources.defaultAttributes(serviceName(properties, environment));
    properties.getResourceAttributes().forEach(attributes::put);
    return new Resource(attributes.build());
  }

  /** {@code tracekit.service-name}, else {@code spring.application.name}, else "unknown_service". */
  static String serviceName(TraceKitProperties properties, Environment environment) {
    String name = properties.getServiceName();
    if (name == null || name.isBlank()) {
      name = environment.getProperty("spring.application.name");
    }
    return name == null || name.isBlank() ? "unknown_service" : name.trim();
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnBooleanProperty(name = "tracekit.exporter.enabled", matchIfMissing = true)
  static class ExporterConfiguration {

    @Bean
    @ConditionalOnMissingBean
    SpanExporter tracekitSpanExporter(TraceKitProperties properties, TraceKitMetrics metrics, ExportStatus status) {
      return configure(OtlpHttpSpanExporter.builder(), properties.getExporter(), both(metrics, status)).build();
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnLogShipping
    LogRecordExporter tracekitLogExporter(TraceKitProperties properties, TraceKitMetrics metrics, ExportStatus status) {
      return configure(OtlpHttpLogExporter.builder(), properties.getExporter(), both(metrics, status)).build();
    }

    /** The {@code tracekit.exporter.*} settings, shared by the span and the log exporter. */
    private static <B extends OtlpHttpExporterBuilder<B>> B configure(
        B builder, TraceKitProperties.Exporter config, ExportListener listener) {
      builder.endpoint(config.getEndpoint())
          .compression(compression(config.getCompression()))
          .connectTimeout(config.getConnectTimeout())
          .timeout(config.getTimeout())
          .maxRetries(config.getMaxRetries())
          .listener(listener);
      config.getHeaders().forEach(builder::header);
      return builder;
    }

    private static Compression compression(TraceKitProperties.Compression compression) {
      return switch (compression) {
        case LZ4 -> Compression.LZ4;
        case GZIP -> Compression.GZIP;
        case NONE -> Compression.NONE;
      };
    }

    private static ExportListener both(ExportListener first, ExportListener second) {
      return new ExportListener() {
        @Override
        public void onEncoded(int items, long encodedBytes, long wireBytes) {
          first.onEncoded(items, encodedBytes, wireBytes);
          second.onEncoded(items, encodedBytes, wireBytes);
        }

        @Override
        public void onRetry(String reason) {
          first.onRetry(reason);
          second.onRetry(reason);
        }
      };
    }
  }

  /** Stops {@link TraceKit} within a bounded time, delivering what is queued. */
  public static final class TraceKitShutdown implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(TraceKitShutdown.class);

    private final TraceKit traceKit;
    private final Duration timeout;

    TraceKitShutdown(TraceKit traceKit, Duration timeout) {
      this.traceKit = traceKit;
      this.timeout = timeout;
    }

    @Override
    public void destroy() {
      if (!traceKit.shutdown(timeout)) {
        log.warn(
            "TraceKit could not deliver every queued span and log within {} at shutdown; the rest"
                + " were dropped. Raise tracekit.exporter.shutdown-timeout if the collector is slow.",
            timeout);
      }
    }
  }
}
