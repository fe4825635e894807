package dev.tracekit.starter.micrometer;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Points Spring Boot's log correlation block at TraceKit's MDC keys. With Micrometer Tracing on
 * the class path (which the bridge needs) Boot expects correlation ids in every console and
 * file log line, read from the MDC keys {@code traceId} and {@code spanId}; TraceKit writes
 * OpenTelemetry's {@code trace_id} and {@code span_id}, so without this every line would carry
 * an empty, padded block. Added last: an application's own {@code logging.pattern.correlation}
 * wins.
 */
class LogCorrelationPatternEnvironmentPostProcessor implements EnvironmentPostProcessor {

  static final String PROPERTY = "logging.pattern.correlation";
  static final String PATTERN = "%correlationId{trace_id(32),span_id(16)}";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    environment
        .getPropertySources()
        .addLast(new MapPropertySource("tracekitLogCorrelation", Map.of(PROPERTY, PATTERN)));
  }
}
