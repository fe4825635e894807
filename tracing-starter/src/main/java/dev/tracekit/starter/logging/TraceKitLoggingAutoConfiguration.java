package dev.tracekit.starter.logging;

import ch.qos.logback.classic.LoggerContext;
import dev.tracekit.core.TraceKit;
import dev.tracekit.starter.ConditionalOnLogShipping;
import dev.tracekit.starter.TraceKitAutoConfiguration;
import dev.tracekit.starter.TraceKitProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration that ships Logback events to TraceKit's log pipeline (OTLP
 * {@code /v1/logs}) with the trace and span they were written in. JSON console logs
 * ({@code tracekit.logging.json}) are set up earlier, by {@link JsonLoggingEnvironmentPostProcessor}.
 */
@AutoConfiguration(after = TraceKitAutoConfiguration.class)
@ConditionalOnClass(LoggerContext.class)
@ConditionalOnBooleanProperty(name = "tracekit.enabled", matchIfMissing = true)
@ConditionalOnLogShipping
@ConditionalOnBean(TraceKit.class)
public final class TraceKitLoggingAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  LogShipping tracekitLogShipping(TraceKit traceKit, TraceKitProperties properties) {
    TraceKitProperties.Logging logging = properties.getLogging();
    return new LogShipping(traceKit, logging.getExcludedLoggers(), logging.isIncludeMdc());
  }
}
