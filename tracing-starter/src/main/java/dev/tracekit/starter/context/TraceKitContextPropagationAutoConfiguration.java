package dev.tracekit.starter.context;

import dev.tracekit.core.Tracer;
import dev.tracekit.starter.TraceKitAutoConfiguration;
import dev.tracekit.starter.TraceKitProperties;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshotFactory;
import java.util.List;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;
import reactor.core.publisher.Hooks;

/**
 * Auto-configuration that carries the current trace context (and the MDC ids) to other
 * threads: to tasks of Spring's auto-configured executors ({@code @Async}, MVC async) through a
 * {@link ContextPropagatingTaskDecorator}, and through Reactor operators by enabling Reactor's
 * automatic context propagation. Both use {@link TraceKitContextAccessor}.
 */
@AutoConfiguration(after = TraceKitAutoConfiguration.class)
@ConditionalOnClass(ContextRegistry.class)
@ConditionalOnBooleanProperty(name = "tracekit.enabled", matchIfMissing = true)
@ConditionalOnBean(Tracer.class)
public final class TraceKitContextPropagationAutoConfiguration {

  /** Decorates the tasks of Boot's task executors; Boot composes it with any other decorators. */
  @Bean
  @ConditionalOnMissingBean(ContextPropagatingTaskDecorator.class)
  ContextPropagatingTaskDecorator tracekitTaskDecorator() {
    return new ContextPropagatingTaskDecorator(
        ContextSnapshotFactory.builder().contextRegistry(ContextRegistry.getInstance()).build());
  }

  @Bean
  @ConditionalOnMissingBean
  MdcCorrelation tracekitMdcCorrelation(TraceKitProperties properties) {
    return new MdcCorrelation(properties.getBaggage().getCorrelationFields());
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(Hooks.class)
  static class ReactorConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ReactorContextPropagation tracekitReactorContextPropagation() {
      return new ReactorContextPropagation();
    }
  }

  /** Applies {@code tracekit.baggage.correlation-fields} to {@link TraceMdc}. */
  public static final class MdcCorrelation implements InitializingBean {
    private final List<String> fields;

    MdcCorrelation(List<String> fields) {
      this.fields = fields;
    }

    @Override
    public void afterPropertiesSet() {
      TraceMdc.setCorrelationFields(fields);
    }
  }

  /**
   * Turns on Reactor's automatic context propagation so that values in the Reactor context
   * (our trace context, put there by the WebFlux filter) are restored as thread-locals around
   * every operator, whichever thread runs it.
   */
  public static final class ReactorContextPropagation implements InitializingBean {

    @Override
    public void afterPropertiesSet() {
      ContextRegistry.getInstance().registerThreadLocalAccessor(new TraceKitContextAccessor());
      Hooks.enableAutomaticContextPropagation();
    }
  }
}
