package dev.tracekit.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tracekit.collector.CollectorClient;
import dev.tracekit.collector.TestSpans;
import dev.tracekit.collector.otlpjson.OtlpJsonEncoder;
import dev.tracekit.core.Attributes;
import dev.tracekit.core.Ids;
import dev.tracekit.core.SpanData;
import dev.tracekit.core.otlp.Compression;
import dev.tracekit.core.otlp.OtlpTraceCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Oversized data at the collector, with the default limits: a 1 MB attribute value and 10,000
 * attributes on one span are cut to the ingest limits and counted; of a trace of 100,000 spans the
 * memory store keeps its per-trace limit, counts the rest, and serves it a page at a time.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "tracekit.collector.storage.memory.max-spans=200000",
})
class OversizedIngestTest {

  private static final String PROTOBUF = "application/x-protobuf";

  @LocalServerPort
  int port;

  CollectorClient client;

  @BeforeEach
  void connect() {
    client = new CollectorClient(port);
  }

  private static long id() {
    return ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
  }

  private void ingest(List<SpanData> spans) {
    assertThat(client.post("/v1/traces", PROTOBUF, Compression.LZ4.compress(OtlpTraceCodec.encode(spans)),
        "Content-Encoding", "lz4").statusCode()).isEqualTo(200);
  }

  private JsonNode awaitTrace(long trace, String query) {
    String path = "/api/traces/" + Ids.toHex(trace, trace) + query;
    await().atMost(Duration.ofSeconds(60)).until(() -> client.get(path).statusCode() == 200);
    return client.getJson(path);
  }

  private double counter(String line) {
    return CollectorClient.text(client.get("/actuator/prometheus")).lines().filter(l -> l.startsWith(line + " "))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }

  @Test
  void aOneMegabyteAttributeValueAndHugeNamesAreCutToTheLimitAndCounted() {
    long trace = id();
    String megabyte = "v".repeat(1 << 20);
    double before = counter("tracekit_collector_limits_truncated_values_total{transport=\"otlp-proto\"}");
    ingest(List.of(TestSpans.span(trace, 1, 0, "oversized", "n".repeat(100_000), 0, 10)
        .attributes(Attributes.builder().put("big", megabyte).put("small", "ok").build()).build()));

    JsonNode span = awaitTrace(trace, "").get("spans").get(0);
    assertThat(span.get("attributes").get("big").asString()).hasSize(16_384);
    assertThat(span.get("attributes").get("small").asString()).isEqualTo("ok");
    assertThat(span.get("name").asString()).hasSize(16_384);
    assertThat(counter("tracekit_collector_limits_truncated_values_total{transport=\"otlp-proto\"}") - before)
        .isEqualTo(2.0);
  }

  @Test
  void tenThousandAttributesOnOneSpanKeepTheLimitAndTheRestAreCounted() {
    Attributes.Builder attributes = Attributes.builder();
    StringBuilder tags = new StringBuilder();
    for (int i = 0; i < 10_000; i++) {
      attributes.put("attr." + i, (long) i);
      tags.append(i == 0 ? "" : ",").append("\"tag.").append(i).append("\":\"").append(i).append('"');
    }
    long jsonTrace = id();
    long protoTrace = id();
    long zipkinTrace = id();
    // OTLP JSON and protobuf: the decoders keep 128 per collection and record the rest on the span.
    assertThat(client.post("/v1/traces", "application/json", OtlpJsonEncoder.encodeTraces(List.of(
        TestSpans.span(jsonTrace, 1, 0, "oversized", "wide", 0, 10).attributes(attributes.build()).build())))
        .statusCode()).isEqualTo(200);
    ingest(List.of(TestSpans.span(protoTrace, 1, 0, "oversized", "wide", 0, 10).attributes(attributes.build()).build()));
    // Zipkin tags: the ingest limit keeps max-attributes-per-span (128) and counts the rest.
    double before = counter("tracekit_collector_limits_dropped_attributes_total{transport=\"zipkin\"}");
    String zipkin = "[{\"traceId\":\"" + Ids.toHex(zipkinTrace, zipkinTrace) + "\",\"id\":\"00000000000000a1\","
        + "\"name\":\"wide\",\"timestamp\":1700000000000000,\"duration\":10,"
        + "\"localEndpoint\":{\"serviceName\":\"oversized\"},\"tags\":{" + tags + "}}]";
    assertThat(client.post("/api/v2/spans", "application/json", zipkin.getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .statusCode()).isEqualTo(202);

    for (long trace : List.of(jsonTrace, protoTrace, zipkinTrace)) {
      JsonNode span = awaitTrace(trace, "").get("spans").get(0);
      assertThat(span.get("attributes").size()).isEqualTo(128);
      assertThat(span.get("droppedAttributesCount").asInt()).isEqualTo(10_000 - 128);
    }
    assertThat(counter("tracekit_collector_limits_dropped_attributes_total{transport=\"zipkin\"}") - before)
        .isEqualTo(10_000 - 128);
  }

  @Test
  void aTraceOfOneHundredThousandSpansIsLimitedCountedAndServedInPages() {
    double limitedBefore = counter("tracekit_collector_store_limited_spans_total");
    long trace = id();
    for (int batch = 0; batch < 10; batch++) {
      List<SpanData> spans = new ArrayList<>(10_000);
      for (int i = 0; i < 10_000; i++) {
        long n = batch * 10_000L + i + 2;
        spans.add(TestSpans.span(trace, n, batch == 0 && i == 0 ? 0 : 1, "huge", "step", n, 1).build());
      }
      ingest(spans);
    }
    // The memory store keeps max-spans-per-trace (10,000 by default) and counts the rest.
    await().atMost(Duration.ofSeconds(60))
        .until(() -> counter("tracekit_collector_store_limited_spans_total") - limitedBefore == 90_000);
    assertThat(awaitTrace(trace, "?limit=1").get("spanCount").asInt()).isEqualTo(10_000);

    JsonNode first = awaitTrace(trace, "?limit=2500");
    assertThat(first.get("spans")).hasSize(2_500);
    assertThat(first.get("spanCount").asInt()).isEqualTo(10_000);
    assertThat(first.get("truncated").asBoolean()).isTrue();

    Set<String> seen = new HashSet<>();
    for (int offset = 0; offset < 10_000; offset += 2_500) {
      JsonNode page = awaitTrace(trace, "?offset=" + offset + "&limit=2500");
      assertThat(page.get("spans")).hasSize(2_500);
      assertThat(page.get("truncated").asBoolean()).isEqualTo(offset + 2_500 < 10_000);
      page.get("spans").forEach(s -> seen.add(s.get("spanId").asString()));
    }
    assertThat(seen).hasSize(10_000);
    assertThat(awaitTrace(trace, "?offset=10000").get("spans")).isEmpty();
    assertThat(client.get("/api/traces/" + Ids.toHex(trace, trace) + "?limit=0").statusCode()).isEqualTo(400);
    assertThat(client.get("/api/traces/" + Ids.toHex(trace, trace) + "?offset=-1").statusCode()).isEqualTo(400);
    // The search summarises the trace as stored.
    JsonNode summaries = client.getJson("/api/traces?service=huge&limit=5");
    assertThat(summaries.get(0).get("spanCount").asInt()).isEqualTo(10_000);
  }
}
