package dev.tracekit.it;

import static dev.tracekit.it.Services.AUTH;
import static dev.tracekit.it.Services.DATA;
import static dev.tracekit.it.Services.GATEWAY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.testcontainers.CollectedLog;
import dev.tracekit.testcontainers.CollectedTrace;
import dev.tracekit.testcontainers.CollectorClient;
import dev.tracekit.testcontainers.CollectorContainer;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link FullStackScenarios} against the images built from the project's Dockerfiles, as
 * docker compose runs them: PostgreSQL (collector storage and data-service's database), the
 * collector ({@link CollectorContainer}), auth-, data- and gateway-service, on one Docker
 * network, reached through their published ports. Built and started once for the class.
 */
@DockerTests
class ContainerStackIT extends FullStackScenarios {

  private static final String POSTGRES_PASSWORD = "tracekit-it";

  private static Network network;
  private static DemoContainers containers;
  private static GenericContainer<?> postgres;
  private static CollectorContainer collector;
  private static GenericContainer<?> auth;
  private static GenericContainer<?> data;
  private static GenericContainer<?> gateway;

  @BeforeAll
  static void start() {
    network = Network.newNetwork();
    containers = new DemoContainers(network);
    postgres = new GenericContainer<>(DockerImageName.parse(Project.postgresImage()))
        .withNetwork(network)
        .withNetworkAliases("postgres")
        // The compose file's PostgreSQL setup: the same script, on the same base image.
        .withCopyFileToContainer(MountableFile.forHostPath(Project.root().resolve("docker/postgres/init-and-run.sh")),
            "/docker-postgres/init-and-run.sh")
        .withCreateContainerCmdModifier(cmd -> cmd.withEntrypoint("sh", "/docker-postgres/init-and-run.sh"))
        .withEnv(Map.of("POSTGRES_PASSWORD", POSTGRES_PASSWORD, "POSTGRES_DATABASES", "tracekit demo",
            "PGDATA", "/var/lib/postgresql/data"))
        .waitingFor(Wait.forSuccessfulCommand("sh /docker-postgres/init-and-run.sh check")
            .withStartupTimeout(DemoContainers.STARTUP));
    collector = containers.collector()
        .withPostgresStorage("jdbc:postgresql://postgres:5432/tracekit", "postgres", POSTGRES_PASSWORD)
        .dependsOn(postgres);
    auth = containers.service("auth-service", "auth", 8081)
        .dependsOn(collector);
    data = containers.service("data-service", "data", 8082)
        .withEnv(Map.of("SPRING_PROFILES_ACTIVE", "postgres", "POSTGRES_HOST", "postgres", "POSTGRES_DB", "demo",
            "POSTGRES_USER", "postgres", "POSTGRES_PASSWORD", POSTGRES_PASSWORD))
        .dependsOn(postgres, collector);
    gateway = containers.service("gateway-service", "gateway", 8080)
        .withEnv(Map.of("DEMO_AUTH_URL", "http://auth:8081", "DEMO_DATA_URL", "http://data:8082",
            // Five JVMs share two cores here: a first call may take long. Timeouts are not what is tested.
            "DEMO_RESPONSE_TIMEOUT", "20s"))
        .dependsOn(auth, data);
    Startables.deepStart(gateway).join();
  }

  @AfterAll
  static void stop() {
    DemoContainers.stopAll(containers, network, gateway, data, auth, collector, postgres);
  }

  @Override
  GatewayClient gateway() {
    return new GatewayClient(URI.create("http://" + gateway.getHost() + ":" + gateway.getMappedPort(8080)));
  }

  @Override
  CollectorClient collector() {
    return collector.client();
  }

  @Test
  void containerLogsAreJsonLinesCarryingTheTraceIdTheCollectorHolds() {
    GatewayClient.Answer answer = gateway().get(ORDER, "downstream-error");
    assertThat(answer.status()).as(answer.body()).isEqualTo(502);
    Map<String, GenericContainer<?>> containers = Map.of(GATEWAY, gateway, AUTH, auth, DATA, data);
    // The first data call to fail cancels the other two: one cancelled before it reached
    // data-service has no server span there, and one cancelled after it arrived may still log
    // and export after the gateway answered. So wait until every console line of the trace is
    // in the collector, its span included.
    CollectedTrace trace = collector().awaitTrace(answer.traceId(), t -> t.spans(GATEWAY, "SERVER").size() == 1
        && t.spans(AUTH, "SERVER").size() == 1 && !t.spans(DATA, "SERVER").isEmpty()
        && !ownLogs(t, GATEWAY).isEmpty() && !ownLogs(t, AUTH).isEmpty() && !ownLogs(t, DATA).isEmpty()
        && containers.entrySet().stream().allMatch(e -> consoleLines(e.getValue(), answer.traceId()).stream()
            .allMatch(line -> t.span(line.path("span_id").asString()).isPresent()
                && t.logs(e.getKey()).stream().anyMatch(log -> log.body().equals(line.path("body").asString())))),
        PATIENCE);

    containers.forEach((service, container) -> {
      List<JsonNode> lines = consoleLines(container, answer.traceId());
      assertThat(lines).as("%s's console lines of trace %s", service, answer.traceId()).isNotEmpty();
      Set<String> shipped = trace.logs(service).stream().map(CollectedLog::body).collect(Collectors.toSet());
      for (JsonNode line : lines) {
        assertThat(line.path("service.name").asString()).isEqualTo(service);
        assertThat(trace.span(line.path("span_id").asString())).as("the span of %s", line).isPresent();
        assertThat(shipped).as("the collector holds what %s logged", service).contains(line.path("body").asString());
      }
    });
  }

  /** The container's JSON console lines that carry {@code traceId}. */
  private static List<JsonNode> consoleLines(GenericContainer<?> container, String traceId) {
    return jsonLines(container).stream().filter(line -> traceId.equals(line.path("trace_id").asString(null))).toList();
  }

  /** The container's console lines that are JSON objects (every line the application logs). */
  private static List<JsonNode> jsonLines(GenericContainer<?> container) {
    JsonMapper json = JsonMapper.builder().build();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : container.getLogs(OutputFrame.OutputType.STDOUT).split("\n")) {
      if (line.startsWith("{")) {
        try {
          lines.add(json.readTree(line));
        } catch (JacksonException e) {
          throw new AssertionError(container.getDockerImageName() + " wrote a line that is not JSON: " + line, e);
        }
      }
    }
    return lines;
  }
}
