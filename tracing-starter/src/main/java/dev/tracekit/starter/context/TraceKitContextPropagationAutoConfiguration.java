package dev.tracekit.starter.context;

import ch.qos.logback.classic.LoggerContext;
import dev.tracekit.core.Tracer;
import dev.tracekit.starter.TraceKitAutoConfiguration;
import dev.tracekit.starter.TraceKitProperties;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshotFactory;
import java.util.List;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;

/**
 * Auto-configuration that carries the current trace context (and the MDC ids) to other
 * threads: to tasks of Spring's auto-configured executors ({@code @Async}, MVC async) through a
 * {@link ContextPropagatingTaskDecorator}. Reactor needs nothing here: TraceKit's own WebFlux
 * and WebClient instrumentation reads the context from the Reactor context, and with Spring
 * Boot's {@code spring.reactor.context-propagation=auto} Reactor restores it around every
 * operator (log lines on any thread then carry the ids) through {@link TraceKitContextAccessor},
 * which is registered with the context-propagation library by {@code META-INF/services}.
 * TraceKit leaves that switch to the application, as Boot does: restoring every registered
 * context around every operator took about a tenth of the demo gateway's CPU.
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
  @ConditionalOnClass(name = "ch.qos.logback.classic.LoggerContext")
  static class LogbackConfiguration {

    @Bean
    @ConditionalOnMissingBean
    LogbackMdcSync tracekitLogbackMdcSync() {
      return new LogbackMdcSync();
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
   * With Logback as the SLF4J backend, has the MDC brought in step at each log call instead of at
   * every context change ({@link TraceMdcTurboFilter}).
   */
  public static final class LogbackMdcSync implements InitializingBean {

    @Override
    public void afterPropertiesSet() {
      if (LoggerFactory.getILoggerFactory() instanceof LoggerContext loggerContext) {
        TraceMdcTurboFilter.install(loggerContext);
      }
    }
  }
}
