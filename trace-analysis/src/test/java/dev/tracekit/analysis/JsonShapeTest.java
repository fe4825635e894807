package dev.tracekit.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.analysis.TraceFixture.Spec;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JsonShapeTest {

  @Test
  void analysisSerializesAsPlainJsonUnderItsComponentNames() {
    TraceFixture t = new TraceFixture();
    Spec root = t.root("data-service", "GET /orders").ms(0, 400);
    for (int i = 0; i < 5; i++) {
      root.query("SELECT * FROM items WHERE id = " + i).ms(10 + i * 30L, 40 + i * 30L);
    }
    TraceAnalysis analysis = t.analyze();

    JsonNode json = JsonMapper.builder().build().valueToTree(analysis);

    assertThat(json.get("traceId").asString()).isEqualTo(TraceFixture.TRACE_ID);
    assertThat(json.get("durationMicros").asLong()).isEqualTo(400_000);
    assertThat(json.get("syntheticRoot").asBoolean()).isFalse();
    assertThat(json.get("services").get(0).asString()).isEqualTo("data-service");
    JsonNode finding = json.get("findings").get(0);
    assertThat(finding.get("type").asString()).isEqualTo("N_PLUS_ONE");
    assertThat(finding.get("severity").asString()).isEqualTo("WARNING");
    assertThat(finding.get("timeAtStakeMicros").asLong()).isEqualTo(150_000);
    assertThat(finding.get("spanIds")).hasSize(5);
    assertThat(finding.get("message").asString()).startsWith("5 x `SELECT");
    JsonNode span = json.get("spans").get(0);
    assertThat(span.get("kind").asString()).isEqualTo("SERVER");
    assertThat(span.get("parentSpanId").isNull()).isTrue();
    assertThat(span.get("selfTimeMicros").asLong()).isEqualTo(250_000);
    assertThat(json.get("criticalPath").get(0).get("contributionMicros").asLong()).isEqualTo(10_000);
    assertThat(json.get("serviceBreakdown").get(0).get("selfTimePercent").asDouble()).isEqualTo(100.0);
    assertThat(json.get("operationBreakdown")).hasSize(2);
    assertThat(json.get("clockSkewCorrections").isArray()).isTrue();
  }
}
