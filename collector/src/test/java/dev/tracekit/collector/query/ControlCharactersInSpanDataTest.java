package dev.tracekit.collector.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tracekit.collector.CollectorClient;
import dev.tracekit.collector.CollectorHttpTest;
import dev.tracekit.collector.TestSpans;
import dev.tracekit.collector.otlpjson.OtlpJsonEncoder;
import dev.tracekit.core.Attributes;
import dev.tracekit.core.Ids;
import dev.tracekit.core.otlp.OtlpTraceCodec;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Span names, attribute values and log bodies with CR, LF, NUL and other control characters are
 * stored as sent and served back exactly, escaped inside the JSON (no raw control character
 * reaches the response), whatever transport brought them.
 */
class ControlCharactersInSpanDataTest extends CollectorHttpTest {

  private static final String EVIL = "GET /x\r\nX-Forged: 1\r\n\r\n{\"spans\":[]}\u0000\u001b[2J\u2028end";

  @Test
  void controlCharactersAreServedBackExactlyInsideValidJson() {
    long protoTrace = randomId();
    long jsonTrace = randomId();
    var protoSpan = TestSpans.span(protoTrace, 1, 0, "evil\nservice", EVIL, 0, 10)
        .attributes(Attributes.builder().put("note", EVIL).build()).build();
    var jsonSpan = TestSpans.span(jsonTrace, 1, 0, "evil\nservice", EVIL, 0, 10).build();
    assertThat(client.post("/v1/traces", "application/x-protobuf", OtlpTraceCodec.encode(List.of(protoSpan)))
        .statusCode()).isEqualTo(200);
    assertThat(client.post("/v1/traces", "application/json", OtlpJsonEncoder.encodeTraces(List.of(jsonSpan)))
        .statusCode()).isEqualTo(200);
    assertThat(client.post("/v1/logs", "application/json",
        OtlpJsonEncoder.encodeLogs(List.of(TestSpans.log(protoTrace, protoTrace * 100 + 1, "evil\nservice", 1, 9, EVIL))))
        .statusCode()).isEqualTo(200);

    for (long trace : List.of(protoTrace, jsonTrace)) {
      String path = "/api/traces/" + Ids.toHex(trace, trace);
      await().atMost(Duration.ofSeconds(30)).until(() -> client.get(path).statusCode() == 200);
      HttpResponse<byte[]> response = client.get(path);
      String raw = CollectorClient.text(response);
      assertThat(raw.chars().noneMatch(c -> c < 0x20)).as("raw control characters in the JSON").isTrue();
      JsonNode span = CollectorClient.json(response).get("spans").get(0);
      assertThat(span.get("name").asString()).isEqualTo(EVIL);
      assertThat(span.get("service").asString()).isEqualTo("evil\nservice");
    }
    JsonNode proto = client.getJson("/api/traces/" + Ids.toHex(protoTrace, protoTrace));
    assertThat(proto.get("spans").get(0).get("attributes").get("note").asString()).isEqualTo(EVIL);
    await().atMost(Duration.ofSeconds(30)).until(() -> client.getJson("/api/traces/" + Ids.toHex(protoTrace, protoTrace))
        .get("logs").size() == 1);
    assertThat(client.getJson("/api/traces/" + Ids.toHex(protoTrace, protoTrace)).get("logs").get(0).get("body")
        .asString()).isEqualTo(EVIL);
    String search = CollectorClient.text(client.get("/api/traces?service=" + CollectorClient.encode("evil\nservice")));
    assertThat(search.chars().noneMatch(c -> c < 0x20)).isTrue();
    assertThat(CollectorClient.JSON.readTree(search).get(0).get("rootName").asString()).isEqualTo(EVIL);
  }
}
