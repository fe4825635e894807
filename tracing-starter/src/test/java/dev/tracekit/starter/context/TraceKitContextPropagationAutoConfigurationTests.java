package dev.tracekit.starter.context;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.core.Context;
import dev.tracekit.core.Scope;
import dev.tracekit.core.Span;
import dev.tracekit.core.Tracer;
import dev.tracekit.starter.TraceKitAutoConfiguration;
import io.micrometer.context.ContextSnapshotFactory;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

class TraceKitContextPropagationAutoConfigurationTests {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  TraceKitAutoConfiguration.class,
                  TraceKitContextPropagationAutoConfiguration.class,
                  TaskExecutionAutoConfiguration.class))
          .withPropertyValues("tracekit.exporter.enabled=false");

  @Test
  void shouldSupplyBeans() {
    runner.run(
        context -> {
          assertThat(context).hasSingleBean(ContextPropagatingTaskDecorator.class);
          assertThat(context).hasSingleBean(TraceKitContextPropagationAutoConfiguration.MdcCorrelation.class);
          assertThat(context).hasSingleBean(TraceKitContextPropagationAutoConfiguration.LogbackMdcSync.class);
        });
  }

  @Test
  void springBootTaskExecutorRunsTasksInTheSubmittersContext() {
    runner.run(
        context -> {
          ThreadPoolTaskExecutor executor = context.getBean(ThreadPoolTaskExecutor.class);
          Span span = context.getBean(Tracer.class).spanBuilder("submit").setNoParent().startSpan();
          AtomicReference<String> mdcTraceId = new AtomicReference<>();
          Future<Span> seen;
          Scope scope = TraceMdc.makeCurrent(Context.root().with(span));
          try {
            seen =
                executor.submit(
                    () -> {
                      mdcTraceId.set(LoggedMdc.get(TraceMdc.TRACE_ID));
                      return Context.currentSpan();
                    });
          } finally {
            scope.close();
          }
          assertThat(seen.get()).isSameAs(span);
          assertThat(mdcTraceId.get()).isEqualTo(span.context().traceIdHex());
          span.end();
          // The pool thread is left clean for the next task.
          Future<String> after = executor.submit(() -> LoggedMdc.get(TraceMdc.TRACE_ID) + "/" + Context.currentSpan().context().isValid());
          assertThat(after.get()).isEqualTo("null/false");
        });
  }

  @Test
  void shouldBackOffOnCustomBeans() {
    runner
        .withUserConfiguration(CustomDecorator.class)
        .run(
            context ->
                assertThat(context)
                    .getBean(ContextPropagatingTaskDecorator.class)
                    .isSameAs(context.getBean("customDecorator")));
  }

  @Test
  void disabledByProperty() {
    runner
        .withPropertyValues("tracekit.enabled=false")
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(ContextPropagatingTaskDecorator.class);
            });
  }

  @Test
  void baggageCorrelationFieldsReachTheMdc() {
    runner
        .withPropertyValues("tracekit.baggage.correlation-fields=tenant")
        .run(
            context -> {
              Context withBaggage =
                  Context.root().with(dev.tracekit.core.Baggage.empty().with("tenant", "acme"));
              Scope scope = TraceMdc.makeCurrent(withBaggage);
              try {
                assertThat(LoggedMdc.get("tenant")).isEqualTo("acme");
              } finally {
                scope.close();
              }
              assertThat(LoggedMdc.get("tenant")).isNull();
            });
    TraceMdc.setCorrelationFields(java.util.List.of());
  }

  @Configuration(proxyBeanMethods = false)
  static class CustomDecorator {
    @Bean
    ContextPropagatingTaskDecorator customDecorator() {
      return new ContextPropagatingTaskDecorator(ContextSnapshotFactory.builder().build());
    }
  }
}
