package dev.tracekit.testcontainers;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads traces back from a TraceKit collector's query API, for tests: {@link #getTrace},
 * {@link #findTraces}, {@link #getFindings}, and {@link #awaitTrace} which polls until the
 * spans a test expects have arrived (exporters send in batches, so a trace fills in over a
 * second or two). Thread-safe.
 *
 * <pre>{@code
 * CollectorClient collector = CollectorClient.of(URI.create("http://localhost:9411"));
 * CollectedTrace trace = collector.awaitTrace(traceId, t -> t.services().size() == 3, Duration.ofSeconds(30));
 * }</pre>
 */
public final class CollectorClient {

  private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
  private static final int SEARCH_LIMIT = 100;
  private static final TypeReference<Map<String, Object>> ATTRIBUTES = new TypeReference<>() {};

  private final URI baseUrl;
  /** The {@code Authorization} header value sent with every query, or null. */
  private final String authorization;
  private final HttpClient http;
  private final JsonMapper json;

  private CollectorClient(URI baseUrl, String queryToken) {
    String base = baseUrl.toString();
    this.baseUrl = URI.create(base.endsWith("/") ? base : base + "/");
    this.authorization = queryToken == null ? null : "Bearer " + queryToken;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    // Attribute numbers read as Long, like the collector's typed attributes.
    this.json = JsonMapper.builder().enable(DeserializationFeature.USE_LONG_FOR_INTS).build();
  }

  /** A client of the collector at {@code baseUrl}, e.g. {@code http://localhost:9411}. */
  public static CollectorClient of(URI baseUrl) {
    return new CollectorClient(Objects.requireNonNull(baseUrl, "baseUrl"), null);
  }

  /**
   * A client of a collector whose query API requires a token
   * ({@code tracekit.collector.query-token}): every request carries
   * {@code Authorization: Bearer <queryToken>}.
   */
  public static CollectorClient of(URI baseUrl, String queryToken) {
    return new CollectorClient(Objects.requireNonNull(baseUrl, "baseUrl"), Objects.requireNonNull(queryToken, "queryToken"));
  }

  /** The collector's base URL. */
  public URI baseUrl() {
    return baseUrl;
  }

  /** The spans and logs stored for a trace, or empty when the collector holds none. */
  public Optional<CollectedTrace> getTrace(String traceId) {
    return get("api/traces/" + encode(traceId), true).map(this::trace);
  }

  /**
   * Polls the trace until {@code complete} accepts it.
   *
   * @throws AssertionError when it is not complete within {@code timeout}; the message lists
   *     the spans stored by then
   */
  public CollectedTrace awaitTrace(String traceId, Predicate<CollectedTrace> complete, Duration timeout) {
    Objects.requireNonNull(complete, "complete");
    long deadline = System.nanoTime() + timeout.toNanos();
    Optional<CollectedTrace> last = Optional.empty();
    while (true) {
      last = getTrace(traceId);
      if (last.isPresent() && complete.test(last.get())) {
        return last.get();
      }
      if (System.nanoTime() - deadline >= 0) {
        throw new AssertionError("The collector at " + baseUrl + " did not hold the expected trace within " + timeout
            + "; it holds " + last.map(CollectedTrace::describe).orElse("no span of trace " + traceId));
      }
      pause();
    }
  }

  /** Polls until the collector holds at least one span of the trace. */
  public CollectedTrace awaitTrace(String traceId, Duration timeout) {
    return awaitTrace(traceId, trace -> !trace.spans().isEmpty(), timeout);
  }

  /** The newest traces (at most 100) with a span of {@code service}, newest first. */
  public List<TraceSummary> findTraces(String service) {
    JsonNode rows = get("api/traces?limit=" + SEARCH_LIMIT + "&service=" + encode(service), false).orElseThrow();
    List<TraceSummary> summaries = new ArrayList<>();
    for (JsonNode row : rows.values()) {
      List<String> services = new ArrayList<>();
      row.path("services").values().forEach(s -> services.add(s.asString()));
      summaries.add(new TraceSummary(row.path("traceId").asString(), text(row, "rootService"), text(row, "rootName"),
          row.path("startMicros").asLong(), row.path("durationMicros").asLong(), row.path("spanCount").asInt(),
          row.path("errorCount").asInt(), services));
    }
    return summaries;
  }

  /**
   * What the collector's analysis finds in a trace ({@code GET /api/traces/{id}/analysis}),
   * largest time at stake first.
   *
   * @throws CollectorException when the collector holds no span of the trace (status 404)
   */
  public List<TraceFinding> getFindings(String traceId) {
    String path = "api/traces/" + encode(traceId) + "/analysis";
    JsonNode analysis = get(path, true).orElseThrow(
        () -> new CollectorException("The collector at " + baseUrl + " holds no span of trace " + traceId, 404, null));
    List<TraceFinding> findings = new ArrayList<>();
    for (JsonNode f : analysis.path("findings").values()) {
      List<String> spanIds = new ArrayList<>();
      f.path("spanIds").values().forEach(id -> spanIds.add(id.asString()));
      findings.add(new TraceFinding(f.path("type").asString(), f.path("severity").asString(),
          f.path("timeAtStakeMicros").asLong(), spanIds, f.path("spanCount").asInt(), text(f, "message")));
    }
    return findings;
  }

  private CollectedTrace trace(JsonNode trace) {
    List<CollectedSpan> spans = new ArrayList<>();
    for (JsonNode s : trace.path("spans").values()) {
      JsonNode status = s.path("status");
      spans.add(new CollectedSpan(s.path("traceId").asString(), s.path("spanId").asString(), text(s, "parentSpanId"),
          text(s, "name"), text(s, "kind"), text(s, "service"), s.path("startMicros").asLong(),
          s.path("durationMicros").asLong(), status.path("code").asString("UNSET"), text(status, "message"),
          attributes(s.path("attributes"))));
    }
    List<CollectedLog> logs = new ArrayList<>();
    for (JsonNode l : trace.path("logs").values()) {
      logs.add(new CollectedLog(l.path("timeMicros").asLong(), text(l, "traceId"), text(l, "spanId"), text(l, "service"),
          text(l, "level"), text(l, "body"), attributes(l.path("attributes"))));
    }
    return new CollectedTrace(trace.path("traceId").asString(), spans, logs);
  }

  private Map<String, Object> attributes(JsonNode node) {
    if (!node.isObject()) {
      return Map.of();
    }
    Map<String, Object> attributes = new LinkedHashMap<>(json.convertValue(node, ATTRIBUTES));
    attributes.values().removeIf(Objects::isNull);
    return attributes;
  }

  private Optional<JsonNode> get(String pathAndQuery, boolean notFoundIsEmpty) {
    URI uri = baseUrl.resolve(pathAndQuery);
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
        .header("Accept", "application/json");
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    HttpRequest request = builder.GET().build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new CollectorException("Could not reach the collector at " + uri + ": " + e, 0, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CollectorException("Interrupted while querying the collector at " + uri, 0, e);
    }
    if (response.statusCode() == 404 && notFoundIsEmpty) {
      return Optional.empty();
    }
    if (response.statusCode() != 200) {
      throw new CollectorException("The collector answered " + response.statusCode() + " to GET " + uri + ": "
          + abbreviate(response.body()), response.statusCode(), null);
    }
    try {
      return Optional.of(json.readTree(response.body()));
    } catch (JacksonException e) {
      throw new CollectorException("The collector's answer to GET " + uri + " is not JSON: " + abbreviate(response.body()),
          response.statusCode(), e);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asString();
  }

  private static String encode(String value) {
    return URLEncoder.encode(Objects.requireNonNull(value), StandardCharsets.UTF_8);
  }

  private static String abbreviate(String body) {
    return body.length() <= 300 ? body : body.substring(0, 300) + "...";
  }

  private static void pause() {
    try {
      Thread.sleep(POLL_INTERVAL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for a trace", e);
    }
  }
}
