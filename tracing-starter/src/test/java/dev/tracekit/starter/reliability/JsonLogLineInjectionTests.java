package dev.tracekit.starter.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.logback.LogbackLoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * With the starter's JSON console logging, one event is one line whatever its message, MDC values
 * (e.g. baggage copied there) or exception message hold: CR, LF, NUL and other control characters
 * are escaped, so nobody can forge a log line, and every line parses back to the exact text.
 */
@ExtendWith(OutputCaptureExtension.class)
class JsonLogLineInjectionTests {

  private static final String EVIL = "first\r\n{\"severity_text\":\"ERROR\",\"body\":\"forged\"}\u0000\u001b[31m\u2028end";

  @Test
  void controlCharactersInMessagesMdcValuesAndExceptionsStayInsideOneJsonLine(CapturedOutput output) {
    withJsonLogging(() -> {
      MDC.put("tenant", EVIL);
      try {
        LoggerFactory.getLogger("com.example.Injection").warn("marker-1 " + EVIL,
            new IllegalStateException("marker-ex " + EVIL));
        LoggerFactory.getLogger("com.example.Injection").info("marker-2 {}", EVIL);
      } finally {
        MDC.remove("tenant");
      }
    });

    List<String> lines = output.getOut().lines().filter(l -> l.contains("marker-")).toList();
    assertThat(lines).hasSize(2);
    JsonMapper json = JsonMapper.builder().build();
    JsonNode warn = json.readTree(lines.get(0));
    assertThat(warn.get("body").asString()).isEqualTo("marker-1 " + EVIL);
    assertThat(warn.get("tenant").asString()).isEqualTo(EVIL);
    assertThat(warn.get("exception.stacktrace").asString()).contains("marker-ex " + EVIL);
    assertThat(json.readTree(lines.get(1)).get("body").asString()).isEqualTo("marker-2 " + EVIL);
    for (String line : output.getOut().lines().toList()) {
      assertThat(line).doesNotStartWith("{\"severity_text\":\"ERROR\",\"body\":\"forged\"");
      assertThat(line.chars().noneMatch(c -> c < 0x20)).as(line).isTrue();
    }
  }

  /** Configures Logback from tracekit/logback-json.xml as Spring Boot does, runs {@code body}, restores. */
  private static void withJsonLogging(Runnable body) {
    LogbackLoggingSystem system = new LogbackLoggingSystem(JsonLogLineInjectionTests.class.getClassLoader());
    system.cleanUp();
    system.beforeInitialize();
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("test", Map.of()));
    system.initialize(new LoggingInitializationContext(environment), "classpath:tracekit/logback-json.xml", null);
    try {
      body.run();
    } finally {
      system.cleanUp();
      ((ch.qos.logback.classic.LoggerContext) LoggerFactory.getILoggerFactory()).reset();
    }
  }
}
