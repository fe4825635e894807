package dev.tracekit.starter.logging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.core.Context;
import dev.tracekit.core.Scope;
import dev.tracekit.core.Span;
import dev.tracekit.core.TraceContext;
import dev.tracekit.core.TraceState;
import dev.tracekit.starter.context.TraceMdc;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.logback.LogbackLoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

@ExtendWith(OutputCaptureExtension.class)
class JsonLoggingTests {

  private final ObjectMapper json = new ObjectMapper();

  @Test
  void jsonPropertyPointsLoggingConfigAtTheTraceKitFile() {
    StandardEnvironment environment = environment(Map.of("tracekit.logging.json", "true"));
    new JsonLoggingEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
    assertThat(environment.getProperty("logging.config")).isEqualTo("classpath:tracekit/logback-json.xml");
  }

  @Test
  void anExplicitLoggingConfigWinsAndJsonIsOffByDefault() {
    StandardEnvironment explicit =
        environment(Map.of("tracekit.logging.json", "true", "logging.config", "classpath:mine.xml"));
    new JsonLoggingEnvironmentPostProcessor().postProcessEnvironment(explicit, new SpringApplication());
    assertThat(explicit.getProperty("logging.config")).isEqualTo("classpath:mine.xml");

    StandardEnvironment byDefault = environment(Map.of());
    new JsonLoggingEnvironmentPostProcessor().postProcessEnvironment(byDefault, new SpringApplication());
    assertThat(byDefault.getProperty("logging.config")).isNull();
  }

  @Test
  void linesAreJsonWithOtelFieldNamesAndTraceIds(CapturedOutput output) {
    withJsonLogging(
        Map.of("spring.application.name", "json-test"),
        () -> {
          Span span = Span.wrap(TraceContext.create(0x0af7651916cd43ddL, 0x8448eb211c80319cL, 0xb7ad6b7169203331L, 1,
              TraceState.empty(), false));
          Scope scope = TraceMdc.makeCurrent(Context.root().with(span));
          try {
            LoggerFactory.getLogger("com.example.Json").warn("stock low", new IllegalStateException("only 2 left"));
          } finally {
            scope.close();
          }
        });
    JsonNode line = onlyLineContaining(output, "stock low");
    assertThat(line.get("body").asString()).isEqualTo("stock low");
    assertThat(line.get("severity_text").asString()).isEqualTo("WARN");
    assertThat(line.get("logger.name").asString()).isEqualTo("com.example.Json");
    assertThat(line.get("thread.name").asString()).isEqualTo(Thread.currentThread().getName());
    assertThat(line.get("timestamp").asString()).isNotEmpty();
    assertThat(line.get("exception.stacktrace").asString()).contains("IllegalStateException: only 2 left");
    assertThat(line.get("trace_id").asString()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
    assertThat(line.get("span_id").asString()).isEqualTo("b7ad6b7169203331");
    assertThat(line.get("trace_flags").asString()).isEqualTo("01");
    assertThat(line.get("service.name").asString()).isEqualTo("json-test");
  }

  @Test
  void tracekitServiceNameWinsAndUnknownServiceIsTheLastResort(CapturedOutput output) {
    withJsonLogging(
        Map.of("spring.application.name", "app", "tracekit.service-name", "svc"),
        () -> LoggerFactory.getLogger("com.example.Json").info("named by tracekit"));
    withJsonLogging(Map.of(), () -> LoggerFactory.getLogger("com.example.Json").info("named by nobody"));
    assertThat(onlyLineContaining(output, "named by tracekit").get("service.name").asString()).isEqualTo("svc");
    assertThat(onlyLineContaining(output, "named by nobody").get("service.name").asString()).isEqualTo("unknown_service");
  }

  @Test
  void lineBreaksInMessagesCannotForgeLogLines(CapturedOutput output) {
    withJsonLogging(
        Map.of(),
        () ->
            LoggerFactory.getLogger("com.example.Json")
                .info("user input\r\n{\"severity_text\":\"ERROR\",\"body\":\"forged\"}"));
    JsonNode line = onlyLineContaining(output, "user input");
    assertThat(line.get("body").asString()).isEqualTo("user input\r\n{\"severity_text\":\"ERROR\",\"body\":\"forged\"}");
    assertThat(output.getOut().lines().filter(l -> l.startsWith("{\"severity_text\":\"ERROR\""))).isEmpty();
  }

  private JsonNode onlyLineContaining(CapturedOutput output, String text) {
    List<String> lines = output.getOut().lines().filter(l -> l.contains(text)).toList();
    assertThat(lines).hasSize(1);
    return json.readTree(lines.get(0));
  }

  /** Configures Logback from tracekit/logback-json.xml as Spring Boot would, runs {@code body}, restores. */
  private static void withJsonLogging(Map<String, Object> properties, Runnable body) {
    LogbackLoggingSystem system = new LogbackLoggingSystem(JsonLoggingTests.class.getClassLoader());
    system.cleanUp();
    system.beforeInitialize();
    system.initialize(
        new LoggingInitializationContext(environment(properties)), "classpath:tracekit/logback-json.xml", null);
    try {
      body.run();
    } finally {
      system.cleanUp();
      ((ch.qos.logback.classic.LoggerContext) LoggerFactory.getILoggerFactory()).reset();
    }
  }

  private static StandardEnvironment environment(Map<String, Object> properties) {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
    return environment;
  }
}
