package dev.tracekit.collector.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.collector.CollectorClient;
import dev.tracekit.collector.TestSpans;
import dev.tracekit.core.otlp.OtlpTraceCodec;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The query API, UI and actuator behind a bearer token and basic auth; one allowed CORS origin. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "tracekit.collector.query-token=read-token-42",
    "tracekit.collector.query-basic-auth.username=ops",
    "tracekit.collector.query-basic-auth.password=hunter2-but-longer",
    "tracekit.collector.cors.allowed-origins=http://ui.example",
})
class QueryAccessTest {

  private static final String BEARER = "Bearer read-token-42";
  private static final String BASIC = basic("ops", "hunter2-but-longer");

  @LocalServerPort
  int port;

  private String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void queryApiWithoutCredentialsGets401WithABasicChallengeAndNoDetail() {
    HttpResponse<String> response = Http.send("GET", url("/api/services"));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).isEmpty();
    assertThat(response.headers().allValues("WWW-Authenticate"))
        .anyMatch(v -> v.startsWith("Basic realm=\"tracekit\""))
        .anyMatch(v -> v.startsWith("Bearer"));
  }

  @Test
  void wrongCredentialsGet401WithNoDetail() {
    for (String wrong : List.of("Bearer read-token-4", "Bearer read-token-42x", "Bearer ", "Bearer",
        basic("ops", "hunter2"), basic("opz", "hunter2-but-longer"), basic("ops", ""), "Basic !!!not-base64",
        "Basic " + Base64.getEncoder().encodeToString("ops".getBytes(StandardCharsets.UTF_8)),
        "Digest username=\"ops\"", "read-token-42")) {
      HttpResponse<String> response = Http.send("GET", url("/api/traces?limit=1"), "Authorization", wrong);
      assertThat(response.statusCode()).as(wrong).isEqualTo(401);
      assertThat(response.body()).as(wrong).isEmpty();
    }
  }

  @Test
  void theQueryTokenOrTheBasicCredentialsOpenTheQueryApi() {
    assertThat(Http.send("GET", url("/api/services"), "Authorization", BEARER).statusCode()).isEqualTo(200);
    assertThat(Http.send("GET", url("/api/services"), "Authorization", "bearer read-token-42").statusCode())
        .isEqualTo(200);
    assertThat(Http.send("GET", url("/api/services"), "Authorization", BASIC).statusCode()).isEqualTo(200);
  }

  @Test
  void theUiNeedsCredentialsToo() {
    assertThat(Http.send("GET", url("/")).statusCode()).isEqualTo(401);
    assertThat(Http.send("GET", url("/index.html")).statusCode()).isEqualTo(401);
    assertThat(Http.send("GET", url("/"), "Authorization", BASIC).statusCode()).isNotEqualTo(401);
  }

  @Test
  void healthStaysOpenWhileOtherActuatorEndpointsNeedCredentials() {
    assertThat(Http.send("GET", url("/actuator/health")).statusCode()).isEqualTo(200);
    assertThat(Http.send("GET", url("/actuator/prometheus")).statusCode()).isEqualTo(401);
    assertThat(Http.send("GET", url("/actuator/metrics")).statusCode()).isEqualTo(401);
    assertThat(Http.send("GET", url("/actuator/prometheus"), "Authorization", BEARER).statusCode()).isEqualTo(200);
    assertThat(Http.send("GET", url("/actuator/prometheus"), "Authorization", BEARER).body())
        .contains("tracekit_collector_query_rejected_total{reason=\"unauthorized\"}");
  }

  @Test
  void ingestDoesNotNeedTheQueryCredential() {
    HttpResponse<byte[]> response = new CollectorClient(port).post("/v1/traces", "application/x-protobuf",
        OtlpTraceCodec.encode(List.of(TestSpans.root(4242, "open-ingest", "GET /", 0, 10))));

    assertThat(response.statusCode()).isEqualTo(200);
  }

  @Test
  void anAllowedOriginGetsCorsHeadersAndItsPreflightNeedsNoCredentials() {
    HttpResponse<String> preflight = Http.send("OPTIONS", url("/api/services"), "Origin", "http://ui.example",
        "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "authorization");
    assertThat(preflight.statusCode()).isEqualTo(200);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://ui.example");

    HttpResponse<String> read = Http.send("GET", url("/api/services"), "Origin", "http://ui.example",
        "Authorization", BEARER);
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://ui.example");
  }

  @Test
  void anotherOriginGetsNoCorsHeaders() {
    HttpResponse<String> preflight = Http.send("OPTIONS", url("/api/services"), "Origin", "http://evil.example",
        "Access-Control-Request-Method", "GET");
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

    HttpResponse<String> read = Http.send("GET", url("/api/services"), "Origin", "http://evil.example",
        "Authorization", BEARER);
    assertThat(read.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }
}
