package dev.tracekit.collector.query;

import static dev.tracekit.collector.CollectorClient.encode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tracekit.collector.CollectorClient;
import dev.tracekit.collector.CollectorHttpTest;
import dev.tracekit.collector.TestSpans;
import dev.tracekit.collector.otlpjson.OtlpJsonEncoder;
import dev.tracekit.core.Attributes;
import dev.tracekit.core.Ids;
import dev.tracekit.core.InstrumentationScope;
import dev.tracekit.core.LogRecordData;
import dev.tracekit.core.SpanData;
import dev.tracekit.core.SpanKind;
import dev.tracekit.core.StatusCode;
import dev.tracekit.core.TraceFlags;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * The query API over real HTTP, on data ingested over real HTTP. Services carry a random suffix
 * so that this class sees only its own data in the shared collector.
 */
class QueryApiTest extends CollectorHttpTest {

  /** Each test's data lies in its own minute, after everything the other HTTP tests send. */
  private static final AtomicLong MINUTE = new AtomicLong();

  private long base;
  private String api;
  private String db;
  private long t1;
  private long t2;
  private long t3;

  @BeforeEach
  void ingest() {
    String suffix = Long.toHexString(randomId());
    api = "api-" + suffix;
    db = "db-" + suffix;
    t1 = randomId();
    t2 = randomId();
    t3 = randomId();
    base = TestSpans.T0 / 1_000 + 86_400_000_000L + MINUTE.incrementAndGet() * 60_000_000L;
    List<SpanData> spans = new ArrayList<>();
    // t1: fast, ok. t2: slow, a failing database call. t3: newest, tagged.
    spans.add(span(t1, 1, 0, api, "GET /a", SpanKind.SERVER, 1_000, 100_000, Attributes.empty()));
    spans.add(span(t2, 1, 0, api, "GET /b", SpanKind.SERVER, 2_000, 2_000_000, Attributes.empty()));
    spans.add(span(t2, 2, 1, api, "SELECT", SpanKind.CLIENT, 2_100, 1_500_000, Attributes.empty()));
    spans.add(TestSpans.error(span(t2, 3, 2, db, "query", SpanKind.SERVER, 2_200, 1_400_000, Attributes.empty())));
    spans.add(span(t3, 1, 0, api, "GET /a", SpanKind.SERVER, 3_000, 300_000,
        Attributes.builder().put("region", "eu").put("http.response.status_code", 503L).build()));
    post("/v1/traces", OtlpJsonEncoder.encodeTraces(spans));
    List<LogRecordData> logs = List.of(
        log(t2, 1, api, 2_050, 9, "INFO", "handling GET /b"),
        log(t2, 3, db, 2_300, 17, "ERROR", "Query TIMEOUT after 1.4 s"),
        log(0, 0, api, 5_000, 13, "WARN", "pool nearly exhausted"));
    post("/v1/logs", OtlpJsonEncoder.encodeLogs(logs));
    await().atMost(Duration.ofSeconds(30)).until(() ->
        client.getJson("/api/traces?service=" + api).size() == 3 && client.getJson("/api/logs?service=" + api).size() == 2);
  }

  private void post(String path, byte[] body) {
    assertThat(client.post(path, "application/json", body).statusCode()).isEqualTo(200);
  }

  private SpanData span(long trace, long n, long parent, String service, String name, SpanKind kind,
      long startMicros, long durationMicros, Attributes attributes) {
    return TestSpans.span(trace, trace * 100 + n, parent == 0 ? 0 : trace * 100 + parent, service, name,
        micros(startMicros) - TestSpans.T0 / 1_000, durationMicros).kind(kind).attributes(attributes).build();
  }

  private LogRecordData log(long trace, long span, String service, long atMicros, int severity, String level,
      String body) {
    return new LogRecordData(micros(atMicros) * 1_000, micros(atMicros) * 1_000, severity, level, body,
        Attributes.empty(), trace, trace, span == 0 ? 0 : trace * 100 + span, TraceFlags.SAMPLED,
        TestSpans.service(service), new InstrumentationScope("test", null));
  }

  /** Epoch microseconds of an offset into this test's minute. */
  private long micros(long offsetMicros) {
    return base + offsetMicros;
  }

  private static String hex(long trace) {
    return Ids.toHex(trace, trace);
  }

  private List<String> traceIds(String query) {
    List<String> ids = new ArrayList<>();
    client.getJson("/api/traces?" + query).forEach(t -> ids.add(t.get("traceId").stringValue()));
    return ids;
  }

