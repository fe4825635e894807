package dev.tracekit.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.collector.CollectorClient;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Our hand-encoded responses, read back with the official generated OTLP classes. */
class OtlpResponsesTest {

  @Test
  void fullSuccessIsAnEmptyMessage() throws Exception {
    byte[] proto = OtlpResponses.export(false, IngestMetrics.Signal.SPANS, 0, "");

    assertThat(proto).isEmpty();
    assertThat(ExportTraceServiceResponse.parseFrom(proto).hasPartialSuccess()).isFalse();
    assertThat(new String(OtlpResponses.export(true, IngestMetrics.Signal.SPANS, 0, ""))).isEqualTo("{}");
  }

  @Test
  void partialSuccessOfSpansParsesWithTheOfficialClasses() throws Exception {
    ExportTraceServiceResponse parsed = ExportTraceServiceResponse.parseFrom(
        OtlpResponses.export(false, IngestMetrics.Signal.SPANS, 300, "span 'x': ids are wrong ✓"));

    assertThat(parsed.getPartialSuccess().getRejectedSpans()).isEqualTo(300);
    assertThat(parsed.getPartialSuccess().getErrorMessage()).isEqualTo("span 'x': ids are wrong ✓");
  }

  @Test
  void partialSuccessOfLogsParsesWithTheOfficialClasses() throws Exception {
    ExportLogsServiceResponse parsed = ExportLogsServiceResponse.parseFrom(
        OtlpResponses.export(false, IngestMetrics.Signal.LOGS, 2, "bad"));

    assertThat(parsed.getPartialSuccess().getRejectedLogRecords()).isEqualTo(2);
    assertThat(parsed.getPartialSuccess().getErrorMessage()).isEqualTo("bad");
  }

  @Test
  void jsonPartialSuccessFollowsTheProto3JsonMapping() {
    JsonNode spans = CollectorClient.JSON.readTree(OtlpResponses.export(true, IngestMetrics.Signal.SPANS, 3, "why"));
    JsonNode logs = CollectorClient.JSON.readTree(OtlpResponses.export(true, IngestMetrics.Signal.LOGS, 4, "why"));

    assertThat(spans.get("partialSuccess").get("rejectedSpans").stringValue()).isEqualTo("3");
    assertThat(spans.get("partialSuccess").get("errorMessage").stringValue()).isEqualTo("why");
    assertThat(logs.get("partialSuccess").get("rejectedLogRecords").stringValue()).isEqualTo("4");
  }

  @Test
  void statusCarriesTheGrpcCodeAndMessage() {
    IngestBadInputTest.RpcStatus status = IngestBadInputTest.RpcStatus.parse(
        OtlpResponses.status(false, OtlpResponses.UNAVAILABLE, "queue is full"));
    JsonNode json = CollectorClient.JSON.readTree(OtlpResponses.status(true, OtlpResponses.INVALID_ARGUMENT, "bad"));

    assertThat(status).isEqualTo(new IngestBadInputTest.RpcStatus(14, "queue is full"));
    assertThat(json.get("code").intValue()).isEqualTo(3);
    assertThat(json.get("message").stringValue()).isEqualTo("bad");
  }
}
