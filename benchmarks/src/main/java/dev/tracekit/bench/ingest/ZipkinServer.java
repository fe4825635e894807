package dev.tracekit.bench.ingest;

import dev.tracekit.bench.harness.ServerProcess;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Zipkin server (the exec jar from Maven Central) with its in-memory storage, bound to
 * 127.0.0.1. Its HTTP collector answers 202 after the in-memory store has taken the spans, so
 * what it acknowledged is stored.
 */
final class ZipkinServer implements SpanServer {

  /** How far back Zipkin's search looks (its default is one day, which would be enough too). */
  private static final long LOOKBACK_MS = 7L * 24 * 3600 * 1000;

  private final String label;
  private final ServerProcess process;

  private ZipkinServer(String label, ServerProcess process) {
    this.label = label;
    this.process = process;
  }

  static ZipkinServer memory(String label, Path jar, int heapMb, long maxSpans, Path logDir)
      throws IOException, InterruptedException {
    // Armeria serves Zipkin; its port list replaces the default one, so it names port and protocol too.
    List<String> args = List.of(
        "--armeria.ports[0].ip=127.0.0.1",
        "--armeria.ports[0].port={port}",
        "--armeria.ports[0].protocols[0]=http");
    Map<String, String> env = Map.of(
        "STORAGE_TYPE", "mem",
        "MEM_MAX_SPANS", Long.toString(maxSpans),
        "SELF_TRACING_ENABLED", "false");
    return new ZipkinServer(label, ServerProcess.start("zipkin", jar, heapMb, args, env, "/health", logDir));
  }

  @Override
  public String label() {
    return label;
  }

  @Override
  public ServerProcess process() {
    return process;
  }

  /** Spans its HTTP collector accepted; with in-memory storage, accepted is stored (checked by trace reads). */
  @Override
  public long storedSpans() throws IOException, InterruptedException {
    JsonNode metrics = Http.getJson(URI.create(process.baseUrl() + "/metrics"));
    return metrics.get("counter.zipkin_collector.spans.http").asLong()
        - metrics.get("counter.zipkin_collector.spans_dropped.http").asLong();
  }

  @Override
  public long droppedSpans() throws IOException, InterruptedException {
    return Http.getJson(URI.create(process.baseUrl() + "/metrics")).get("counter.zipkin_collector.spans_dropped.http")
        .asLong();
  }

  @Override
  public URI traceUri(String traceIdHex) {
    return URI.create(process.baseUrl() + "/api/v2/trace/" + traceIdHex);
  }

  @Override
  public int spansInTrace(byte[] body) {
    return Http.parse(body).size();
  }

  @Override
  public URI searchUri(String service, long minDurationMs, String tagKey, String tagValue, int limit) {
    return URI.create(process.baseUrl() + "/api/v2/traces?serviceName=" + TraceKitCollector.enc(service)
        + "&minDuration=" + minDurationMs * 1000 + "&annotationQuery=" + TraceKitCollector.enc(tagKey + "=" + tagValue)
        + "&limit=" + limit + "&endTs=" + System.currentTimeMillis() + "&lookback=" + LOOKBACK_MS);
  }

  @Override
  public int tracesInSearch(byte[] body) {
    return Http.parse(body).size();
  }
}
