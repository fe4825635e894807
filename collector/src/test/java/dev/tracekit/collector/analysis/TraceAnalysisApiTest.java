package dev.tracekit.collector.analysis;

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
import dev.tracekit.core.TraceFlags;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/traces/{id}/analysis} and {@code /report} over real HTTP, on spans ingested over
 * real HTTP. Services carry a random suffix so that the shared collector's other data stays out.
 */
class TraceAnalysisApiTest extends CollectorHttpTest {

  private final String service = "orders-" + Long.toHexString(randomId());

  private void send(List<SpanData> spans) {
    assertThat(client.post("/v1/traces", "application/json", OtlpJsonEncoder.encodeTraces(spans)).statusCode())
        .isEqualTo(200);
  }

  private void awaitSpans(long trace, int count) {
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      HttpResponse<byte[]> response = client.get("/api/traces/" + hex(trace));
      return response.statusCode() == 200 && CollectorClient.json(response).get("spans").size() == count;
    });
  }

  private static String hex(long trace) {
    return Ids.toHex(trace, trace);
  }

  private static String spanHex(long trace, long n) {
    return Ids.toHex(trace * 100 + n);
  }

  /** GET /orders with {@code queries} identical statements, 20 ms each, one after another. */
  private List<SpanData> nPlusOne(long trace, int queries) {
    List<SpanData> spans = new ArrayList<>();
    spans.add(TestSpans.root(trace, service, "GET /orders", 0, 20_000L * queries + 10_000));
    for (int i = 0; i < queries; i++) {
      spans.add(TestSpans.span(trace, trace * 100 + 2 + i, trace * 100 + 1, service, "SELECT", 5_000 + 20_000L * i, 18_000)
          .kind(SpanKind.CLIENT)
          .attributes(Attributes.builder().put("db.system", "postgresql")
              .put("db.statement", "select * from items where order_id = " + (7 + i)).build())
          .build());
    }
    return spans;
  }

  @Test
  void analysisNamesTheRepeatedQueriesOfAnNPlusOneTrace() {
    long trace = randomId();
    send(nPlusOne(trace, 6));
    awaitSpans(trace, 7);

    JsonNode analysis = client.getJson("/api/traces/" + hex(trace) + "/analysis");

    assertThat(analysis.get("traceId").stringValue()).isEqualTo(hex(trace));
    assertThat(analysis.get("spanCount").intValue()).isEqualTo(7);
    assertThat(analysis.get("durationMicros").longValue()).isEqualTo(130_000);
    JsonNode finding = analysis.get("findings").get(0);
    assertThat(finding.get("type").stringValue()).isEqualTo("N_PLUS_ONE");
    assertThat(finding.get("timeAtStakeMicros").longValue()).isEqualTo(6 * 18_000);
    List<String> ids = new ArrayList<>();
    finding.get("spanIds").forEach(id -> ids.add(id.stringValue()));
    assertThat(ids).containsExactly(spanHex(trace, 2), spanHex(trace, 3), spanHex(trace, 4), spanHex(trace, 5),
        spanHex(trace, 6), spanHex(trace, 7));
    assertThat(analysis.get("criticalPath").get(0).get("spanId").stringValue()).isEqualTo(spanHex(trace, 1));
    assertThat(analysis.get("serviceBreakdown").get(0).get("service").stringValue()).isEqualTo(service);
    assertThat(analysis.get("spans")).hasSize(7);
  }

  @Test
  void reportIsPlainTextWithBreakdownCriticalPathAndFindings() {
    long trace = randomId();
    List<SpanData> spans = nPlusOne(trace, 5);
    spans.set(0, TestSpans.root(trace, service, "GET /orders/overview", 0, 110_000));
    send(spans);
    awaitSpans(trace, 6);

    HttpResponse<byte[]> response = client.get("/api/traces/" + hex(trace) + "/report");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain;charset=UTF-8");
    String text = CollectorClient.text(response);
    assertThat(text).contains(hex(trace)).contains("GET /orders/overview").contains(service)
        .contains("N_PLUS_ONE").contains("Critical path");
  }

  @ParameterizedTest
  @ValueSource(strings = {"analysis", "report"})
  void malformedTraceIdIs400AndUnknownTraceIs404(String view) {
    HttpResponse<byte[]> bad = client.get("/api/traces/not-a-trace-id/" + view);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(CollectorClient.json(bad).get("error").stringValue()).contains("32 (or 16) hex").contains("not-a-trace-id");

    HttpResponse<byte[]> unknown = client.get("/api/traces/" + hex(randomId()) + "/" + view);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(CollectorClient.json(unknown).get("error").stringValue()).startsWith("no spans stored for trace");
  }

  @Test
  void traceWithLogsButNoSpansHasNoAnalysis() {
    long trace = randomId();
    LogRecordData log = new LogRecordData(TestSpans.nanos(5), TestSpans.nanos(5), 9, "INFO", "orphan log",
        Attributes.empty(), trace, trace, trace * 100 + 1, TraceFlags.SAMPLED, TestSpans.service(service),
        new InstrumentationScope("test", null));
    assertThat(client.post("/v1/logs", "application/json", OtlpJsonEncoder.encodeLogs(List.of(log))).statusCode())
        .isEqualTo(200);
    await().atMost(Duration.ofSeconds(30)).until(() -> client.get("/api/traces/" + hex(trace)).statusCode() == 200);

    assertThat(client.get("/api/traces/" + hex(trace) + "/analysis").statusCode()).isEqualTo(404);
  }

  @Test
  void slowSpanIsFoundAgainstTheRecentDurationsOfItsOperation() {
    String rare = "GET /rare-" + Long.toHexString(randomId());
    long once = randomId();
    send(List.of(TestSpans.root(once, service, rare, 0, 400_000)));
    awaitSpans(once, 1);
    // A single stored span is no history to compare with.
    assertThat(findingTypes(once)).doesNotContain("SLOW_SPAN");

    // 150 usual durations (10-25 ms), then one of 400 ms: over the p99 of the 151.
    String operation = "GET /slow-" + Long.toHexString(randomId());
    for (int batch = 0; batch < 2; batch++) {
      List<SpanData> usual = new ArrayList<>();
      for (int i = 0; i < 75; i++) {
        int n = batch * 75 + i;
        usual.add(TestSpans.root(randomId(), service, operation, 1_000L * n, 10_000 + 100L * n));
      }
      send(usual);
    }
    long slow = randomId();
    send(List.of(TestSpans.root(slow, service, operation, 500_000, 400_000)));
    awaitSpans(slow, 1);

    JsonNode finding = null;
    for (JsonNode f : client.getJson("/api/traces/" + hex(slow) + "/analysis").get("findings")) {
      if (f.get("type").stringValue().equals("SLOW_SPAN")) {
        finding = f;
      }
    }
    assertThat(finding).as("SLOW_SPAN finding").isNotNull();
    assertThat(finding.get("spanIds").get(0).stringValue()).isEqualTo(spanHex(slow, 1));
    assertThat(finding.get("message").stringValue()).contains(operation).contains("p99").contains("151 stored spans");
  }

  private List<String> findingTypes(long trace) {
    List<String> types = new ArrayList<>();
    client.getJson("/api/traces/" + hex(trace) + "/analysis").get("findings")
        .forEach(f -> types.add(f.get("type").stringValue()));
    return types;
  }
}
