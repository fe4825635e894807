package dev.tracekit.starter.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.tracekit.core.EventData;
import dev.tracekit.core.SpanData;
import dev.tracekit.core.SpanKind;
import dev.tracekit.core.StatusCode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** A Spring MVC application on a random port, traced by the starter, exporting to a receiver. */
class MvcTracingIntegrationTests {

  private static final TelemetryReceiver receiver = new TelemetryReceiver();
  private static final HttpClient http = TestHttp.CLIENT;
  private static ConfigurableApplicationContext app;
  private static CapturedLogs logs;

  @BeforeAll
  static void start() {
    app =
        receiver
            .exportTo(
                new SpringApplicationBuilder(MvcApp.class)
                    .web(WebApplicationType.SERVLET)
                    .properties(
                        "server.port=0",
                        "spring.application.name=mvc",
                        "tracekit.http.server.excluded-paths=/actuator/**,/untraced",
                        "tracekit.http.server.trace-response-header=true",
                        "management.endpoints.web.exposure.include=health,metrics",
                        "management.endpoint.health.show-components=always",
                        "management.endpoint.health.show-details=always"))
            .run();
    logs = CapturedLogs.attach();
  }

  @AfterAll
  static void stop() {
    logs.close();
    app.close();
    receiver.close();
  }

  @BeforeEach
  void clear() {
    receiver.clear();
  }

  private static int port() {
    return ((WebServerApplicationContext) app).getWebServer().getPort();
  }

