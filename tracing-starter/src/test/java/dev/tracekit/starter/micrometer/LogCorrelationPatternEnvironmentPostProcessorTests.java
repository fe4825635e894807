package dev.tracekit.starter.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.CorrelationIdFormatter;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class LogCorrelationPatternEnvironmentPostProcessorTests {

  private final LogCorrelationPatternEnvironmentPostProcessor processor =
      new LogCorrelationPatternEnvironmentPostProcessor();

  @Test
  void correlationPatternReadsTraceKitMdcKeys() {
    StandardEnvironment environment = new StandardEnvironment();
    processor.postProcessEnvironment(environment, new SpringApplication());
    assertThat(environment.getProperty("logging.pattern.correlation"))
        .isEqualTo("%correlationId{trace_id(32),span_id(16)}");

    // Boot's formatter, fed the converter's options and an MDC as TraceKit fills it.
    CorrelationIdFormatter formatter = CorrelationIdFormatter.of(List.of("trace_id(32)", "span_id(16)"));
    Map<String, String> mdc =
        Map.of("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736", "span_id", "00f067aa0ba902b7");
    assertThat(formatter.format(mdc::get)).isEqualTo("[4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7] ");
  }

  @Test
  void applicationsOwnPatternWins() {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources()
        .addFirst(new MapPropertySource("app", Map.of("logging.pattern.correlation", "[%X{trace_id}] ")));
    processor.postProcessEnvironment(environment, new SpringApplication());
    assertThat(environment.getProperty("logging.pattern.correlation")).isEqualTo("[%X{trace_id}] ");
  }

  @Test
  void whenTraceKitIsOffLinesCarryNoCorrelationBlockEvenAfterBootAsksForOne() {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("app", Map.of("tracekit.enabled", "false")));
    // As Boot's LogCorrelationEnvironmentPostProcessor leaves it when it has run first.
    environment.getPropertySources()
        .addLast(new MapPropertySource("logCorrelation", Map.of("logging.expect-correlation-id", true)));
    processor.postProcessEnvironment(environment, new SpringApplication());
    assertThat(environment.getProperty("logging.expect-correlation-id", Boolean.class)).isFalse();
    assertThat(environment.getProperty("logging.pattern.correlation")).isNull();
  }

  @Test
  void whenTraceKitIsOffBootRunningAfterItDoesNotBringTheBlockBack() {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("app", Map.of("tracekit.enabled", "false")));
    processor.postProcessEnvironment(environment, new SpringApplication());
    environment.getPropertySources()
        .addLast(new MapPropertySource("logCorrelation", Map.of("logging.expect-correlation-id", true)));
    assertThat(environment.getProperty("logging.expect-correlation-id", Boolean.class)).isFalse();
  }

  @Test
  void whenTraceKitIsOffTheApplicationCanStillAskForTheBlock() {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources()
        .addFirst(new MapPropertySource(
            "app", Map.of("tracekit.enabled", "false", "logging.expect-correlation-id", "true")));
    processor.postProcessEnvironment(environment, new SpringApplication());
    assertThat(environment.getProperty("logging.expect-correlation-id", Boolean.class)).isTrue();
  }
}
