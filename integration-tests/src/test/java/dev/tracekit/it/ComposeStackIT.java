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
import java.time.Duration;
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
 */
@DockerTests
class ComposeStackIT {

  private static final Duration STARTUP = Duration.ofMinutes(6);

  private static ImageTags images;
  private static DockerComposeContainer<?> compose;
  private static int gatewayPort;
  private static int collectorPort;

  @BeforeAll
  static void start() {
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
    CollectorClient collector = CollectorClient.of(URI.create("http://127.0.0.1:" + collectorPort));

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
    CollectorClient collector = CollectorClient.of(URI.create("http://127.0.0.1:" + collectorPort));

    List<TraceSummary> traces = FullStackScenarios.poll(() -> collector.findTraces(GATEWAY), found -> found.size() >= 3,
        FullStackScenarios.PATIENCE);

    assertThat(traces).anySatisfy(t -> assertThat(t.services()).containsExactlyInAnyOrder(GATEWAY, AUTH, DATA));
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
