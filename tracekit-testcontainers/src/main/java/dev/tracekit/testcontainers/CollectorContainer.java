package dev.tracekit.testcontainers;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Future;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.utility.DockerImageName;

/**
 * The TraceKit collector in a container, for tests of applications that send it spans and
 * logs: point the application's exporter at {@link #getOtlpEndpoint()} and read back what
 * arrived with {@link #client()}.
 *
 * <pre>{@code
 * @Container
 * static CollectorContainer collector = new CollectorContainer();   // tracekit/collector:local
 *
 * @DynamicPropertySource
 * static void tracing(DynamicPropertyRegistry registry) {
 *   registry.add("tracekit.exporter.endpoint", collector::getOtlpEndpoint);
 * }
 * }</pre>
 *
 * <p>The collector keeps traces in memory unless {@link #withPostgresStorage} says otherwise.
 * The container is ready once {@code /actuator/health} answers 200.
 */
public final class CollectorContainer extends GenericContainer<CollectorContainer> {

  /** The image the project's docker compose file builds and tags. */
  public static final DockerImageName DEFAULT_IMAGE = DockerImageName.parse("tracekit/collector:local");

  /** OTLP/HTTP ingest ({@code /v1/traces}, {@code /v1/logs}), Zipkin ingest, query API and UI. */
  public static final int PORT = 9411;

  private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);

  private String ingestToken;
  private String queryToken;
  /** The image fromDockerfile built for this container, removed when it stops; null otherwise. */
  private final String builtImage;

  /** The collector from {@link #DEFAULT_IMAGE}. */
  public CollectorContainer() {
    this(DEFAULT_IMAGE);
  }

  /** The collector from an image of it, e.g. {@code tracekit/collector:0.1.0}. */
  public CollectorContainer(DockerImageName image) {
    super(Objects.requireNonNull(image, "image"));
    this.builtImage = null;
    exposeAndWait();
  }

  /** The collector from an image built by the test, e.g. an {@code ImageFromDockerfile}. */
  public CollectorContainer(Future<String> image) {
    super(Objects.requireNonNull(image, "image"));
    this.builtImage = null;
    exposeAndWait();
  }

  private CollectorContainer(ImageFromDockerfile image) {
    super(image);
    this.builtImage = image.getDockerImageName();
    exposeAndWait();
  }

  /**
   * The collector from an image built from the collector module's Dockerfile and runnable jar
   * ({@code collectorModuleDir/target/*-SNAPSHOT.jar}, so package the module first), on the
   * Dockerfile's default base image. The image is built when the container starts and removed
   * when it stops (so start such a container once).
   */
  public static CollectorContainer fromDockerfile(Path collectorModuleDir) {
    return new CollectorContainer(JarImage.build(collectorModuleDir, "collector", null));
  }

  /**
   * Like {@link #fromDockerfile(Path)}, with the Dockerfile's {@code BASE_IMAGE}
   * build argument set to {@code baseImage} (a JRE 17 image, e.g. {@code tracekit/jre17-base:local}
   * where no registry is reachable).
   */
  public static CollectorContainer fromDockerfile(Path collectorModuleDir, String baseImage) {
    return new CollectorContainer(JarImage.build(collectorModuleDir, "collector", Objects.requireNonNull(baseImage)));
  }

  /** Stops the container and removes the image {@link #fromDockerfile} built for it. */
  @Override
  public void stop() {
    super.stop();
    if (builtImage != null) {
      JarImage.remove(builtImage);
    }
  }

  private void exposeAndWait() {
    addExposedPort(PORT);
    waitingFor(Wait.forHttp("/actuator/health").forPort(PORT).forStatusCode(200).withStartupTimeout(STARTUP_TIMEOUT));
  }

  /**
   * Requires {@code Authorization: Bearer <token>} on ingest ({@code /v1/traces},
   * {@code /v1/logs}, {@code /api/v2/spans}); queries stay open unless {@link #withQueryToken}.
   */
  public CollectorContainer withIngestToken(String token) {
    this.ingestToken = Objects.requireNonNull(token, "token");
    return withEnv("TRACEKIT_COLLECTOR_INGEST_TOKEN", token);
  }

  /**
   * Requires {@code Authorization: Bearer <token>} on the query API, the UI and the actuator
   * (health excepted); {@link #client()} sends it.
   */
  public CollectorContainer withQueryToken(String token) {
    this.queryToken = Objects.requireNonNull(token, "token");
    return withEnv("TRACEKIT_COLLECTOR_QUERY_TOKEN", token);
  }

  /**
   * Stores spans and logs in PostgreSQL instead of memory.
   *
   * @param jdbcUrl as the container sees the database, e.g.
   *     {@code jdbc:postgresql://postgres:5432/tracekit} on a shared network
   */
  public CollectorContainer withPostgresStorage(String jdbcUrl, String username, String password) {
    return withEnv("TRACEKIT_COLLECTOR_STORAGE_TYPE", "postgres")
        .withEnv("TRACEKIT_COLLECTOR_STORAGE_POSTGRES_URL", Objects.requireNonNull(jdbcUrl, "jdbcUrl"))
        .withEnv("TRACEKIT_COLLECTOR_STORAGE_POSTGRES_USERNAME", Objects.requireNonNull(username, "username"))
        .withEnv("TRACEKIT_COLLECTOR_STORAGE_POSTGRES_PASSWORD", Objects.requireNonNull(password, "password"));
  }

  /** The ingest token set by {@link #withIngestToken}, or null when ingest is open. */
  public String getIngestToken() {
    return ingestToken;
  }

  /**
   * The base URL exporters send to from the test's host, e.g. {@code http://localhost:32768}:
   * TraceKit's {@code tracekit.exporter.endpoint}, or any OTLP/HTTP exporter's endpoint
   * (they append {@code /v1/traces} and {@code /v1/logs}).
   */
  public String getOtlpEndpoint() {
    return "http://" + getHost() + ":" + getMappedPort(PORT);
  }

  /** A client of this collector's query API (with the query token, when one is set). */
  public CollectorClient client() {
    URI base = URI.create(getOtlpEndpoint());
    return queryToken == null ? CollectorClient.of(base) : CollectorClient.of(base, queryToken);
  }
}
