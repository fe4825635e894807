package dev.tracekit.starter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.core.Span;
import dev.tracekit.core.Tracer;
import dev.tracekit.starter.TraceKitAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** What the span limits cut from an application's spans shows in its meters. */
class SpanLimitMetersTests {

  @Test
  void oversizedValuesAndTooManyAttributesAreCountedInMeters() {
    new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(TraceKitAutoConfiguration.class, TraceKitMetricsAutoConfiguration.class))
        .withPropertyValues("tracekit.exporter.enabled=false")
        .withBean(SimpleMeterRegistry.class)
        .run(context -> {
          MeterRegistry registry = context.getBean(MeterRegistry.class);
          context.getBean(TraceKitMeterBinder.class).bindTo(registry);
          Span span = context.getBean(Tracer.class).spanBuilder("oversized").setNoParent().startSpan();
          span.setAttribute("megabyte", "x".repeat(1 << 20));
          for (int i = 0; i < 1_000; i++) {
            span.setAttribute("attr." + i, (long) i);
          }
          span.end();

          assertThat(registry.get("tracekit.spans.truncated.values").functionCounter().count()).isEqualTo(1.0);
          // 128 attributes kept (the megabyte one among them): 1,001 - 128 dropped.
          assertThat(registry.get("tracekit.spans.limited").functionCounter().count()).isEqualTo(1_001 - 128);
        });
  }
}
