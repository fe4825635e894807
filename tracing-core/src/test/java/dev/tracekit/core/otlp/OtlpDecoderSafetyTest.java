package dev.tracekit.core.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.tracekit.core.LogRecordData;
import dev.tracekit.core.SpanData;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The decoders refuse bad input with a clear {@link MalformedPayloadException} and nothing else. */
class OtlpDecoderSafetyTest {

  private static final Span VALID = Span.newBuilder()
      .setTraceId(ProtoMapping.traceId(1, 2))
      .setSpanId(ProtoMapping.spanId(3))
      .setName("valid")
      .build();

  private static byte[] request(Span span) {
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(ScopeSpans.newBuilder().addSpans(span)))
        .build()
        .toByteArray();
  }

  private static byte[] request(LogRecord log) {
    return ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(ResourceLogs.newBuilder().addScopeLogs(ScopeLogs.newBuilder().addLogRecords(log)))
        .build()
        .toByteArray();
  }

  private static void assertMalformed(byte[] payload, String message) {
    assertThatThrownBy(() -> OtlpTraceCodec.decode(payload))
        .isInstanceOf(MalformedPayloadException.class)
        .hasMessageContaining(message);
  }

  private static ByteString bytes(int length) {
    return ByteString.copyFrom(new byte[length]);
  }

  @Test
  void validSpanDecodes() {
    assertThat(OtlpTraceCodec.decode(request(VALID))).extracting(SpanData::name).containsExactly("valid");
  }

  @Test
  void traceIdOfWrongLengthIsRefusedNamingTheField() {
    assertMalformed(request(VALID.toBuilder().setTraceId(bytes(15)).build()),
        "Span.trace_id must be 16 bytes, was 15");
  }

  @Test
  void spanIdOfWrongLengthIsRefusedNamingTheField() {
    assertMalformed(request(VALID.toBuilder().setSpanId(bytes(9)).build()), "Span.span_id must be 8 bytes, was 9");
  }

  @Test
  void parentSpanIdMustBeEmptyOrEightBytes() {
    assertMalformed(request(VALID.toBuilder().setParentSpanId(bytes(4)).build()),
        "Span.parent_span_id must be 8 bytes or empty, was 4");
    assertThat(OtlpTraceCodec.decode(request(VALID.toBuilder().setParentSpanId(ProtoMapping.spanId(9)).build()))
        .get(0).parentSpanId()).isEqualTo(9);
  }

  @Test
  void missingOrAllZeroIdsAreRefused() {
    assertMalformed(request(VALID.toBuilder().clearTraceId().build()), "Span.trace_id is missing");
    assertMalformed(request(VALID.toBuilder().clearSpanId().build()), "Span.span_id is missing");
    assertMalformed(request(VALID.toBuilder().setTraceId(bytes(16)).build()), "Span.trace_id is all zeros");
    assertMalformed(request(VALID.toBuilder().setSpanId(bytes(8)).build()), "Span.span_id is all zeros");
  }

  @Test
  void linkIdsOfWrongLengthAreRefused() {
    Span.Link link = Span.Link.newBuilder().setTraceId(ProtoMapping.traceId(1, 1)).setSpanId(bytes(7)).build();
    assertMalformed(request(VALID.toBuilder().addLinks(link).build()), "Link.span_id must be 8 bytes, was 7");
  }

  @Test
  void logIdsMustBeEmptyOrExact() {
    assertThatThrownBy(() -> OtlpLogsCodec.decode(request(LogRecord.newBuilder().setTraceId(bytes(8)).build())))
        .isInstanceOf(MalformedPayloadException.class)
        .hasMessageContaining("LogRecord.trace_id must be 16 bytes or empty, was 8");
    assertThatThrownBy(() -> OtlpLogsCodec.decode(request(LogRecord.newBuilder().setSpanId(bytes(16)).build())))
        .isInstanceOf(MalformedPayloadException.class)
        .hasMessageContaining("LogRecord.span_id must be 8 bytes or empty, was 16");
  }

  @Test
  void lengthBeyondThePayloadIsRefusedBeforeAllocating() {
    // resource_spans claiming 2^31-1 bytes, then a 10-byte varint that is negative as a long.
    assertMalformed(new byte[] {0x0A, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07},
        "ResourceSpans: length 2147483647 exceeds the 0 bytes left");
    byte[] negative = new byte[12];
    negative[0] = 0x0A;
    Arrays.fill(negative, 1, 10, (byte) 0xFF);
    negative[10] = 0x01;
    assertMalformed(negative, "exceeds");
  }

  @Test
  void truncatedAndOverlongVarintsAreRefused() {
    // Field 2 of the request is unknown, so these reach the skipping code.
    assertMalformed(new byte[] {0x10, (byte) 0x80}, "field 2: truncated varint");
    byte[] overlong = new byte[12];
    overlong[0] = 0x10;
    Arrays.fill(overlong, 1, 12, (byte) 0x80);
    assertMalformed(overlong, "varint longer than 10 bytes");
  }

  @Test
  void invalidTagsAndWireTypesAreRefused() {
    assertMalformed(new byte[] {0x00}, "invalid field tag 0");
    assertMalformed(new byte[] {0x0E}, "invalid wire type 6 for field 1");
    assertMalformed(new byte[] {0x14}, "end-group for field 2 without a start");
    assertMalformed(new byte[] {0x13, 0x10, 0x01}, "group 2 has no end tag");
    assertMalformed(new byte[] {0x11, 1, 2, 3}, "field 2: needs 8 bytes, 3 left");
    assertMalformed(new byte[] {0x09, 1, 2, 3}, "ExportTraceServiceRequest.resource_spans has wire type 1, expected 2");
  }

  @Test
  void knownFieldWithWrongWireTypeIsRefused() {
    byte[] span = {0x28, 0x01}; // Span.name (5) as a varint
    byte[] scopeSpans = concat(new byte[] {0x12, (byte) span.length}, span);
    byte[] resourceSpans = concat(new byte[] {0x12, (byte) scopeSpans.length}, scopeSpans);
    assertMalformed(concat(new byte[] {0x0A, (byte) resourceSpans.length}, resourceSpans),
        "Span.name has wire type 0, expected 2");
  }

  @Test
  void invalidUtf8IsRefusedNamingTheField() {
    byte[] valid = request(VALID.toBuilder().setName("ab").build());
    byte[] corrupt = valid.clone();
    for (int i = 0; i < corrupt.length - 1; i++) {
      if (corrupt[i] == 'a' && corrupt[i + 1] == 'b') {
        corrupt[i] = (byte) 0xC0; // overlong lead byte
      }
    }
    assertMalformed(corrupt, "Span.name is not valid UTF-8");
  }

  @Test
  void nestingDeeperThanTheLimitIsRefused() {
    AnyValue value = AnyValue.newBuilder().setStringValue("bottom").build();
    for (int i = 0; i < 60; i++) {
      value = AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder().addValues(value)).build();
    }
    Span deep = VALID.toBuilder().addAttributes(KeyValue.newBuilder().setKey("deep").setValue(value)).build();
    assertMalformed(request(deep), "nested deeper than " + ProtoReader.MAX_DEPTH);
  }

  @Property(tries = 2000)
  void randomBytesOnlyEverFailAsMalformed(@ForAll @Size(max = 300) byte[] garbage) {
    decodeBothOrMalformed(garbage);
  }

  @Property(tries = 1000)
  void mutatedValidPayloadsOnlyEverFailAsMalformed(@ForAll long seed) {
    Random random = new Random(seed);
    RandomTelemetry telemetry = new RandomTelemetry(seed);
    byte[] traces = OtlpTraceCodec.encode(telemetry.spans(4));
    byte[] logs = OtlpLogsCodec.encode(telemetry.logs(4));
    for (int i = 0; i < 20; i++) {
      decodeOrMalformed(mutate(traces, random), OtlpTraceCodec::decode);
      decodeOrMalformed(mutate(logs, random), OtlpLogsCodec::decode);
    }
  }

  private static void decodeBothOrMalformed(byte[] payload) {
    decodeOrMalformed(payload, OtlpTraceCodec::decode);
    decodeOrMalformed(payload, OtlpLogsCodec::decode);
  }

  /** Any exception other than MalformedPayloadException fails the property. */
  private static void decodeOrMalformed(byte[] payload, Function<byte[], List<?>> decoder) {
    try {
      List<?> decoded = decoder.apply(payload);
      assertThat(decoded).doesNotContainNull();
    } catch (MalformedPayloadException expected) {
      assertThat(expected.getMessage()).startsWith("malformed OTLP payload: ").contains("(at byte ");
    }
  }

  private static byte[] mutate(byte[] valid, Random random) {
    if (valid.length == 0) {
      return new byte[] {(byte) random.nextInt()};
    }
    byte[] out = valid.clone();
    switch (random.nextInt(5)) {
      case 0 -> out[random.nextInt(out.length)] = (byte) random.nextInt();
      case 1 -> out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
      case 2 -> out = Arrays.copyOf(out, random.nextInt(out.length));
      case 3 -> {
        int at = random.nextInt(out.length);
        byte[] noise = new byte[1 + random.nextInt(8)];
        random.nextBytes(noise);
        out = concat(concat(Arrays.copyOf(out, at), noise), Arrays.copyOfRange(out, at, out.length));
      }
      default -> {
        for (int i = 0; i < 4; i++) {
          out[random.nextInt(out.length)] = (byte) random.nextInt();
        }
      }
    }
    return out;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(a);
    out.writeBytes(b);
    return out.toByteArray();
  }

  @Test
  void logRecordWithOnlySeverityTextDecodes() {
    LogRecordData decoded = OtlpLogsCodec.decode(request(LogRecord.newBuilder().setSeverityText("WARN").build())).get(0);
    assertThat(decoded.severityText()).isEqualTo("WARN");
  }
}
