package dev.tracekit.it;

import static dev.tracekit.it.FullStackScenarios.ORDER;
import static dev.tracekit.it.FullStackScenarios.PATIENCE;
import static dev.tracekit.it.FullStackScenarios.dataCalls;
import static dev.tracekit.it.FullStackScenarios.ids;
import static dev.tracekit.it.FullStackScenarios.poll;
import static dev.tracekit.it.FullStackScenarios.servers;
import static dev.tracekit.it.Services.AUTH;
import static dev.tracekit.it.Services.DATA;
import static dev.tracekit.it.Services.GATEWAY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.testcontainers.CollectedSpan;
import dev.tracekit.testcontainers.CollectedTrace;
import dev.tracekit.testcontainers.CollectorClient;
import dev.tracekit.testcontainers.CollectorContainer;
import dev.tracekit.testcontainers.TraceFinding;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.lifecycle.Startables;

/**
 * Network faults between containers: a service or the collector is cut off the Docker network
 * ({@code docker network disconnect}) and connected again. Nothing hangs (every gateway request
 * completes within {@link GatewayClient}'s bounded timeout, or the test fails), a cut downstream
 * service turns into an error answer whose trace names the failed call, the services keep serving
 * while the collector is away, and afterwards requests succeed and their traces arrive complete
 * with every span the services ended accounted for (their self-metrics).
 *
 * <p>The collector keeps traces in memory and data-service uses its embedded H2: the faults are
 * in the network, not in storage.
 */
@DockerTests
class NetworkCutIT {

  /** Recovery includes the clients' DNS caches and export retries running out: more than the usual patience. */
  private static final Duration RECOVERY = Duration.ofMinutes(3);
  /** How long one request's trace may take to arrive whole before a fresh request is tried. */
  private static final Duration ATTEMPT = Duration.ofSeconds(30);

  private static Network network;
  private static DemoContainers containers;
  private static CollectorContainer collector;
  private static GenericContainer<?> auth;
  private static GenericContainer<?> data;
  private static GenericContainer<?> gateway;

  @BeforeAll
  static void start() {
    network = Network.newNetwork();
    containers = new DemoContainers(network);
    collector = containers.collector();
    auth = containers.service("auth-service", "auth", 8081).dependsOn(collector);
    data = containers.service("data-service", "data", 8082).dependsOn(collector);
    gateway = containers.service("gateway-service", "gateway", 8080)
        .withEnv(Map.of("DEMO_AUTH_URL", "http://auth:8081", "DEMO_DATA_URL", "http://data:8082",
            // A bound on a call to a service that is gone, roomy enough for a first call on a loaded machine.
            "DEMO_RESPONSE_TIMEOUT", "10s"))
        .dependsOn(auth, data);
    Startables.deepStart(gateway).join();
  }

  @AfterAll
  static void stop() {
    DemoContainers.stopAll(containers, network, gateway, data, auth, collector);
  }

  @Test
  void whileDataServiceIsCutOffTheGatewayAnswersAnErrorTracedToTheFailedCallAndRecoversAfterwards() {
    awaitCompleteOrderTrace();

    List<GatewayClient.Answer> answers = new ArrayList<>();
    try (NetworkCut cut = NetworkCut.of(network, data, "data")) {
      // Each call completes (GatewayClient fails the test on its own timeout): nothing hangs.
      for (int i = 0; i < 3; i++) {
        answers.add(gateway().get(ORDER, null));
      }
    }
    assertThat(answers).allSatisfy(a -> assertThat(a.status()).as(a.body()).isIn(502, 504));

    for (GatewayClient.Answer answer : answers) {
      CollectedTrace trace = collector().awaitTrace(answer.traceId(),
          t -> t.spans(GATEWAY, "SERVER").size() == 1 && dataCalls(t).stream().anyMatch(CollectedSpan::isError),
          PATIENCE);
      assertThat(trace.roots()).singleElement().satisfies(root -> {
        assertThat(root.spanId()).isEqualTo(answer.serverSpanId());
        assertThat(root.isError()).as(root.toString()).isTrue();
      });
      assertThat(trace.spans(DATA, "SERVER")).as("data-service was unreachable").isEmpty();
      List<CollectedSpan> failedCalls = dataCalls(trace).stream().filter(CollectedSpan::isError).toList();
      List<TraceFinding> errors = collector().getFindings(answer.traceId()).stream()
          .filter(f -> f.type().equals("ERROR")).toList();
      assertThat(errors).as("ERROR findings of %s", trace.describe()).isNotEmpty()
          .flatMap(TraceFinding::spanIds).containsAnyElementsOf(ids(failedCalls));
    }

    awaitCompleteOrderTrace();
  }

