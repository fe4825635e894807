package dev.tracekit.core.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.core.LogRecordData;
import dev.tracekit.core.SpanData;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Byte compatibility with the generated classes, both ways, over random batches. */
class OtlpCodecPropertyTest {

  @Property(tries = 300)
  void randomSpansEncodeByteIdenticalToGeneratedClasses(@ForAll long seed) throws Exception {
    List<SpanData> spans = new RandomTelemetry(seed).spans(12);
    byte[] ours = OtlpTraceCodec.encode(spans);
    ExportTraceServiceRequest expected = ProtoMapping.toProto(spans);

    assertThat(ours).isEqualTo(expected.toByteArray());
    // Compared after a parse on both sides: unpaired surrogates become '?' on the wire.
    assertThat(ExportTraceServiceRequest.parseFrom(ours))
        .isEqualTo(ExportTraceServiceRequest.parseFrom(expected.toByteArray()));
  }

  @Property(tries = 300)
  void randomSpansRoundTripUnchanged(@ForAll long seed) {
    List<SpanData> spans = new RandomTelemetry(seed, true).spans(12);

    assertThat(OtlpTraceCodec.decode(OtlpTraceCodec.encode(spans)))
        .isEqualTo(ProtoMapping.grouped(spans, SpanData::resource, SpanData::scope));
  }

  @Property(tries = 300)
  void randomGeneratedTraceRequestsDecodeAsTheGeneratedParserReadsThem(@ForAll long seed) throws Exception {
    byte[] generated = new RandomTelemetry(seed).protoTraceRequest().toByteArray();
    // Parse back first: strings with unpaired surrogates were serialized as '?'.
    List<SpanData> expected = ProtoMapping.fromProto(ExportTraceServiceRequest.parseFrom(generated));

    List<SpanData> decoded = OtlpTraceCodec.decode(generated);

    assertThat(decoded).isEqualTo(expected);
    // Re-encoding what we decoded is what the generated classes make of the same spans.
    assertThat(OtlpTraceCodec.encode(decoded)).isEqualTo(ProtoMapping.toProto(decoded).toByteArray());
  }

  @Property(tries = 300)
  void randomLogsEncodeByteIdenticalToGeneratedClasses(@ForAll long seed) throws Exception {
    List<LogRecordData> logs = new RandomTelemetry(seed).logs(12);
    byte[] ours = OtlpLogsCodec.encode(logs);
    ExportLogsServiceRequest expected = ProtoMapping.toProtoLogs(logs);

    assertThat(ours).isEqualTo(expected.toByteArray());
    assertThat(ExportLogsServiceRequest.parseFrom(ours))
        .isEqualTo(ExportLogsServiceRequest.parseFrom(expected.toByteArray()));
  }

  @Property(tries = 300)
  void randomLogsRoundTripUnchanged(@ForAll long seed) {
    List<LogRecordData> logs = new RandomTelemetry(seed, true).logs(12);

    assertThat(OtlpLogsCodec.decode(OtlpLogsCodec.encode(logs)))
        .isEqualTo(ProtoMapping.grouped(logs, LogRecordData::resource, LogRecordData::scope));
  }

  @Property(tries = 300)
  void randomGeneratedLogRequestsDecodeAsTheGeneratedParserReadsThem(@ForAll long seed) throws Exception {
    byte[] generated = new RandomTelemetry(seed).protoLogsRequest().toByteArray();
    List<LogRecordData> expected = ProtoMapping.fromProto(ExportLogsServiceRequest.parseFrom(generated));

    List<LogRecordData> decoded = OtlpLogsCodec.decode(generated);

    assertThat(decoded).isEqualTo(expected);
    assertThat(OtlpLogsCodec.encode(decoded)).isEqualTo(ProtoMapping.toProtoLogs(decoded).toByteArray());
  }
}
