package dev.tracekit.starter.micrometer;

import static dev.tracekit.starter.testsupport.InMemoryTraceKit.exportedSpan;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.core.Context;
import dev.tracekit.core.InMemorySpanExporter;
import dev.tracekit.core.Scope;
import dev.tracekit.core.SpanData;
import dev.tracekit.core.TraceKit;
import dev.tracekit.core.propagation.B3Propagator;
import dev.tracekit.core.propagation.TextMapPropagator;
import dev.tracekit.starter.TraceKitAutoConfiguration;
import dev.tracekit.starter.testsupport.InMemoryTraceKit;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.micrometer.tracing.propagation.Propagator;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.NoopTracerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class TraceKitMicrometerTracingAutoConfigurationTests {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  ObservationAutoConfiguration.class,
                  TraceKitMicrometerTracingAutoConfiguration.class,
                  MicrometerTracingAutoConfiguration.class,
                  NoopTracerAutoConfiguration.class))
          .withUserConfiguration(InMemoryTraceKit.class);

  @Test
  void shouldSupplyTracerPropagatorAndSpringsTracingHandlers() {
    runner.run(context -> {
      assertThat(context).hasSingleBean(Tracer.class);
      assertThat(context.getBean(Tracer.class)).isInstanceOf(TraceKitTracer.class);
      assertThat(context).hasSingleBean(TraceKitPropagator.class);
      assertThat(context).hasSingleBean(HttpObservationSpanSuppressor.class);
      assertThat(context).hasSingleBean(DefaultTracingObservationHandler.class);
      assertThat(context).hasSingleBean(PropagatingSenderTracingObservationHandler.class);
      assertThat(context).hasSingleBean(PropagatingReceiverTracingObservationHandler.class);
    });
  }

  @Test
  void shouldBackOffOnUserTracerAndPropagator() {
    runner.withUserConfiguration(UserMicrometerBeans.class).run(context -> {
      assertThat(context.getBean(Tracer.class)).isSameAs(Tracer.NOOP);
      assertThat(context.getBean(Propagator.class)).isSameAs(Propagator.NOOP);
      assertThat(context).doesNotHaveBean(TraceKitTracer.class);
      assertThat(context).doesNotHaveBean(TraceKitPropagator.class);
    });
  }

  @Test
  void shouldBackOffOnUserSuppressor() {
    runner.withUserConfiguration(UserSuppressor.class).run(context ->
        assertThat(context.getBean(HttpObservationSpanSuppressor.class))
            .isSameAs(context.getBean(UserSuppressor.class).suppressor));
  }

  @Test
  void propagatorUsesTheApplicationsPropagationFormats() {
    runner.withUserConfiguration(B3Propagation.class).run(context ->
        assertThat(context.getBean(Propagator.class).fields()).contains("b3").doesNotContain("traceparent"));
  }

  @Test
  void propagatorDefaultsToW3cWithoutAnApplicationPropagator() {
    runner.run(context ->
        assertThat(context.getBean(Propagator.class).fields()).contains("traceparent", "baggage"));
  }

  @Test
  void remoteBaggageFieldsComeFromTracekitBaggageProperties() {
    runner.withPropertyValues("tracekit.baggage.remote-fields=tenant,region").run(context ->
        assertThat(context.getBean(Tracer.class).getBaggageFields()).containsExactly("tenant", "region"));
  }

  @Test
  void disabledByTracekitEnabledFalse() {
    runner.withPropertyValues("tracekit.enabled=false").run(context -> {
      assertThat(context).doesNotHaveBean(TraceKitTracer.class);
      assertThat(context.getBean(Tracer.class)).isSameAs(Tracer.NOOP);
    });
  }

  @Test
  void disabledByTracekitMicrometerEnabledFalse() {
    runner.withPropertyValues("tracekit.micrometer.enabled=false").run(context -> {
      assertThat(context).doesNotHaveBean(TraceKitTracer.class);
      assertThat(context).doesNotHaveBean(HttpObservationSpanSuppressor.class);
      assertThat(context.getBean(Tracer.class)).isSameAs(Tracer.NOOP);
    });
  }

  @Test
  void httpObservationsAreTracedWhenAskedFor() {
    runner.withPropertyValues("tracekit.micrometer.trace-http-observations=true").run(context -> {
      assertThat(context).hasSingleBean(TraceKitTracer.class);
      assertThat(context).doesNotHaveBean(HttpObservationSpanSuppressor.class);
    });
  }

  @Test
  void backsOffWithoutTraceKitTracer() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(TraceKitMicrometerTracingAutoConfiguration.class))
        .run(context -> assertThat(context).doesNotHaveBean(TraceKitTracer.class));
  }

  @Test
  void observationBecomesChildOfCurrentTraceKitSpan() {
    runner.run(context -> {
      ObservationRegistry registry = context.getBean(ObservationRegistry.class);
      dev.tracekit.core.Span request =
          context.getBean(dev.tracekit.core.Tracer.class).spanBuilder("request").startSpan();
      try (Scope ignored = Context.current().with(request).makeCurrent()) {
        Observation.createNotStarted("order.price", registry)
            .contextualName("price order")
            .lowCardinalityKeyValue("currency", "EUR")
            .observe(() -> context.getBean(dev.tracekit.core.Tracer.class).spanBuilder("inside").startSpan().end());
      } finally {
        request.end();
      }
      SpanData observed = exportedSpan(context, "price order");
      assertThat(observed.parentSpanIdHex()).isEqualTo(exportedSpan(context, "request").spanIdHex());
      assertThat(observed.traceIdHex()).isEqualTo(request.context().traceIdHex());
      assertThat(observed.attributes().get("currency")).isEqualTo("EUR");
      assertThat(exportedSpan(context, "inside").parentSpanIdHex())
          .as("the observation's span is current for our own instrumentation")
          .isEqualTo(observed.spanIdHex());
    });
  }

  @Test
  void bridgesTheTracerAndPropagatorOfTraceKitAutoConfiguration() {
    new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                TraceKitAutoConfiguration.class,
                ObservationAutoConfiguration.class,
                TraceKitMicrometerTracingAutoConfiguration.class,
                MicrometerTracingAutoConfiguration.class,
                NoopTracerAutoConfiguration.class))
        .withBean(InMemorySpanExporter.class, InMemorySpanExporter::create)
        .withPropertyValues("tracekit.propagation.type=b3", "tracekit.baggage.remote-fields=tenant")
        .run(context -> {
          assertThat(context.getBean(Tracer.class)).isInstanceOf(TraceKitTracer.class);
          assertThat(context.getBean(Propagator.class).fields()).contains("b3").doesNotContain("traceparent");
          assertThat(context.getBean(Tracer.class).getBaggageFields()).containsExactly("tenant");
          Observation.createNotStarted("job", context.getBean(ObservationRegistry.class)).observe(() -> {});
          assertThat(context.getBean(TraceKit.class).flush(Duration.ofSeconds(30))).isTrue();
          assertThat(context.getBean(InMemorySpanExporter.class).spans()).extracting(SpanData::name)
              .containsExactly("job");
        });
  }

  @Configuration(proxyBeanMethods = false)
  static class UserMicrometerBeans {
    @Bean
    Tracer userTracer() {
      return Tracer.NOOP;
    }

    @Bean
    Propagator userPropagator() {
      return Propagator.NOOP;
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class UserSuppressor {
    final HttpObservationSpanSuppressor suppressor = new HttpObservationSpanSuppressor(Tracer.NOOP);

    @Bean
    HttpObservationSpanSuppressor userHttpObservationSpanSuppressor() {
      return suppressor;
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class B3Propagation {
    @Bean
    TextMapPropagator b3() {
      return B3Propagator.single();
    }
  }
}
