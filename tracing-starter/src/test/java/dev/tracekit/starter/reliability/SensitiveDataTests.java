package dev.tracekit.starter.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.core.LogRecordData;
import dev.tracekit.core.SpanData;
import dev.tracekit.core.SpanKind;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real request carrying credentials (Authorization, Cookie, a token in the query and in a
 * path parameter) through a real application that answers with Set-Cookie and makes a client
 * call with credentials of its own: nothing of them reaches the OTLP receiver — searched in the
 * exact bytes that arrived — while the redacted URLs do arrive.
 */
class SensitiveDataTests {

  @Test
  void credentialsInHeadersCookiesQueriesAndPathParametersNeverReachTheReceiver() throws Exception {
    try (OtlpHttpReceiver receiver = new OtlpHttpReceiver();
        ConfigurableApplicationContext app = new SpringApplicationBuilder(SecretsApp.class)
            .web(WebApplicationType.SERVLET)
            .run("--server.port=0", "--spring.application.name=secrets-app",
                "--tracekit.exporter.endpoint=" + receiver.endpoint(),
                "--tracekit.exporter.schedule-delay=50ms",
                "--tracekit.logging.include-mdc=true")) {
      String port = app.getEnvironment().getRequiredProperty("local.server.port");
      HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
              "http://127.0.0.1:" + port + "/items/42;token=SECRET-PATH-4?access_token=SECRET-QUERY-3&page=2"))
          .header("Authorization", "Bearer SECRET-AUTH-1")
          .header("Cookie", "SESSION=SECRET-COOKIE-2; theme=dark")
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Set-Cookie")).hasValueSatisfying(v -> assertThat(v).contains("SECRET"));

      List<SpanData> spans = receiver.awaitSpans(all -> all.stream()
          .filter(s -> s.kind() == SpanKind.SERVER && "GET /items/{id}".equals(s.name())).count() == 1
          && all.stream().anyMatch(s -> s.kind() == SpanKind.CLIENT));
      List<LogRecordData> logs = receiver.awaitLogs(all -> all.stream().anyMatch(l -> l.body().contains("handling item")));
      app.close(); // flushes whatever else is queued

      // What arrived shows the request, with the secrets' places redacted.
      SpanData server = spans.stream().filter(s -> "GET /items/{id}".equals(s.name())).findFirst().orElseThrow();
      assertThat(server.attributes().get("url.query")).isEqualTo("access_token=REDACTED&page=2");
      assertThat(server.attributes().get("url.path")).isEqualTo("/items/42;token=REDACTED");
      SpanData client = spans.stream().filter(s -> s.kind() == SpanKind.CLIENT).findFirst().orElseThrow();
      assertThat((String) client.attributes().get("url.full"))
          .endsWith("/echo;jsessionid=REDACTED?api_key=REDACTED&x=1");
      assertThat(logs).anyMatch(l -> l.body().equals("handling item 42"));

      // And not one byte of any secret, nor the header names' values, anywhere in what arrived.
      assertThat(receiver.bodies()).isNotEmpty();
      for (byte[] body : receiver.bodies()) {
        String text = new String(body, StandardCharsets.ISO_8859_1);
        assertThat(text).doesNotContain("SECRET-");
      }
      for (SpanData span : receiver.spans()) {
        assertThat(span.attributes().asMap().keySet())
            .noneMatch(k -> k.toLowerCase().contains("authorization") || k.toLowerCase().contains("cookie"));
      }
    }
  }
}
