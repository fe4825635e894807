package dev.tracekit.starter.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.tracekit.core.SpanData;
import dev.tracekit.core.SpanKind;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Three applications in one JVM on random ports: front (MVC) → RestClient → middle (WebFlux) →
 * WebClient → back (MVC), all traced by the starter alone.
 */
class ChainedServicesIntegrationTests {

  private static final Pattern SEEN =
      Pattern.compile("front=(\\w+) async=(\\w+) middle=(\\w+) back=(\\w+) tenant=(\\S+)");

  private static final TelemetryReceiver receiver = new TelemetryReceiver();
  private static final HttpClient http = TestHttp.CLIENT;
  private static ConfigurableApplicationContext front;
  private static ConfigurableApplicationContext middle;
  private static ConfigurableApplicationContext back;
  private static CapturedLogs logs;

  @BeforeAll
  static void startApplications() {
    back = start(ChainApps.Back.class, WebApplicationType.SERVLET, "back", "tracekit.logging.ship=false");
    middle =
        start(
            ChainApps.Middle.class,
            WebApplicationType.REACTIVE,
            "middle",
            "back.url=http://localhost:" + port(back),
            // Its handler reads the current span and logs inside operators on other threads.
            "spring.reactor.context-propagation=auto",
            "tracekit.logging.ship=false");
    front =
        start(ChainApps.Front.class, WebApplicationType.SERVLET, "front", "middle.url=http://localhost:" + port(middle));
    logs = CapturedLogs.attach();
  }

  @AfterAll
  static void stopApplications() {
    logs.close();
    front.close();
    middle.close();
    back.close();
    receiver.close();
  }

  @BeforeEach
  void clear() {
    receiver.clear();
  }

  private static ConfigurableApplicationContext start(
      Class<?> app, WebApplicationType type, String name, String... properties) {
    SpringApplicationBuilder builder =
        new SpringApplicationBuilder(app)
            .web(type)
            .properties("server.port=0", "spring.application.name=" + name, "tracekit.baggage.correlation-fields=tenant")
            .properties(properties);
    return receiver.exportTo(builder).run();
  }

