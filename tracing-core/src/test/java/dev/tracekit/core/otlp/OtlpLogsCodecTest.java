package dev.tracekit.core.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.core.Attributes;
import dev.tracekit.core.InstrumentationScope;
import dev.tracekit.core.LogRecordData;
import dev.tracekit.core.Resource;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.util.List;
import org.junit.jupiter.api.Test;

class OtlpLogsCodecTest {

  private static final Resource AUTH = new Resource(Attributes.builder().put("service.name", "auth").build());
  private static final Resource DATA = new Resource(Attributes.builder()
      .put("service.name", "data").put("host.name", "h1").build());
  private static final InstrumentationScope LOGBACK = new InstrumentationScope("ch.qos.logback", "1.5");
  private static final InstrumentationScope APP = new InstrumentationScope("com.example.Orders", null);

  static List<LogRecordData> richBatch() {
    Attributes attributes = Attributes.builder()
        .put("thread.name", "http-nio-8080-exec-1")
        .put("code.lineno", 42L)
        .put("retry", true)
        .put("load", 0.75)
        .put("tags", List.of("a", "b"))
        .build();
    return List.of(
        new LogRecordData(1_700_000_000_000_000_001L, 1_700_000_000_000_000_002L, 9, "INFO", "order 42 placed",
            attributes, 0x0123456789abcdefL, 0xfedcba9876543210L, 0x1111111111111111L, 1, AUTH, LOGBACK),
        new LogRecordData(5, 6, 17, "ERROR", "lookup failed: ünïcødé \uD83D\uDE80", Attributes.empty(),
            0, 0, 0, 0, DATA, APP),
        new LogRecordData(0, 7, 0, "", "", Attributes.empty(), 0, 1, 0, 0, AUTH, APP),
        new LogRecordData(8, 0, 24, "FATAL", "x", attributes, 0, 0, 0x2222L, 0x03, DATA, LOGBACK),
        new LogRecordData(9, 9, 13, "WARN", "second in first group", Attributes.empty(),
            1, 2, 3, 1, AUTH, LOGBACK));
  }

  @Test
  void encodingIsByteIdenticalToGeneratedClasses() throws Exception {
    List<LogRecordData> logs = richBatch();
    byte[] ours = OtlpLogsCodec.encode(logs);
    ExportLogsServiceRequest expected = ProtoMapping.toProtoLogs(logs);

    assertThat(ours).isEqualTo(expected.toByteArray());
    ExportLogsServiceRequest parsed = ExportLogsServiceRequest.parseFrom(ours);
    assertThat(parsed).isEqualTo(expected);
    LogRecord first = parsed.getResourceLogs(0).getScopeLogs(0).getLogRecords(0);
    assertThat(first.getBody().getStringValue()).isEqualTo("order 42 placed");
    assertThat(first.getSeverityNumberValue()).isEqualTo(9);
    assertThat(first.getFlags()).isEqualTo(1);
    assertThat(first.getTraceId()).isEqualTo(ProtoMapping.traceId(0x0123456789abcdefL, 0xfedcba9876543210L));
    assertThat(parsed.getResourceLogs(0).getScopeLogs(0).getLogRecordsList()).extracting(LogRecord::getSeverityText)
        .containsExactly("INFO", "WARN");
  }

  @Test
  void decoderReadsGeneratedEncodingIntoTheSameRecords() {
    List<LogRecordData> logs = richBatch();
    byte[] generated = ProtoMapping.toProtoLogs(logs).toByteArray();

    assertThat(OtlpLogsCodec.decode(generated))
        .isEqualTo(ProtoMapping.grouped(logs, LogRecordData::resource, LogRecordData::scope));
  }

  @Test
  void recordsOutsideATraceCarryNoIds() throws Exception {
    LogRecordData untraced = richBatch().get(1);
    LogRecord proto = ExportLogsServiceRequest.parseFrom(OtlpLogsCodec.encode(List.of(untraced)))
        .getResourceLogs(0).getScopeLogs(0).getLogRecords(0);

    assertThat(proto.getTraceId().isEmpty()).isTrue();
    assertThat(proto.getSpanId().isEmpty()).isTrue();
    assertThat(OtlpLogsCodec.decode(OtlpLogsCodec.encode(List.of(untraced))).get(0).hasTrace()).isFalse();
  }

  @Test
  void nonStringBodiesDecodeAsText() {
    LogRecord record = LogRecord.newBuilder()
        .setBody(AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
            .addValues(AnyValue.newBuilder().setIntValue(1))
            .addValues(AnyValue.newBuilder().setStringValue("two"))))
        .build();
    ExportLogsServiceRequest request = ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(ResourceLogs.newBuilder().addScopeLogs(ScopeLogs.newBuilder().addLogRecords(record)))
        .build();

    LogRecordData decoded = OtlpLogsCodec.decode(request.toByteArray()).get(0);

    assertThat(decoded.body()).isEqualTo("[1, two]");
    assertThat(decoded.resource()).isEqualTo(Resource.empty());
    assertThat(decoded.scope()).isEqualTo(new InstrumentationScope("", null));
  }
}
