package dev.tracekit.bench.ingest;

import dev.tracekit.bench.harness.ServerProcess;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Our collector ({@code collector/target/collector-*.jar}) with the memory or the PostgreSQL store. */
final class TraceKitCollector implements SpanServer {

  private final String label;
  private final ServerProcess process;
  private final boolean exactCount;

  private TraceKitCollector(String label, ServerProcess process, boolean exactCount) {
    this.label = label;
    this.process = process;
    this.exactCount = exactCount;
  }

  /** The in-memory store bounded at {@code maxSpans}. */
  static TraceKitCollector memory(String label, Path jar, int heapMb, long maxSpans, Path logDir)
      throws IOException, InterruptedException {
    return start(label, jar, heapMb, List.of(
        "--tracekit.collector.storage.type=memory",
        "--tracekit.collector.storage.memory.max-spans=" + maxSpans), logDir, true);
  }

  /** The PostgreSQL store in {@code jdbcUrl}. */
  static TraceKitCollector postgres(String label, Path jar, int heapMb, String jdbcUrl, String user, Path logDir)
      throws IOException, InterruptedException {
    return start(label, jar, heapMb, List.of(
        "--tracekit.collector.storage.type=postgres",
        "--tracekit.collector.storage.postgres.url=" + jdbcUrl,
        "--tracekit.collector.storage.postgres.username=" + user,
        "--tracekit.collector.storage.postgres.schema=tracekit"), logDir, false);
  }

  private static TraceKitCollector start(String label, Path jar, int heapMb, List<String> storeArgs, Path logDir,
      boolean exactCount) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of("--server.address=127.0.0.1", "--server.port={port}"));
    args.addAll(storeArgs);
    String logName = label.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    return new TraceKitCollector(label, ServerProcess.start(logName, jar, heapMb, args, Map.of(), "/actuator/health", logDir),
        exactCount);
  }

  @Override
  public String label() {
    return label;
  }

  @Override
  public ServerProcess process() {
    return process;
  }

  /**
   * The memory store's exact span count; for PostgreSQL, whose count is a planner estimate, the
   * spans the writer has committed (the run checks the table itself at the end).
   */
  @Override
  public long storedSpans() throws IOException, InterruptedException {
    return exactCount
        ? (long) metric("tracekit.collector.store.spans", null)
        : (long) metric("tracekit.collector.spans.stored", 0.0);
  }

  /**
   * Spans refused as invalid and spans evicted to stay within the bound. (Spans refused with 503
   * when the queue is full are not lost: the load client retries them and counts the 503s.)
   */
  @Override
  public long droppedSpans() throws IOException, InterruptedException {
    return (long) (metric("tracekit.collector.spans.rejected", 0.0)
        + metric("tracekit.collector.store.evicted.spans", 0.0));
  }

  /** A meter's value from the actuator; {@code absent} when the meter does not exist yet (null: fail). */
  private double metric(String name, Double absent) throws IOException, InterruptedException {
    var response = Http.get(URI.create(process.baseUrl() + "/actuator/metrics/" + name));
    if (response.statusCode() == 404 && absent != null) {
      return absent;
    }
    if (response.statusCode() != 200) {
      throw new IOException("metric " + name + " answered " + response.statusCode());
    }
    double sum = 0;
    for (JsonNode m : Http.parse(response.body()).get("measurements")) {
      String statistic = m.get("statistic").asString();
      if (statistic.equals("VALUE") || statistic.equals("COUNT")) {
        sum += m.get("value").asDouble();
      }
    }
    return sum;
  }

  @Override
  public URI traceUri(String traceIdHex) {
    return URI.create(process.baseUrl() + "/api/traces/" + traceIdHex);
  }

  @Override
  public int spansInTrace(byte[] body) {
    return Http.parse(body).get("spans").size();
  }

  @Override
  public URI searchUri(String service, long minDurationMs, String tagKey, String tagValue, int limit) {
    return URI.create(process.baseUrl() + "/api/traces?service=" + enc(service) + "&minDuration=" + minDurationMs + "ms"
        + "&tag=" + enc(tagKey + "=" + tagValue) + "&limit=" + limit);
  }

  @Override
  public int tracesInSearch(byte[] body) {
    return Http.parse(body).size();
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