  private static int port(ConfigurableApplicationContext context) {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  private static HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request = TestHttp.request("http://localhost:" + port(front) + path);
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Matcher seen(HttpResponse<String> response) {
    assertThat(response.statusCode()).isEqualTo(200);
    Matcher matcher = SEEN.matcher(response.body());
    assertThat(matcher.find()).as(response.body()).isTrue();
    return matcher;
  }

  private static SpanData only(List<SpanData> spans, String service, SpanKind kind) {
    List<SpanData> found =
        spans.stream().filter(s -> s.serviceName().equals(service) && s.kind() == kind).toList();
    assertThat(found).as("%s %s spans in %s", service, kind, spans).hasSize(1);
    return found.get(0);
  }

  @Test
  void oneTraceCrossesAllThreeApplicationsWithCorrectParents() throws Exception {
    Matcher seen = seen(get("/orders/7", Map.of("baggage", "tenant=acme")));
    String traceId = seen.group(1);
    assertThat(List.of(seen.group(2), seen.group(3), seen.group(4))).containsOnly(traceId);
    assertThat(seen.group(5)).isEqualTo("acme");

    List<SpanData> trace = receiver.awaitTrace(traceId, 5);
    assertThat(trace).hasSize(5);
    SpanData frontServer = only(trace, "front", SpanKind.SERVER);
    SpanData frontClient = only(trace, "front", SpanKind.CLIENT);
    SpanData middleServer = only(trace, "middle", SpanKind.SERVER);
    SpanData middleClient = only(trace, "middle", SpanKind.CLIENT);
    SpanData backServer = only(trace, "back", SpanKind.SERVER);

    assertThat(frontServer.parentSpanId()).isZero();
    assertThat(frontClient.parentSpanId()).isEqualTo(frontServer.context().spanId());
    assertThat(middleServer.parentSpanId()).isEqualTo(frontClient.context().spanId());
    assertThat(middleClient.parentSpanId()).isEqualTo(middleServer.context().spanId());
    assertThat(backServer.parentSpanId()).isEqualTo(middleClient.context().spanId());

    assertThat(frontServer.name()).isEqualTo("GET /orders/{id}");
    assertThat(frontClient.name()).isEqualTo("GET /items/{id}");
    assertThat(middleServer.name()).isEqualTo("GET /items/{id}");
    assertThat(middleClient.name()).isEqualTo("GET /stock/{id}");
    assertThat(backServer.name()).isEqualTo("GET /stock/{id}");
    assertThat(frontClient.attributes().get("http.response.status_code")).isEqualTo(200L);
    assertThat(middleClient.attributes().getString("url.full")).endsWith("/stock/7");
    // Everything went over OTLP/HTTP, LZ4-compressed by default, and decoded cleanly.
    assertThat(receiver.encodings()).contains("lz4");
    assertThat(receiver.rejected()).isZero();
  }

  @Test
  void logLinesOfAllApplicationsCarryTheIdsOnEveryThread() throws Exception {
    String traceId = seen(get("/orders/11", Map.of("baggage", "tenant=globex"))).group(1);
    List<SpanData> trace = receiver.awaitTrace(traceId, 5);

    assertIds(logs.containing("front handling order #11#"), traceId, only(trace, "front", SpanKind.SERVER));
    assertIds(logs.containing("async work for order #11#"), traceId, only(trace, "front", SpanKind.SERVER));
    assertIds(logs.containing("middle received item #11#"), traceId, only(trace, "middle", SpanKind.SERVER));
    List<ILoggingEvent> parallel = logs.containing("middle on parallel thread for item #11#");
    assertIds(parallel, traceId, only(trace, "middle", SpanKind.SERVER));
    assertThat(parallel.get(0).getThreadName()).startsWith("parallel-");
    assertIds(logs.containing("back checking stock #11#"), traceId, only(trace, "back", SpanKind.SERVER));
    assertThat(logs.containing("back checking stock #11#").get(0).getMDCPropertyMap()).containsEntry("tenant", "globex");
    assertThat(logs.containing("async work for order #11#").get(0).getThreadName()).doesNotStartWith("http-nio");
  }

  private static void assertIds(List<ILoggingEvent> events, String traceId, SpanData span) {
    assertThat(events).hasSize(1);
    Map<String, String> mdc = events.get(0).getMDCPropertyMap();
    assertThat(mdc).containsEntry("trace_id", traceId).containsEntry("span_id", span.spanIdHex())
        .containsEntry("trace_flags", String.format("%02x", span.context().flags()));
  }

  @Test
  void fiftyConcurrentRequestsNeverMixContexts() throws Exception {
    List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
    for (int i = 100; i < 150; i++) {
      HttpRequest request =
          TestHttp.request("http://localhost:" + port(front) + "/orders/" + i)
              .header("baggage", "tenant=t" + i)
              .build();
      responses.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
    }
    List<String> traceIds = new ArrayList<>();
    for (int i = 100; i < 150; i++) {
      Matcher seen = seen(responses.get(i - 100).get());
      String traceId = seen.group(1);
      assertThat(List.of(seen.group(2), seen.group(3), seen.group(4))).containsOnly(traceId);
      assertThat(seen.group(5)).isEqualTo("t" + i);
      for (String line :
          List.of("front handling order #" + i + "#", "async work for order #" + i + "#", "middle received item #" + i + "#",
              "middle on parallel thread for item #" + i + "#", "back checking stock #" + i + "#")) {
        List<ILoggingEvent> events = logs.containing(line);
        assertThat(events).as(line).hasSize(1);
        assertThat(events.get(0).getMDCPropertyMap()).as(line).containsEntry("trace_id", traceId);
      }
      traceIds.add(traceId);
    }
    assertThat(traceIds).doesNotHaveDuplicates();
    List<SpanData> all = receiver.awaitSpans(spans -> spans.size() >= 250);
    for (String traceId : traceIds) {
      List<SpanData> trace = all.stream().filter(s -> s.traceIdHex().equals(traceId)).toList();
      assertThat(trace).hasSize(5);
      assertThat(trace.stream().filter(s -> s.kind() == SpanKind.SERVER)).hasSize(3);
      assertThat(trace.stream().filter(s -> s.kind() == SpanKind.CLIENT)).hasSize(2);
    }
  }

  @Test
  void logsAreShippedWithTheirTraceIds() throws Exception {
    String traceId = seen(get("/orders/21", Map.of())).group(1);
    receiver.awaitLogs(
        all -> all.stream().anyMatch(l -> l.body().equals("back checking stock #21#") && traceId.equals(l.traceIdHex())));
  }
}
