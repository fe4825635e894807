package dev.tracekit.starter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.core.Context;
import dev.tracekit.core.InMemorySpanExporter;
import dev.tracekit.core.LogRecordExporter;
import dev.tracekit.core.Sampler;
import dev.tracekit.core.Span;
import dev.tracekit.core.SpanExporter;
import dev.tracekit.core.TraceKit;
import dev.tracekit.core.TraceKitMetrics;
import dev.tracekit.core.Tracer;
import dev.tracekit.core.propagation.TextMapPropagator;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class TraceKitAutoConfigurationTests {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(TraceKitAutoConfiguration.class));

  @Test
  void shouldSupplyBeans() {
    runner.run(
        context -> {
          assertThat(context).hasSingleBean(TraceKit.class);
          assertThat(context).hasSingleBean(Tracer.class);
          assertThat(context).hasSingleBean(Sampler.class);
          assertThat(context).hasSingleBean(TextMapPropagator.class);
          assertThat(context).hasSingleBean(SpanExporter.class);
          assertThat(context).hasSingleBean(LogRecordExporter.class);
          assertThat(context).hasSingleBean(TraceKitMetrics.class);
          assertThat(context).hasSingleBean(ExportStatus.class);
          assertThat(context).hasSingleBean(TraceKitAutoConfiguration.TraceKitShutdown.class);
        });
  }

  @Test
  void shouldBackOffOnCustomBeans() {
    runner
        .withUserConfiguration(CustomBeans.class)
        .run(
            context -> {
              assertThat(context).getBean(Sampler.class).isSameAs(context.getBean("customSampler"));
              assertThat(context).getBean(TextMapPropagator.class).isSameAs(context.getBean("customPropagator"));
              assertThat(context).getBean(SpanExporter.class).isSameAs(context.getBean("customExporter"));
              assertThat(context).hasSingleBean(TraceKit.class);
            });
    runner
        .withUserConfiguration(CustomTraceKit.class)
        .run(
            context -> {
              assertThat(context).getBean(TraceKit.class).isSameAs(context.getBean("customTraceKit"));
              assertThat(context.getBean(TraceKit.class).resource().serviceName()).isEqualTo("custom");
            });
  }

  @Test
  void disabledByProperty() {
    runner
        .withPropertyValues("tracekit.enabled=false")
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(TraceKit.class);
              assertThat(context).doesNotHaveBean(Tracer.class);
              assertThat(context).doesNotHaveBean(TextMapPropagator.class);
              assertThat(context).doesNotHaveBean(SpanExporter.class);
              assertThat(context).doesNotHaveBean(TraceKitProperties.class);
            });
  }

  @Test
  void exporterDisabledKeepsTracingButSendsNothing() {
    runner
        .withPropertyValues("tracekit.exporter.enabled=false")
        .run(
            context -> {
              assertThat(context).hasSingleBean(Tracer.class);
              assertThat(context).doesNotHaveBean(SpanExporter.class);
              assertThat(context).doesNotHaveBean(LogRecordExporter.class);
            });
  }

  @Test
  void logShippingOffDropsOnlyTheLogExporter() {
    runner
        .withPropertyValues("tracekit.logging.ship=false")
        .run(
            context -> {
              assertThat(context).hasSingleBean(SpanExporter.class);
              assertThat(context).doesNotHaveBean(LogRecordExporter.class);
            });
  }

  @Test
  void serviceNameDefaultsToApplicationNameThenUnknownService() {
    runner
        .withPropertyValues("spring.application.name=orders")
        .run(context -> assertThat(context.getBean(TraceKit.class).resource().serviceName()).isEqualTo("orders"));
    runner
        .withPropertyValues("spring.application.name=orders", "tracekit.service-name=billing")
        .run(context -> assertThat(context.getBean(TraceKit.class).resource().serviceName()).isEqualTo("billing"));
    runner.run(
        context -> assertThat(context.getBean(TraceKit.class).resource().serviceName()).isEqualTo("unknown_service"));
  }

  @Test
  void resourceAttributesAreAdded() {
    runner
        .withPropertyValues("tracekit.resource-attributes.deployment.environment=test")
        .run(
            context ->
                assertThat(context.getBean(TraceKit.class).resource().attributes().getString("deployment.environment"))
                    .isEqualTo("test"));
  }

  @Test
  void probabilityOutsideZeroToOneFailsStartupWithClearMessage() {
    runner
        .withPropertyValues("tracekit.sampler.probability=1.5")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("tracekit.sampler.probability must be between 0.0 and 1.0"));
  }

  @Test
  void zeroProbabilityDropsNewTraces() {
    runner
        .withPropertyValues("tracekit.sampler.probability=0")
        .withUserConfiguration(InMemoryExporter.class)
        .run(
            context -> {
              Span span = context.getBean(Tracer.class).spanBuilder("dropped").setNoParent().startSpan();
              assertThat(span.isRecording()).isFalse();
              span.end();
            });
  }

  @Test
  void propagationTypesSelectTheHeadersWrittenAndAllAreRead() {
    runner
        .withPropertyValues("tracekit.propagation.type=w3c,b3")
        .run(
            context -> {
              TextMapPropagator propagator = context.getBean(TextMapPropagator.class);
              Span span = context.getBean(Tracer.class).spanBuilder("out").setNoParent().startSpan();
              Map<String, String> headers = new HashMap<>();
              propagator.inject(Context.root().with(span), headers, Map::put);
              span.end();
              assertThat(headers).containsKeys("traceparent", "b3");

              Map<String, String> b3Only = Map.of("b3", headers.get("b3"));
              Context extracted = propagator.extract(Context.root(), b3Only, (carrier, key) -> carrier.get(key));
              assertThat(extracted.span().context().traceIdHex()).isEqualTo(span.context().traceIdHex());
            });
    runner.run(
        context -> {
          Map<String, String> headers = new HashMap<>();
          Span span = context.getBean(Tracer.class).spanBuilder("out").setNoParent().startSpan();
          context.getBean(TextMapPropagator.class).inject(Context.root().with(span), headers, Map::put);
          span.end();
          assertThat(headers).containsKey("traceparent").doesNotContainKey("b3");
        });
  }

  @Test
  void remoteFieldsTravelAsTheirOwnHeaders() {
    runner
        .withPropertyValues("tracekit.baggage.remote-fields=x-request-id")
        .run(
            context -> {
              TextMapPropagator propagator = context.getBean(TextMapPropagator.class);
              Context extracted =
                  propagator.extract(Context.root(), Map.of("x-request-id", "r-42"), (carrier, key) -> carrier.get(key));
              assertThat(extracted.baggage().get("x-request-id")).isEqualTo("r-42");
              Map<String, String> out = new HashMap<>();
              propagator.inject(extracted, out, Map::put);
              assertThat(out).containsEntry("x-request-id", "r-42");
            });
  }

  @Test
  void closingTheContextDeliversQueuedSpans() {
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    runner
        .withPropertyValues("tracekit.exporter.schedule-delay=1h")
        .withBean("customExporter", SpanExporter.class, () -> exporter)
        .run(
            context -> {
              Span span = context.getBean(Tracer.class).spanBuilder("queued").setNoParent().startSpan();
              span.end();
              assertThat(exporter.spans()).isEmpty();
            });
    assertThat(exporter.spans()).extracting(s -> s.name()).containsExactly("queued");
  }

  @Configuration(proxyBeanMethods = false)
  static class CustomBeans {
    @Bean
    Sampler customSampler() {
      return Sampler.alwaysOn();
    }

    @Bean
    TextMapPropagator customPropagator() {
      return dev.tracekit.core.propagation.W3CTraceContextPropagator.getInstance();
    }

    @Bean
    SpanExporter customExporter() {
      return InMemorySpanExporter.create();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class CustomTraceKit {
    @Bean
    TraceKit customTraceKit() {
      return TraceKit.builder().serviceName("custom").scheduleDelay(Duration.ofMillis(10)).build();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class InMemoryExporter {
    @Bean
    SpanExporter inMemoryExporter() {
      return InMemorySpanExporter.create();
    }
  }
}
