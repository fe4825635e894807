package dev.tracekit.starter.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.core.SpanData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Baggage values and span names with CR/LF and NUL, set by application code from user input,
 * cannot split or forge headers on the outgoing call (W3C baggage percent-encodes them; a remote
 * field that cannot be sent safely is left out), the call itself succeeds, and the span name
 * arrives at the receiver exactly as given.
 */
class HeaderInjectionTests {

  @Test
  void controlCharactersInBaggageAndSpanNamesCannotBreakOrForgeHeaders() throws Exception {
    try (OtlpHttpReceiver receiver = new OtlpHttpReceiver();
        ConfigurableApplicationContext app = new SpringApplicationBuilder(InjectionApp.class)
            .web(WebApplicationType.SERVLET)
            .run("--server.port=0", "--spring.application.name=injection-app",
                "--tracekit.exporter.endpoint=" + receiver.endpoint(),
                "--tracekit.exporter.schedule-delay=50ms",
                "--tracekit.propagation.type=W3C,B3",
                "--tracekit.baggage.remote-fields=tenant")) {
      String port = app.getEnvironment().getRequiredProperty("local.server.port");
      HttpResponse<String> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/start")).build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode received = JsonMapper.builder().build().readTree(response.body());
      assertThat(received.has("x-injected")).isFalse();
      assertThat(received.has("x-other")).isFalse();
      assertThat(received.has("traceparent")).isTrue();
      received.properties().forEach(header ->
          assertThat(header.getValue().asString().chars().noneMatch(c -> c < 0x20 && c != '\t'))
              .as(header.getKey()).isTrue());
      // The unsafe remote field is not sent as its own header; W3C baggage carries it encoded.
      assertThat(received.has("tenant")).isFalse();
      assertThat(received.get("baggage").asString()).contains("tenant=").doesNotContain("\r", "\n");

      List<SpanData> spans = receiver.awaitSpans(all -> all.stream().anyMatch(s -> s.name().startsWith("load ")));
      assertThat(spans).anyMatch(s -> s.name().equals("load " + InjectionApp.EVIL));
    }
  }
}
