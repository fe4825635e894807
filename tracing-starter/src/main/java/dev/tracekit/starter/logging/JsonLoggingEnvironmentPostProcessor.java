package dev.tracekit.starter.logging;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * Points {@code logging.config} at {@code classpath:tracekit/logback-json.xml} when
 * {@code tracekit.logging.json=true}, before Spring Boot initializes Logback. An explicit
 * {@code logging.config} wins: the property is added with the lowest precedence.
 */
public final class JsonLoggingEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

  static final String JSON_CONFIG = "classpath:tracekit/logback-json.xml";
  static final String PROPERTY_SOURCE_NAME = "tracekitJsonLogging";

  @Override
  public int getOrder() {
    // After config data (application.yaml) is loaded, so tracekit.logging.json can be set there.
    return Ordered.LOWEST_PRECEDENCE;
  }

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    boolean enabled = environment.getProperty("tracekit.enabled", Boolean.class, true);
    boolean json = environment.getProperty("tracekit.logging.json", Boolean.class, false);
    if (!enabled
        || !json
        || environment.containsProperty("logging.config")
        || !ClassUtils.isPresent("ch.qos.logback.classic.LoggerContext", getClass().getClassLoader())
        || environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
      return;
    }
    environment
        .getPropertySources()
        .addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, Map.of("logging.config", JSON_CONFIG)));
  }
}
