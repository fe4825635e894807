package dev.tracekit.starter.micrometer;

import dev.tracekit.core.propagation.CompositePropagator;
import dev.tracekit.core.propagation.TextMapPropagator;
import dev.tracekit.core.propagation.W3CBaggagePropagator;
import dev.tracekit.core.propagation.W3CTraceContextPropagator;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.NoopTracerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Makes Micrometer Tracing record TraceKit spans: a {@link Tracer} and a {@link Propagator} on
 * our tracer and propagators. Runs before Spring Boot's tracing auto-configuration, which then
 * registers its tracing observation handlers for them (and does not fall back to its no-op
 * tracer), so observations, {@code @Observed} and {@code @NewSpan} become TraceKit spans in the
 * current trace. Spring's own HTTP observations are kept out of tracing (see {@link
 * HttpObservationSpanSuppressor}) unless {@code tracekit.micrometer.trace-http-observations}.
 */
@AutoConfiguration(
    afterName = "dev.tracekit.starter.TraceKitAutoConfiguration",
    before = {MicrometerTracingAutoConfiguration.class, NoopTracerAutoConfiguration.class})
@ConditionalOnClass(Tracer.class)
@ConditionalOnBooleanProperty(name = "tracekit.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "tracekit.micrometer.enabled", matchIfMissing = true)
@ConditionalOnBean(dev.tracekit.core.Tracer.class)
@EnableConfigurationProperties(TraceKitMicrometerProperties.class)
public final class TraceKitMicrometerTracingAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean(Tracer.class)
  TraceKitTracer traceKitMicrometerTracer(dev.tracekit.core.Tracer tracer, Environment environment) {
    return new TraceKitTracer(tracer, remoteBaggageFields(environment));
  }

  /** The baggage names our propagators send downstream ({@code tracekit.baggage.remote-fields}). */
  private static List<String> remoteBaggageFields(Environment environment) {
    return Binder.get(environment)
        .bind("tracekit.baggage.remote-fields", Bindable.listOf(String.class))
        .orElse(List.of());
  }

  /** Uses the application's propagator (the formats configured under tracekit.propagation), else W3C. */
  @Bean
  @ConditionalOnMissingBean(Propagator.class)
  TraceKitPropagator traceKitMicrometerPropagator(
      ObjectProvider<TextMapPropagator> propagator, dev.tracekit.core.Tracer tracer) {
    TextMapPropagator textMapPropagator =
        propagator.getIfUnique(
            () ->
                CompositePropagator.of(
                    W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance()));
    return new TraceKitPropagator(textMapPropagator, tracer);
  }

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBooleanProperty(name = "tracekit.micrometer.trace-http-observations", havingValue = false, matchIfMissing = true)
  HttpObservationSpanSuppressor httpObservationSpanSuppressor(Tracer tracer) {
    return new HttpObservationSpanSuppressor(tracer);
  }
}
