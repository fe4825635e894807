package dev.tracekit.starter.micrometer;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;

/**
 * Points Spring Boot's log correlation block at TraceKit's MDC keys. With Micrometer Tracing on
 * the class path (which the bridge needs) Boot expects correlation ids in every console and
 * file log line, read from the MDC keys {@code traceId} and {@code spanId}; TraceKit writes
 * OpenTelemetry's {@code trace_id} and {@code span_id}, so without this every line would carry
 * an empty, padded block. Added last: an application's own {@code logging.pattern.correlation}
 * wins.
 *
 * <p>With {@code tracekit.enabled=false} nothing fills the MDC, so Boot is told not to expect
 * correlation ids instead: lines look as they would without TraceKit on the class path (and
 * are not written a padded block of blanks each).
 */
class LogCorrelationPatternEnvironmentPostProcessor implements EnvironmentPostProcessor {

  static final String PROPERTY = "logging.pattern.correlation";
  static final String PATTERN = "%correlationId{trace_id(32),span_id(16)}";
  static final String EXPECT_CORRELATION_ID = "logging.expect-correlation-id";
  static final String PROPERTY_SOURCE_NAME = "tracekitLogCorrelation";
  /** The property source Boot's own {@code LogCorrelationEnvironmentPostProcessor} adds. */
  static final String BOOT_PROPERTY_SOURCE_NAME = "logCorrelation";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    MutablePropertySources sources = environment.getPropertySources();
    if (environment.getProperty("tracekit.enabled", Boolean.class, true)) {
      sources.addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, Map.of(PROPERTY, PATTERN)));
      return;
    }
    // Ahead of Boot's source (which says true whenever tracing export is on), behind the application's.
    MapPropertySource noCorrelation =
        new MapPropertySource(PROPERTY_SOURCE_NAME, Map.of(EXPECT_CORRELATION_ID, false));
    if (sources.contains(BOOT_PROPERTY_SOURCE_NAME)) {
      sources.addBefore(BOOT_PROPERTY_SOURCE_NAME, noCorrelation);
    } else {
      sources.addLast(noCorrelation);
    }
  }
}