  private static HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request = TestHttp.request("http://localhost:" + port() + path);
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static SpanData serverSpan(String name) {
    List<SpanData> spans =
        receiver.awaitSpans(all -> all.stream().anyMatch(s -> s.kind() == SpanKind.SERVER && s.name().equals(name)));
    return spans.stream().filter(s -> s.kind() == SpanKind.SERVER && s.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void serverSpanIsNamedByRouteAndCarriesHttpSemanticConventions() throws Exception {
    HttpResponse<String> response = get("/users/5", Map.of());
    assertThat(response.statusCode()).isEqualTo(200);
    SpanData span = serverSpan("GET /users/{id}");
    assertThat(span.attributes().asMap())
        .containsEntry("http.request.method", "GET")
        .containsEntry("url.path", "/users/5")
        .containsEntry("url.scheme", "http")
        .containsEntry("http.route", "/users/{id}")
        .containsEntry("http.response.status_code", 200L)
        .containsEntry("server.address", "localhost")
        .containsEntry("server.port", (long) port())
        .containsEntry("client.address", "127.0.0.1")
        .containsKey("user_agent.original");
    assertThat(span.statusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(span.resource().serviceName()).isEqualTo("mvc");
    assertThat(response.headers().firstValue("traceresponse"))
        .hasValue("00-" + span.traceIdHex() + "-" + span.spanIdHex() + "-" + String.format("%02x", span.context().flags()));
  }

  @Test
  void incomingTraceparentIsContinued() throws Exception {
    get("/users/6", Map.of("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
    SpanData span = serverSpan("GET /users/{id}");
    assertThat(span.traceIdHex()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
    assertThat(span.parentSpanIdHex()).isEqualTo("b7ad6b7169203331");
  }

  @Test
  void malformedTraceparentStartsANewTrace() throws Exception {
    HttpResponse<String> response =
        get("/users/7", Map.of("traceparent", "00-0af7651916cd43dd8448eb211c80319c-zzzz6b7169203331-01"));
    assertThat(response.statusCode()).isEqualTo(200);
    SpanData span = serverSpan("GET /users/{id}");
    assertThat(span.traceIdHex()).isNotEqualTo("0af7651916cd43dd8448eb211c80319c");
    assertThat(span.parentSpanId()).isZero();
  }

  @Test
  void uncaughtExceptionMakesAnErrorSpanWithTheExceptionRecorded() throws Exception {
    assertThat(get("/boom", Map.of()).statusCode()).isEqualTo(500);
    SpanData span = serverSpan("GET /boom");
    assertThat(span.statusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.attributes().get("http.response.status_code")).isEqualTo(500L);
    assertThat(span.events()).extracting(EventData::name).contains("exception");
    assertThat(span.events().get(0).attributes().getString("exception.message")).isEqualTo("kaput");
  }

  @Test
  void exceptionHandledInto5xxIsAnErrorWithTheException() throws Exception {
    assertThat(get("/unavailable", Map.of()).statusCode()).isEqualTo(503);
    SpanData span = serverSpan("GET /unavailable");
    assertThat(span.statusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.attributes().get("http.response.status_code")).isEqualTo(503L);
    assertThat(span.events()).extracting(e -> e.attributes().getString("exception.message")).contains("database down");
  }

  @Test
  void clientErrorsAreNotServerErrors() throws Exception {
    assertThat(get("/search", Map.of()).statusCode()).isEqualTo(400);
    SpanData span = serverSpan("GET /search");
    assertThat(span.statusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(span.attributes().get("http.response.status_code")).isEqualTo(400L);
  }

  @Test
  void asyncRequestSpanEndsWhenTheAsyncWorkCompletes() throws Exception {
    assertThat(get("/deferred/d1", Map.of()).body()).isEqualTo("deferred d1");
    SpanData span = serverSpan("GET /deferred/{id}");
    Instant done = MvcApp.deferredDone.get("d1");
    long doneNanos = done.getEpochSecond() * 1_000_000_000L + done.getNano();
    assertThat(span.endEpochNanos()).isGreaterThanOrEqualTo(doneNanos);
    assertThat(span.attributes().get("http.response.status_code")).isEqualTo(200L);
  }

  @Test
  void secretQueryParametersAreRedacted() throws Exception {
    get("/search?q=boots&access_token=s3cr3t&password=hunter2", Map.of());
    SpanData span = serverSpan("GET /search");
    assertThat(span.attributes().getString("url.query")).isEqualTo("q=boots&access_token=REDACTED&password=REDACTED");
    assertThat(span.attributes().asMap().values().toString()).doesNotContain("s3cr3t", "hunter2");
  }

  @Test
  void excludedPathsAreNotTraced() throws Exception {
    get("/untraced", Map.of());
    get("/actuator/health", Map.of());
    get("/users/9", Map.of());
    serverSpan("GET /users/{id}");
    assertThat(receiver.spans()).extracting(SpanData::name).noneMatch(n -> n.contains("untraced") || n.contains("actuator"));
    assertThat(logs.containing("untraced request")).isNotEmpty();
  }

  @Test
  void theMdcIsCleanOnTheRequestThreadAfterATracedRequest() throws Exception {
    // A second application with a single request thread: both requests run on that thread.
    try (ConfigurableApplicationContext single =
        receiver
            .exportTo(
                new SpringApplicationBuilder(MvcApp.class)
                    .web(WebApplicationType.SERVLET)
                    .properties(
                        "server.port=0",
                        "spring.application.name=mvc-single-thread",
                        "server.tomcat.threads.max=1",
                        "tracekit.logging.ship=false",
                        "tracekit.http.server.excluded-paths=/untraced"))
            .run()) {
      int singlePort = ((WebServerApplicationContext) single).getWebServer().getPort();
      http.send(TestHttp.request("http://localhost:" + singlePort + "/users/808").build(),
          HttpResponse.BodyHandlers.ofString());
      http.send(TestHttp.request("http://localhost:" + singlePort + "/untraced").build(),
          HttpResponse.BodyHandlers.ofString());
      ILoggingEvent traced = logs.containing("serving user #808#").get(0);
      List<ILoggingEvent> untraced = logs.containing("untraced request");
      ILoggingEvent after = untraced.get(untraced.size() - 1);
      assertThat(traced.getMDCPropertyMap()).containsKeys("trace_id", "span_id");
      assertThat(after.getThreadName()).isEqualTo(traced.getThreadName());
      assertThat(after.getMDCPropertyMap()).doesNotContainKeys("trace_id", "span_id", "trace_flags");
    }
  }

  @Test
  void restClientAndRestTemplateCallsAreClientSpansParentingTheCalledServerSpan() throws Exception {
    String body = get("/call/rest-client", Map.of()).body();
    String traceId = body.substring(body.lastIndexOf(' ') + 1);
    List<SpanData> trace = receiver.awaitTrace(traceId, 3);
    SpanData outer = one(trace, SpanKind.SERVER, "GET /call/rest-client");
    SpanData client = one(trace, SpanKind.CLIENT, "GET /users/{id}");
    SpanData inner = one(trace, SpanKind.SERVER, "GET /users/{id}");
    assertThat(client.parentSpanId()).isEqualTo(outer.context().spanId());
    assertThat(inner.parentSpanId()).isEqualTo(client.context().spanId());
    assertThat(client.attributes().asMap())
        .containsEntry("http.request.method", "GET")
        .containsEntry("url.full", "http://localhost:" + port() + "/users/42")
        .containsEntry("server.address", "localhost")
        .containsEntry("server.port", (long) port())
        .containsEntry("http.response.status_code", 200L)
        .containsEntry("url.template", "/users/{id}");

    String viaTemplate = get("/call/rest-template", Map.of()).body();
    String templateTrace = viaTemplate.substring(viaTemplate.lastIndexOf(' ') + 1);
    List<SpanData> second = receiver.awaitTrace(templateTrace, 3);
    SpanData templateClient = second.stream().filter(s -> s.kind() == SpanKind.CLIENT).findFirst().orElseThrow();
    assertThat(one(second, SpanKind.SERVER, "GET /users/{id}").parentSpanId()).isEqualTo(templateClient.context().spanId());
    assertThat(templateClient.attributes().getString("url.full")).endsWith("/users/43");
  }

  @Test
  void eachRetryIsAClientSpanNumberedByResendCount() throws Exception {
    assertThat(get("/call/retrying/k1", Map.of()).body()).isEqualTo("ok after 2");
    SpanData outer = serverSpan("GET /call/retrying/{key}");
    List<SpanData> trace = receiver.awaitTrace(outer.traceIdHex(), 5);
    List<SpanData> clients = trace.stream().filter(s -> s.kind() == SpanKind.CLIENT).toList();
    assertThat(clients).hasSize(2);
    SpanData first = clients.stream().filter(s -> s.attributes().get("http.request.resend_count") == null).findFirst().orElseThrow();
    SpanData retry = clients.stream().filter(s -> s.attributes().get("http.request.resend_count") != null).findFirst().orElseThrow();
    assertThat(first.attributes().get("http.response.status_code")).isEqualTo(503L);
    assertThat(first.statusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(retry.attributes().get("http.request.resend_count")).isEqualTo(1L);
    assertThat(retry.attributes().get("http.response.status_code")).isEqualTo(200L);
    assertThat(clients).allMatch(c -> c.parentSpanId() == outer.context().spanId());
  }

  @Test
  void exporterHealthAndMetricsAreOnTheActuator() throws Exception {
    get("/users/10", Map.of());
    serverSpan("GET /users/{id}");
    HttpResponse<String> health = get("/actuator/health/tracekitExporter", Map.of());
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"status\":\"UP\"").contains("spansExported");
    HttpResponse<String> started = get("/actuator/metrics/tracekit.spans.started", Map.of());
    assertThat(started.statusCode()).isEqualTo(200);
    assertThat(started.body()).contains("\"name\":\"tracekit.spans.started\"");
  }

  private static SpanData one(List<SpanData> spans, SpanKind kind, String name) {
    List<SpanData> found = spans.stream().filter(s -> s.kind() == kind && s.name().equals(name)).toList();
    assertThat(found).as("%s %s in %s", kind, name, spans).hasSize(1);
    return found.get(0);
  }
}
