package dev.tracekit.it;

import static dev.tracekit.it.Services.AUTH;
import static dev.tracekit.it.Services.DATA;
import static dev.tracekit.it.Services.GATEWAY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.testcontainers.CollectedSpan;
import dev.tracekit.testcontainers.CollectedTrace;
import dev.tracekit.testcontainers.CollectorClient;
import dev.tracekit.testcontainers.TraceSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.DockerComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * docker-compose.yml as a user runs it (the local docker-compose binary, images built from the
 * Dockerfiles on the local base images): a traced request through the published gateway port
 * reaches the collector's published port, stored in PostgreSQL, and the traffic generator's
 * requests arrive there too. The compose file publishes on 127.0.0.1; the ports are free ones
 * chosen here (GATEWAY_PORT, COLLECTOR_PORT), so a demo already running on 8080/9411 is left alone.
 * The collector's tokens come from the project's .env, made as a user makes it
 * ({@code scripts/compose-env}): the services send the ingest token, and the test reads with the
 * query token.
 */
@DockerTests
class ComposeStackIT {

  private static final Duration STARTUP = Duration.ofMinutes(6);

  private static ImageTags images;
  private static DockerComposeContainer<?> compose;
  private static int gatewayPort;
  private static int collectorPort;
  private static ComposeEnv env;

  @BeforeAll
  static void start() {
    env = ComposeEnv.prepare();
    gatewayPort = freePort();
    collectorPort = freePort();
    // compose builds and tags these; whatever they were before is put back in stop().
    images = ImageTags.remember(List.of("tracekit/collector:local", "tracekit/auth-service:local",
        "tracekit/data-service:local", "tracekit/gateway-service:local"));
    compose = new DockerComposeContainer<>("tracekit-it", Project.root().resolve("docker-compose.yml").toFile())
        .withBuild(true)
        // No registry here: every image is built or local.
        .withPull(false)
        .withEnv("BASE_IMAGE", Project.baseImage())
        .withEnv("POSTGRES_IMAGE", Project.postgresImage())
        .withEnv("GATEWAY_PORT", String.valueOf(gatewayPort))
        .withEnv("COLLECTOR_PORT", String.valueOf(collectorPort))
        .waitingFor("gateway", Wait.forHealthcheck().withStartupTimeout(STARTUP))
        .waitingFor("collector", Wait.forHealthcheck().withStartupTimeout(STARTUP))
        .withStartupTimeout(STARTUP);
    compose.start();
  }

  @AfterAll
  static void stop() {
    if (compose != null) {
      compose.stop();
    }
    if (images != null) {
      images.restore();
    }
  }

  @Test
  void aTracedRequestThroughThePublishedGatewayReachesThePublishedCollector() {
    GatewayClient gateway = new GatewayClient(URI.create("http://127.0.0.1:" + gatewayPort));
    CollectorClient collector = collector();

    GatewayClient.Answer answer = gateway.get("/api/orders/1", null);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);

    CollectedTrace trace = collector.awaitTrace(answer.traceId(), t -> FullStackScenarios.servers(t, 1, 1, 3),
        FullStackScenarios.PATIENCE);
    assertThat(trace.services()).containsExactlyInAnyOrder(GATEWAY, AUTH, DATA);
    assertThat(trace.roots()).singleElement().extracting(CollectedSpan::spanId).isEqualTo(answer.serverSpanId());
    FullStackScenarios.assertEveryParentIsInTheTrace(trace);
    assertThat(FullStackScenarios.queries(trace)).as("data-service's queries against PostgreSQL").isNotEmpty()
        .allSatisfy(query -> assertThat(query.attribute("db.system")).isEqualTo("postgresql"));
  }

  @Test
  void theTrafficGeneratorsRequestsReachTheCollector() {
    CollectorClient collector = collector();

    List<TraceSummary> traces = FullStackScenarios.poll(() -> collector.findTraces(GATEWAY), found -> found.size() >= 3,
        FullStackScenarios.PATIENCE);

    assertThat(traces).anySatisfy(t -> assertThat(t.services()).containsExactlyInAnyOrder(GATEWAY, AUTH, DATA));
  }

  @Test
  void theCollectorWantsTheGeneratedTokensForIngestQueriesAndTheUi() throws IOException, InterruptedException {
    String collector = "http://127.0.0.1:" + collectorPort;
    String queryToken = env.get(ComposeEnv.QUERY_TOKEN);

    assertThat(status(collector + "/api/services", null)).isEqualTo(401);
    assertThat(status(collector + "/api/services", "Bearer " + env.get(ComposeEnv.INGEST_TOKEN))).isEqualTo(401);
    assertThat(status(collector + "/api/services", "Bearer " + queryToken)).isEqualTo(200);
    // A browser opening the UI answers the basic-auth challenge: user "tracekit", the query token as password.
    assertThat(status(collector + "/", null)).isEqualTo(401);
    String basic = Base64.getEncoder().encodeToString(("tracekit:" + queryToken).getBytes(StandardCharsets.UTF_8));
    assertThat(status(collector + "/", "Basic " + basic)).isEqualTo(200);
    // Ingest without the ingest token is refused (the services' spans, sent with it, arrive: the tests above).
    HttpResponse<Void> ingest = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(collector + "/v1/traces"))
        .header("Content-Type", "application/x-protobuf").POST(HttpRequest.BodyPublishers.ofByteArray(new byte[0])).build(),
        HttpResponse.BodyHandlers.discarding());
    assertThat(ingest.statusCode()).isEqualTo(401);
  }

  private static int status(String url, String authorization) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return HttpClient.newHttpClient().send(request.GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static CollectorClient collector() {
    return CollectorClient.of(URI.create("http://127.0.0.1:" + collectorPort), env.get(ComposeEnv.QUERY_TOKEN));
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
