package dev.tracekit.core.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import dev.tracekit.core.Attributes;
import dev.tracekit.core.EventData;
import dev.tracekit.core.InstrumentationScope;
import dev.tracekit.core.LinkData;
import dev.tracekit.core.Resource;
import dev.tracekit.core.SpanData;
import dev.tracekit.core.SpanKind;
import dev.tracekit.core.StatusCode;
import dev.tracekit.core.TraceContext;
import dev.tracekit.core.TraceFlags;
import dev.tracekit.core.TraceState;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OtlpTraceCodecTest {

  private static final Resource GATEWAY = new Resource(Attributes.builder()
      .put("service.name", "gateway")
      .put("service.instance.id", "gw-1")
      .put("process.pid", 4242L)
      .build());
  private static final Resource DATA = new Resource(Attributes.builder().put("service.name", "data").build());
  private static final InstrumentationScope HTTP = new InstrumentationScope("dev.tracekit.http", "0.1.0");
  private static final InstrumentationScope JDBC = new InstrumentationScope("dev.tracekit.jdbc", null);

  /** Every field and value type, two resources with two scopes each, interleaved. */
  static List<SpanData> richBatch() {
    TraceState state = TraceState.ofValidated(new String[] {"tk", "p:1", "vendor@sys", "x y"}, 4);
    TraceContext root = TraceContext.create(0x0123456789abcdefL, 0xfedcba9876543210L, 0x1111111111111111L,
        TraceFlags.SAMPLED | TraceFlags.RANDOM, state, false);
    TraceContext child = TraceContext.create(0x0123456789abcdefL, 0xfedcba9876543210L, 0x2222222222222222L,
        TraceFlags.SAMPLED, TraceState.empty(), false);
    TraceContext remoteLink = TraceContext.create(7, 8, 9, TraceFlags.SAMPLED, state, true);
    TraceContext localLink = TraceContext.create(0, 10, 11, 0, TraceState.empty(), false);
    Attributes allTypes = Attributes.builder()
        .put("http.request.method", "GET")
        .put("ok", true)
        .put("no", false)
        .put("count", 42L)
        .put("negative", -7L)
        .put("max", Long.MAX_VALUE)
        .put("ratio", 0.25)
        .put("zero", 0.0)
        .put("empty", "")
        .put("tags", List.of("a", "ü", ""))
        .put("flags", List.of(true, false))
        .put("numbers", List.of(1L, -1L))
        .put("doubles", List.of(1.5, -0.0))
        .put("nested", List.of(List.of("deep", 1L), List.of()))
        .put("unicode \uD83D\uDE80", "日本語")
        .build();
    List<SpanData> spans = new ArrayList<>();
    spans.add(SpanData.builder()
        .context(root)
        .name("GET /orders/{id}")
        .kind(SpanKind.SERVER)
        .startEpochNanos(1_700_000_000_000_000_000L)
        .endEpochNanos(1_700_000_000_250_000_000L)
        .attributes(allTypes)
        .events(List.of(
            new EventData(1_700_000_000_100_000_000L, "exception", Attributes.builder()
                .put("exception.type", "java.lang.IllegalStateException")
                .put("exception.message", "boom")
                .build(), 2),
            new EventData(0, "", Attributes.empty())))
        .links(List.of(new LinkData(remoteLink, Attributes.builder().put("link.kind", "follows").build(), 1),
            new LinkData(localLink, Attributes.empty())))
        .status(StatusCode.ERROR, "order service failed")
        .resource(GATEWAY)
        .scope(HTTP)
        .droppedAttributesCount(3)
        .droppedEventsCount(4)
        .droppedLinksCount(5)
        .build());
    spans.add(SpanData.builder().context(child).parentSpanId(root.spanId()).name("SELECT orders")
        .kind(SpanKind.CLIENT).startEpochNanos(1L).endEpochNanos(2L)
        .status(StatusCode.OK, "").resource(DATA).scope(JDBC).build());
    spans.add(SpanData.builder().context(child.withFlags(0)).parentSpanId(root.spanId()).name("")
        .kind(SpanKind.PRODUCER).status(StatusCode.UNSET, "note without code")
        .resource(GATEWAY).scope(JDBC).build());
    spans.add(SpanData.builder().context(child).kind(SpanKind.CONSUMER).name("consume")
        .resource(DATA).scope(HTTP).build());
    spans.add(SpanData.builder().context(root).kind(SpanKind.INTERNAL).name("internal")
        .resource(GATEWAY).scope(HTTP).build());
    return spans;
  }

  private static List<SpanData> grouped(List<SpanData> spans) {
    return ProtoMapping.grouped(spans, SpanData::resource, SpanData::scope);
  }

  @Test
  void encodingIsByteIdenticalToGeneratedClassesForEveryFieldAndValueType() {
    List<SpanData> spans = richBatch();
    byte[] ours = OtlpTraceCodec.encode(spans);
    assertThat(ours).isEqualTo(ProtoMapping.toProto(spans).toByteArray());
  }

  @Test
  void generatedParserReadsOurEncodingAsTheSameRequest() throws Exception {
    List<SpanData> spans = richBatch();
    ExportTraceServiceRequest parsed = ExportTraceServiceRequest.parseFrom(OtlpTraceCodec.encode(spans));
    assertThat(parsed).isEqualTo(ProtoMapping.toProto(spans));
    // Spot checks that the reference mapping itself says what the proto means.
    Span first = parsed.getResourceSpans(0).getScopeSpans(0).getSpans(0);
    assertThat(first.getTraceId()).isEqualTo(ProtoMapping.traceId(0x0123456789abcdefL, 0xfedcba9876543210L));
    assertThat(first.getFlags()).isEqualTo(0x03);
    assertThat(first.getLinks(0).getFlags()).isEqualTo(0x301);
    assertThat(first.getLinks(1).getFlags()).isEqualTo(0x100);
    assertThat(first.getStatus().getCode().getNumber()).isEqualTo(2);
    assertThat(first.getTraceState()).isEqualTo("tk=p:1,vendor@sys=x y");
    assertThat(first.getAttributesList()).extracting(KeyValue::getKey).contains("nested", "doubles");
  }

  @Test
  void decoderReadsGeneratedEncodingIntoTheSameSpans() {
    List<SpanData> spans = richBatch();
    byte[] generated = ProtoMapping.toProto(spans).toByteArray();
    assertThat(OtlpTraceCodec.decode(generated)).isEqualTo(grouped(spans));
  }

  @Test
  void groupsSpansByResourceThenScopeInOrderOfFirstAppearance() throws Exception {
    ExportTraceServiceRequest parsed = ExportTraceServiceRequest.parseFrom(OtlpTraceCodec.encode(richBatch()));
    assertThat(parsed.getResourceSpansList()).hasSize(2);
    ResourceSpans gateway = parsed.getResourceSpans(0);
    assertThat(gateway.getResource().getAttributes(0).getValue().getStringValue()).isEqualTo("gateway");
    assertThat(gateway.getScopeSpansList()).extracting(s -> s.getScope().getName())
        .containsExactly("dev.tracekit.http", "dev.tracekit.jdbc");
    assertThat(gateway.getScopeSpans(0).getSpansList()).extracting(Span::getName)
        .containsExactly("GET /orders/{id}", "internal");
    ResourceSpans data = parsed.getResourceSpans(1);
    assertThat(data.getScopeSpansList()).extracting(s -> s.getScope().getName())
        .containsExactly("dev.tracekit.jdbc", "dev.tracekit.http");
  }

  @Test
  void emptyBatchEncodesToEmptyRequest() {
    assertThat(OtlpTraceCodec.encode(List.of())).isEmpty();
    assertThat(OtlpTraceCodec.decode(new byte[0])).isEmpty();
  }

  @Test
  void linkRemoteFlagRoundTripsAndSpanContextIsLocal() {
    List<SpanData> decoded = OtlpTraceCodec.decode(OtlpTraceCodec.encode(richBatch()));
    SpanData first = decoded.get(0);
    assertThat(first.links().get(0).context().isRemote()).isTrue();
    assertThat(first.links().get(1).context().isRemote()).isFalse();
    assertThat(first.context().isRemote()).isFalse();
    assertThat(first.context().flags()).isEqualTo(TraceFlags.SAMPLED | TraceFlags.RANDOM);
  }

  @Test
  void decoderAcceptsFieldsInAnyOrderAndRepeatedResourceMerges() throws IOException {
    Span span = ProtoMapping.toProto(richBatch().get(1));
    KeyValue name = KeyValue.newBuilder().setKey("service.name")
        .setValue(AnyValue.newBuilder().setStringValue("late")).build();
    KeyValue zone = KeyValue.newBuilder().setKey("zone")
        .setValue(AnyValue.newBuilder().setStringValue("eu")).build();
    // ResourceSpans with scope_spans first, then the resource in two parts; the scope last.
    ByteArrayOutputStream scopeFirst = new ByteArrayOutputStream();
    CodedOutputStream s = CodedOutputStream.newInstance(scopeFirst);
    s.writeBytes(2, span.toByteString());
    s.writeMessage(1, io.opentelemetry.proto.common.v1.InstrumentationScope.newBuilder().setName("late-scope").build());
    s.flush();
    ByteArrayOutputStream resourceSpans = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(resourceSpans);
    out.writeBytes(2, ByteString.copyFrom(scopeFirst.toByteArray()));
    out.writeMessage(1, io.opentelemetry.proto.resource.v1.Resource.newBuilder().addAttributes(name).build());
    out.writeMessage(1, io.opentelemetry.proto.resource.v1.Resource.newBuilder().addAttributes(zone).build());
    out.flush();
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    CodedOutputStream r = CodedOutputStream.newInstance(request);
    r.writeBytes(1, ByteString.copyFrom(resourceSpans.toByteArray()));
    r.flush();

    List<SpanData> decoded = OtlpTraceCodec.decode(request.toByteArray());

    assertThat(decoded).hasSize(1);
    assertThat(decoded.get(0).resource().attributes().asMap())
        .containsEntry("service.name", "late").containsEntry("zone", "eu");
    assertThat(decoded.get(0).scope().name()).isEqualTo("late-scope");
    assertThat(decoded.get(0).name()).isEqualTo("SELECT orders");
  }

  @Test
  void valuesWithoutAnAttributeTypeDecodeAsStrings() {
    KeyValueList kvlist = KeyValueList.newBuilder()
        .addValues(KeyValue.newBuilder().setKey("a").setValue(AnyValue.newBuilder().setIntValue(1)))
        .addValues(KeyValue.newBuilder().setKey("b").setValue(AnyValue.newBuilder().setStringValue("x")))
        .build();
    Span span = ProtoMapping.toProto(richBatch().get(3)).toBuilder()
        .addAttributes(KeyValue.newBuilder().setKey("map").setValue(AnyValue.newBuilder().setKvlistValue(kvlist)))
        .addAttributes(KeyValue.newBuilder().setKey("raw")
            .setValue(AnyValue.newBuilder().setBytesValue(ByteString.copyFrom(new byte[] {0, 1, (byte) 0xFF}))))
        .addAttributes(KeyValue.newBuilder().setKey("nothing").setValue(AnyValue.getDefaultInstance()))
        .addAttributes(KeyValue.newBuilder().setKey("sparse").setValue(AnyValue.newBuilder().setArrayValue(
            ArrayValue.newBuilder().addValues(AnyValue.getDefaultInstance())
                .addValues(AnyValue.newBuilder().setBoolValue(true)))))
        .build();
    byte[] payload = requestOf(span).toByteArray();

    Attributes attributes = OtlpTraceCodec.decode(payload).get(0).attributes();

    assertThat(attributes.get("map")).isEqualTo("{a=1, b=x}");
    assertThat(attributes.get("raw")).isEqualTo("AAH/");
    assertThat(attributes.get("nothing")).isNull();
    assertThat(attributes.get("sparse")).isEqualTo(List.of(true));
  }

  @Test
  void decoderKeepsAtMost128AttributesAndCountsTheRestAsDropped() {
    Span.Builder span = ProtoMapping.toProto(richBatch().get(3)).toBuilder().setDroppedAttributesCount(5);
    for (int i = 0; i < 200; i++) {
      span.addAttributes(KeyValue.newBuilder().setKey("k" + i).setValue(AnyValue.newBuilder().setIntValue(i)));
    }
    SpanData decoded = OtlpTraceCodec.decode(requestOf(span.build()).toByteArray()).get(0);

    assertThat(decoded.attributes().size()).isEqualTo(CommonMessages.MAX_DECODED_ATTRIBUTES);
    assertThat(decoded.attributes().get("k0")).isEqualTo(0L);
    assertThat(decoded.droppedAttributesCount()).isEqualTo(5 + 200 - CommonMessages.MAX_DECODED_ATTRIBUTES);
  }

  @Test
  @SuppressWarnings("deprecation") // groups are deprecated, which is why a decoder meets them only as unknowns
  void unknownFieldsOfEveryWireTypeAreSkipped() throws IOException {
    Span span = ProtoMapping.toProto(richBatch().get(0));
    ByteArrayOutputStream extra = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(extra);
    out.writeUInt64(100, Long.MAX_VALUE);
    out.writeFixed64(101, 7);
    out.writeBytes(102, ByteString.copyFromUtf8("future field"));
    out.writeFixed32(103, 9);
    out.writeGroup(104, KeyValue.newBuilder().setKey("in a group").build());
    out.flush();
    Span withUnknown = Span.newBuilder().mergeFrom(span)
        .setUnknownFields(com.google.protobuf.UnknownFieldSet.newBuilder()
            .mergeFrom(extra.toByteArray()).build())
        .build();
    byte[] payload = requestOf(withUnknown).toByteArray();

    assertThat(payload.length).isGreaterThan(requestOf(span).toByteArray().length);
    assertThat(OtlpTraceCodec.decode(payload)).isEqualTo(OtlpTraceCodec.decode(requestOf(span).toByteArray()));
  }

  private static ExportTraceServiceRequest requestOf(Span span) {
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder()
            .setResource(ProtoMapping.toProto(GATEWAY))
            .addScopeSpans(ScopeSpans.newBuilder().setScope(ProtoMapping.toProto(HTTP)).addSpans(span)))
        .build();
  }
}