  @Test
  void searchReturnsNewestFirstWithSummaries() {
    JsonNode results = client.getJson("/api/traces?service=" + api);

    assertThat(results).extracting(r -> r.get("traceId").stringValue()).containsExactly(hex(t3), hex(t2), hex(t1));
    JsonNode slow = results.get(1);
    assertThat(slow.get("rootName").stringValue()).isEqualTo("GET /b");
    assertThat(slow.get("rootService").stringValue()).isEqualTo(api);
    assertThat(slow.get("startMicros").longValue()).isEqualTo(micros(2_000));
    assertThat(slow.get("durationMicros").longValue()).isEqualTo(2_000_000);
    assertThat(slow.get("spanCount").intValue()).isEqualTo(3);
    assertThat(slow.get("errorCount").intValue()).isEqualTo(1);
    assertThat(slow.get("error").booleanValue()).isTrue();
    assertThat(slow.get("services")).extracting(JsonNode::stringValue).containsExactly(api, db);
  }

  @Test
  void searchFiltersByOperationTagsDurationErrorTimeAndLimit() {
    assertThat(traceIds("service=" + api + "&operation=" + encode("GET /a"))).containsExactly(hex(t3), hex(t1));
    assertThat(traceIds("service=" + api + "&tag=region=eu&tag=http.response.status_code=503")).containsExactly(hex(t3));
    assertThat(traceIds("service=" + api + "&tag=region=us")).isEmpty();
    assertThat(traceIds("service=" + api + "&minDuration=250ms")).containsExactly(hex(t3), hex(t2));
    assertThat(traceIds("service=" + api + "&minDuration=1.5s")).containsExactly(hex(t2));
    assertThat(traceIds("service=" + api + "&maxDuration=150000")).containsExactly(hex(t1));
    assertThat(traceIds("service=" + db + "&error=true")).containsExactly(hex(t2));
    assertThat(traceIds("service=" + api + "&error=false")).containsExactly(hex(t3), hex(t1));
    assertThat(traceIds("service=" + api + "&limit=1")).containsExactly(hex(t3));
    assertThat(traceIds("service=" + api + "&start=" + micros(1_500) + "&end=" + micros(2_500))).containsExactly(hex(t2));
    String instant = java.time.Instant.EPOCH.plus(micros(1_500), java.time.temporal.ChronoUnit.MICROS).toString();
    assertThat(traceIds("service=" + api + "&end=" + encode(instant))).containsExactly(hex(t1));
  }

  @Test
  void traceHoldsItsSpansInStartOrderAndItsLogs() {
    JsonNode trace = client.getJson("/api/traces/" + hex(t2));

    assertThat(trace.get("traceId").stringValue()).isEqualTo(hex(t2));
    assertThat(trace.get("spans")).extracting(s -> s.get("name").stringValue()).containsExactly("GET /b", "SELECT", "query");
    JsonNode query = trace.get("spans").get(2);
    assertThat(query.get("parentSpanId").stringValue()).isEqualTo(Ids.toHex(t2 * 100 + 2));
    assertThat(query.get("service").stringValue()).isEqualTo(db);
    assertThat(query.get("status").get("code").stringValue()).isEqualTo("ERROR");
    assertThat(trace.get("spans").get(0).has("parentSpanId")).isFalse();
    assertThat(trace.get("logs")).extracting(l -> l.get("body").stringValue())
        .containsExactly("handling GET /b", "Query TIMEOUT after 1.4 s");
    assertThat(trace.get("logs").get(1).get("level").stringValue()).isEqualTo("ERROR");
    assertThat(trace.get("logs").get(1).get("spanId").stringValue()).isEqualTo(Ids.toHex(t2 * 100 + 3));
  }

  @Test
  void spanNamesThePageThatHoldsIt() {
    // t2's spans by start time: GET /b, SELECT, query; pages of two.
    JsonNode second = client.getJson("/api/traces/" + hex(t2) + "?limit=2&span=" + Ids.toHex(t2 * 100 + 3));
    assertThat(second.get("offset").intValue()).isEqualTo(2);
    assertThat(second.get("spans")).extracting(s -> s.get("name").stringValue()).containsExactly("query");
    JsonNode first = client.getJson("/api/traces/" + hex(t2) + "?limit=2&span=" + Ids.toHex(t2 * 100 + 2));
    assertThat(first.get("offset").intValue()).isEqualTo(0);
    assertThat(first.get("spans")).extracting(s -> s.get("name").stringValue()).containsExactly("GET /b", "SELECT");

    HttpResponse<byte[]> elsewhere = client.get("/api/traces/" + hex(t2) + "?span=" + Ids.toHex(t1 * 100 + 1));
    assertThat(elsewhere.statusCode()).isEqualTo(404);
    assertThat(CollectorClient.json(elsewhere).get("error").stringValue())
        .isEqualTo("span " + Ids.toHex(t1 * 100 + 1) + " is not in trace " + hex(t2));
    HttpResponse<byte[]> both = client.get("/api/traces/" + hex(t2) + "?offset=0&span=" + Ids.toHex(t2 * 100 + 2));
    assertThat(both.statusCode()).isEqualTo(400);
    assertThat(CollectorClient.json(both).get("error").stringValue()).contains("offset", "span");
    assertThat(client.get("/api/traces/" + hex(t2) + "?span=xyz").statusCode()).isEqualTo(400);
  }

