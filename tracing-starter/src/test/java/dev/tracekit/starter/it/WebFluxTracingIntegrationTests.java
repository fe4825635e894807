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

/** A WebFlux application on a random port, traced by the starter, exporting to a receiver. */
class WebFluxTracingIntegrationTests {

  private static final TelemetryReceiver receiver = new TelemetryReceiver();
  private static final HttpClient http = TestHttp.CLIENT;
  private static ConfigurableApplicationContext app;
  private static CapturedLogs logs;

  @BeforeAll
  static void start() {
    app =
        receiver
            .exportTo(
                new SpringApplicationBuilder(WebFluxApp.class)
                    .web(WebApplicationType.REACTIVE)
                    .properties(
                        "server.port=0",
                        "spring.application.name=flux",
                        "tracekit.http.server.trace-response-header=true",
                        // Boot's switch for restoring thread-locals around every Reactor operator.
                        "spring.reactor.context-propagation=auto",
                        // The /boom endpoint fails on purpose; keep its stack trace out of the test output.
                        "logging.level.org.springframework.web.HttpLogging=OFF"))
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
  void annotatedEndpointSpanIsNamedByRouteWithSemanticConventions() throws Exception {
    HttpResponse<String> response = get("/users/3?token=abc", Map.of());
    assertThat(response.statusCode()).isEqualTo(200);
    SpanData span = serverSpan("GET /users/{id}");
    assertThat(span.attributes().asMap())
        .containsEntry("http.request.method", "GET")
        .containsEntry("url.path", "/users/3")
        .containsEntry("url.query", "token=REDACTED")
        .containsEntry("url.scheme", "http")
        .containsEntry("http.route", "/users/{id}")
        .containsEntry("http.response.status_code", 200L)
        .containsEntry("server.address", "localhost")
        .containsEntry("server.port", (long) port())
        .containsEntry("client.address", "127.0.0.1")
        .containsKey("user_agent.original");
    assertThat(response.body()).endsWith(span.traceIdHex());
    assertThat(response.headers().firstValue("traceresponse")).hasValueSatisfying(v -> assertThat(v).contains(span.spanIdHex()));
  }

  @Test
  void functionalRouteSpanIsNamedByItsPattern() throws Exception {
    assertThat(get("/fn/ada", Map.of()).body()).isEqualTo("hello ada");
    SpanData span = serverSpan("GET /fn/{name}");
    assertThat(span.attributes().getString("http.route")).isEqualTo("/fn/{name}");
  }

  @Test
  void withAutomaticContextPropagationLogsOnElasticAndParallelThreadsCarryTheServerSpanIds() throws Exception {
    String body = get("/users/77", Map.of()).body();
    SpanData span = serverSpan("GET /users/{id}");
    assertThat(body).endsWith(span.traceIdHex());
    for (String line : List.of("flux user #77# on elastic", "flux user #77# on parallel")) {
      List<ILoggingEvent> events = logs.containing(line);
      assertThat(events).as(line).hasSize(1);
      assertThat(events.get(0).getMDCPropertyMap())
          .containsEntry("trace_id", span.traceIdHex())
          .containsEntry("span_id", span.spanIdHex());
    }
    assertThat(logs.containing("flux user #77# on elastic").get(0).getThreadName()).startsWith("boundedElastic-");
    assertThat(logs.containing("flux user #77# on parallel").get(0).getThreadName()).startsWith("parallel-");
  }

  @Test
  void errorsAreErrorSpansAndResponseStatusExceptionsKeepTheirStatus() throws Exception {
    assertThat(get("/boom", Map.of()).statusCode()).isEqualTo(500);
    SpanData boom = serverSpan("GET /boom");
    assertThat(boom.statusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(boom.attributes().get("http.response.status_code")).isEqualTo(500L);
    assertThat(boom.events()).extracting(EventData::name).containsExactly("exception");

    assertThat(get("/missing", Map.of()).statusCode()).isEqualTo(404);
    SpanData missing = serverSpan("GET /missing");
    assertThat(missing.statusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(missing.attributes().get("http.response.status_code")).isEqualTo(404L);
  }

  @Test
  void malformedTraceparentStartsANewTraceAndAValidOneIsContinued() throws Exception {
    get("/fn/a", Map.of("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-zz"));
    SpanData fresh = serverSpan("GET /fn/{name}");
    assertThat(fresh.parentSpanId()).isZero();
    assertThat(fresh.traceIdHex()).isNotEqualTo("0af7651916cd43dd8448eb211c80319c");
    receiver.clear();
    get("/fn/b", Map.of("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
    SpanData continued = serverSpan("GET /fn/{name}");
    assertThat(continued.traceIdHex()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
    assertThat(continued.parentSpanIdHex()).isEqualTo("b7ad6b7169203331");
  }

  @Test
  void webClientRetriesAreClientSpansNumberedByResendCount() throws Exception {
    assertThat(get("/call/retrying/r1", Map.of()).body()).isEqualTo("ok after 2");
    SpanData outer = serverSpan("GET /call/retrying/{key}");
    List<SpanData> trace = receiver.awaitTrace(outer.traceIdHex(), 5);
    List<SpanData> clients = trace.stream().filter(s -> s.kind() == SpanKind.CLIENT).toList();
    assertThat(clients).hasSize(2).allMatch(c -> c.parentSpanId() == outer.context().spanId());
    assertThat(clients).allMatch(c -> c.name().equals("GET /flaky/{key}"));
    SpanData first = clients.stream().filter(c -> c.attributes().get("http.request.resend_count") == null).findFirst().orElseThrow();
    SpanData retry = clients.stream().filter(c -> c.attributes().get("http.request.resend_count") != null).findFirst().orElseThrow();
    assertThat(first.attributes().get("http.response.status_code")).isEqualTo(503L);
    assertThat(first.statusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(retry.attributes().get("http.request.resend_count")).isEqualTo(1L);
    assertThat(retry.attributes().get("http.response.status_code")).isEqualTo(200L);
    List<SpanData> flakyServers = trace.stream().filter(s -> s.kind() == SpanKind.SERVER && s.name().equals("GET /flaky/{key}")).toList();
    assertThat(flakyServers).hasSize(2);
    assertThat(flakyServers).extracting(SpanData::parentSpanId)
        .containsExactlyInAnyOrder(first.context().spanId(), retry.context().spanId());
  }

  @Test
  void excludedActuatorPathsAreNotTraced() throws Exception {
    get("/actuator/health", Map.of());
    get("/fn/after", Map.of());
    serverSpan("GET /fn/{name}");
    assertThat(receiver.spans()).extracting(SpanData::name).noneMatch(n -> n.contains("actuator"));
  }
}