  @Test
  void whileTheCollectorIsCutOffTheServicesKeepServingAndAfterwardsSpansFlowAgainAllAccountedFor() {
    awaitCompleteOrderTrace();
    Map<String, SpanAccounting> before = accounting();

    try (NetworkCut cut = NetworkCut.of(network, collector, "collector")) {
      // Requests until every service's exporter has failed an attempt: the outage is noticed,
      // not merely waited out. Every request meanwhile succeeds.
      poll(() -> {
        GatewayClient.Answer answer = gateway().get(ORDER, null);
        assertThat(answer.status()).as("a request while the collector is away: %s", answer.body()).isEqualTo(200);
        return accounting();
      }, now -> before.keySet().stream().allMatch(s -> now.get(s).exportRetries() > before.get(s).exportRetries()),
          RECOVERY);
    }

    awaitCompleteOrderTrace();
    Map<String, SpanAccounting> settled = poll(NetworkCutIT::accounting,
        now -> now.values().stream().allMatch(SpanAccounting::settled), RECOVERY);
    settled.forEach((service, now) -> {
      assertThat(now.ended()).as("%s ended spans during the test", service).isGreaterThan(before.get(service).ended());
      assertThat(now.exported() + now.dropped()).as("%s: exported + dropped", service).isEqualTo(now.ended());
    });
  }

  /**
   * Sends the order request until one succeeds (a service just reconnected may still be
   * unreachable from a client's cached address) and its whole trace arrives. A service whose
   * collector just came back may still be sending the outage's backlog, or have dropped a
   * request's spans from its full buffer (counted: the accounting check covers it), so a trace
   * that stays incomplete is followed by a fresh request until {@link #RECOVERY} runs out.
   */
  private static void awaitCompleteOrderTrace() {
    long deadline = System.nanoTime() + RECOVERY.toNanos();
    while (true) {
      GatewayClient.Answer ok = poll(() -> gateway().get(ORDER, null), a -> a.status() == 200, RECOVERY);
      CollectedTrace trace;
      try {
        trace = collector().awaitTrace(ok.traceId(), t -> servers(t, 1, 1, 3), ATTEMPT);
      } catch (AssertionError incomplete) {
        if (System.nanoTime() - deadline > 0) {
          throw new AssertionError(incomplete.getMessage() + "\nservices' span accounting: " + accounting(), incomplete);
        }
        continue;
      }
      assertThat(trace.services()).containsExactlyInAnyOrder(GATEWAY, AUTH, DATA);
      FullStackScenarios.assertEveryParentIsInTheTrace(trace);
      return;
    }
  }

  private static Map<String, SpanAccounting> accounting() {
    Map<String, SpanAccounting> services = new LinkedHashMap<>();
    services.put(GATEWAY, SpanAccounting.scrape(baseUrl(gateway, 8080)));
    services.put(AUTH, SpanAccounting.scrape(baseUrl(auth, 8081)));
    services.put(DATA, SpanAccounting.scrape(baseUrl(data, 8082)));
    return services;
  }

  /** Where the container's port is published now: a container cut off and back is published anew. */
  private static URI baseUrl(GenericContainer<?> container, int port) {
    return URI.create("http://" + container.getHost() + ":" + NetworkCut.hostPort(container, port));
  }

  private static GatewayClient gateway() {
    return new GatewayClient(baseUrl(gateway, 8080));
  }

  private static CollectorClient collector() {
    return CollectorClient.of(baseUrl(collector, CollectorContainer.PORT));
  }
}