  @Test
  void unknownTraceGets404AndAMalformedIdGets400() {
    HttpResponse<byte[]> unknown = client.get("/api/traces/" + hex(randomId()));
    HttpResponse<byte[]> malformed = client.get("/api/traces/not-a-trace-id");

    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(CollectorClient.json(unknown).get("error").stringValue()).contains("not found");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(CollectorClient.json(malformed).get("error").stringValue()).contains("traceId");
  }

  @Test
  void servicesAndTheirOperations() {
    assertThat(client.getJson("/api/services")).extracting(JsonNode::stringValue).contains(api, db);
    assertThat(client.getJson("/api/services/" + encode(api) + "/operations")).extracting(JsonNode::stringValue)
        .containsExactly("GET /a", "GET /b", "SELECT");
    assertThat(client.getJson("/api/services/nobody-" + api + "/operations")).isEmpty();
  }

  @Test
  void logSearchByServiceLevelTextTraceAndSpan() {
    assertThat(client.getJson("/api/logs?service=" + api)).extracting(l -> l.get("body").stringValue())
        .containsExactly("pool nearly exhausted", "handling GET /b");
    assertThat(client.getJson("/api/logs?service=" + api + "&level=WARN")).extracting(l -> l.get("body").stringValue())
        .containsExactly("pool nearly exhausted");
    assertThat(client.getJson("/api/logs?traceId=" + hex(t2) + "&q=timeout")).extracting(l -> l.get("body").stringValue())
        .containsExactly("Query TIMEOUT after 1.4 s");
    assertThat(client.getJson("/api/logs?traceId=" + hex(t2) + "&spanId=" + Ids.toHex(t2 * 100 + 1)))
        .extracting(l -> l.get("body").stringValue()).containsExactly("handling GET /b");
    assertThat(client.getJson("/api/logs?service=" + api + "&limit=1")).hasSize(1);
  }

  @Test
  void dependenciesLinkTheCallerToTheCalledService() {
    JsonNode links = client.getJson("/api/dependencies?start=" + micros(1_500) + "&end=" + micros(2_500));

    assertThat(links).hasSize(1);
    JsonNode link = links.get(0);
    assertThat(link.get("parent").stringValue()).isEqualTo(api);
    assertThat(link.get("child").stringValue()).isEqualTo(db);
    assertThat(link.get("callCount").longValue()).isEqualTo(1);
    assertThat(link.get("errorCount").longValue()).isEqualTo(1);
    assertThat(link.get("p50Micros").longValue()).isBetween(1_450_000L, 1_550_000L);
    assertThat(link.get("p99Micros").longValue()).isBetween(1_450_000L, 1_550_000L);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "/api/traces?limit=0",
      "/api/traces?limit=abc",
      "/api/traces?limit=5000",
      "/api/traces?minDuration=5parsecs",
      "/api/traces?maxDuration=-1s",
      "/api/traces?start=yesterday",
      "/api/traces?end=99999999999999999999999",
      "/api/traces?error=maybe",
      "/api/traces?tag=novalue",
      "/api/logs?level=LOUD",
      "/api/logs?traceId=xyz",
      "/api/logs?spanId=12",
      "/api/logs?start=-forever",
      "/api/dependencies?start=-1h&end=-2h",
  })
  void badParametersGet400WithTheReason(String pathAndQuery) {
    HttpResponse<byte[]> response = client.get(pathAndQuery);

    assertThat(response.statusCode()).isEqualTo(400);
    String parameter = pathAndQuery.substring(pathAndQuery.indexOf('?') + 1, pathAndQuery.indexOf('='));
    assertThat(CollectorClient.json(response).get("error").stringValue()).contains(parameter);
  }

  @Test
  void actuatorExposesHealthInfoMetricsAndPrometheusOnly() {
    assertThat(client.get("/actuator/health").statusCode()).isEqualTo(200);
    assertThat(client.get("/actuator/info").statusCode()).isEqualTo(200);
    assertThat(client.get("/actuator/metrics/tracekit.collector.spans.received").statusCode()).isEqualTo(200);
    String prometheus = CollectorClient.text(client.get("/actuator/prometheus"));
    assertThat(prometheus)
        .contains("tracekit_collector_spans_received_total{transport=\"otlp-json\"}")
        .contains("tracekit_collector_spans_stored_total{transport=\"otlp-json\"}")
        .contains("tracekit_collector_logs_stored_total{transport=\"otlp-json\"}")
        .contains("tracekit_collector_ingest_latency_seconds_count{transport=\"otlp-json\"}")
        .contains("tracekit_collector_queue_depth")
        .contains("tracekit_collector_store_spans")
        .contains("tracekit_collector_store_evicted_spans_total");
    for (String hidden : List.of("env", "beans", "configprops", "heapdump", "threaddump", "loggers", "shutdown")) {
      assertThat(client.get("/actuator/" + hidden).statusCode()).as(hidden).isEqualTo(404);
    }
  }
}
