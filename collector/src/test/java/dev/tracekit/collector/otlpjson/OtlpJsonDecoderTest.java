package dev.tracekit.collector.otlpjson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracekit.collector.TestSpans;
import dev.tracekit.core.Attributes;
import dev.tracekit.core.EventData;
import dev.tracekit.core.InstrumentationScope;
import dev.tracekit.core.LinkData;
import dev.tracekit.core.LogRecordData;
import dev.tracekit.core.Resource;
import dev.tracekit.core.SpanData;
import dev.tracekit.core.SpanKind;
import dev.tracekit.core.StatusCode;
import dev.tracekit.core.TraceContext;
import dev.tracekit.core.TraceState;
import dev.tracekit.core.otlp.OtlpTraceCodec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class OtlpJsonDecoderTest {

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = OtlpJsonDecoderTest.class.getResourceAsStream("/" + name)) {
      return in.readAllBytes();
    }
  }

  @Test
  void decodesTheSpecShapedExampleWithEveryValueType() throws IOException {
    Decoded<SpanData> decoded = OtlpJsonDecoder.decodeTraces(resource("otlp-trace-example.json"));

    assertThat(decoded.rejected()).isZero();
    assertThat(decoded.items()).hasSize(2);
    SpanData span = decoded.items().get(0);
    assertThat(span.traceIdHex()).isEqualTo("5b8efff798038103d269b633813fc60c");
    assertThat(span.spanIdHex()).isEqualTo("eee19b7ec3c1b174");
    assertThat(span.parentSpanIdHex()).isEqualTo("eee19b7ec3c1b173");
    assertThat(span.context().traceState().get("rojo")).isEqualTo("00f067aa0ba902b7");
    assertThat(span.context().flags()).isEqualTo(1); // 769 = 0x301: W3C flags are the low byte
    assertThat(span.kind()).isEqualTo(SpanKind.SERVER);
    assertThat(span.startEpochNanos()).isEqualTo(1_544_712_660_000_000_000L);
    assertThat(span.durationNanos()).isEqualTo(1_000_000_000L);
    assertThat(span.attributes().get("my.span.attr")).isEqualTo("some value");
    assertThat(span.attributes().get("retries")).isEqualTo(3L);
    assertThat(span.attributes().get("ratio")).isEqualTo(0.5);
    assertThat(span.attributes().get("cached")).isEqualTo(true);
    assertThat(span.attributes().get("hosts")).isEqualTo(List.of("a", "b"));
    assertThat(span.attributes().get("map")).isEqualTo("{k=1}");
    assertThat(span.attributes().get("raw")).isEqualTo("AQID");
    assertThat(span.attributes().get("empty")).isNull();
    assertThat(span.droppedAttributesCount()).isEqualTo(2);
    assertThat(span.events()).containsExactly(new EventData(1_544_712_660_500_000_000L, "exception",
        Attributes.builder().put("exception.type", "java.lang.IllegalStateException").build()));
    assertThat(span.links()).hasSize(1);
    assertThat(span.links().get(0).context().traceIdHex()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
    assertThat(span.statusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.statusMessage()).isEqualTo("it broke");
    assertThat(span.serviceName()).isEqualTo("my.service");
    assertThat(span.resource().attributes().get("process.pid")).isEqualTo(4242L);
    assertThat(span.scope()).isEqualTo(new InstrumentationScope("my.library", "1.0.0"));

    SpanData snake = decoded.items().get(1);
    assertThat(snake.name()).isEqualTo("proto field names and enum names");
    assertThat(snake.kind()).isEqualTo(SpanKind.CLIENT);
    assertThat(snake.statusCode()).isEqualTo(StatusCode.OK);
    assertThat(snake.startEpochNanos()).isEqualTo(1_544_712_660_100_000_000L);
    assertThat(snake.serviceName()).isEqualTo("other");
  }

  @Test
  void decodesAsTheProtobufCodecDoes() throws IOException {
    List<SpanData> viaJson = OtlpJsonDecoder.decodeTraces(resource("otlp-trace-example.json")).items();

    List<SpanData> viaProtobuf = OtlpTraceCodec.decode(OtlpTraceCodec.encode(viaJson));

    assertThat(viaProtobuf).hasSize(2);
    for (int i = 0; i < 2; i++) {
      assertThat(viaProtobuf.get(i).attributes()).isEqualTo(viaJson.get(i).attributes());
      assertThat(viaProtobuf.get(i).events()).isEqualTo(viaJson.get(i).events());
      assertThat(viaProtobuf.get(i).resource()).isEqualTo(viaJson.get(i).resource());
      assertThat(viaProtobuf.get(i).context()).isEqualTo(viaJson.get(i).context());
    }
  }

  @Test
  void encoderAndDecoderRoundTripEverySpanField() {
    SpanData original = TestSpans.span(7, 701, 700, "api", "GET /x", 0, 100)
        .context(TraceContext.create(7, 7, 701, 1, TraceState.empty().with("k", "v"), false))
        .kind(SpanKind.PRODUCER)
        .attributes(Attributes.builder().put("s", "x").put("l", 1L).put("d", Double.NaN).put("b", false)
            .put("list", List.of(1.5, 2.5)).build())
        .events(List.of(new EventData(5, "e", Attributes.builder().put("x", "y").build(), 2)))
        .links(List.of(new LinkData(TraceContext.create(1, 2, 3, 0, TraceState.empty(), true), Attributes.empty(), 4)))
        .status(StatusCode.ERROR, "bad")
        .droppedEventsCount(6)
        .droppedLinksCount(7)
        .build();

    SpanData decoded = OtlpJsonDecoder.decodeTraces(OtlpJsonEncoder.encodeTraces(List.of(original))).items().get(0);

    assertThat(decoded.context().traceState()).isEqualTo(original.context().traceState());
    assertThat(decoded.parentSpanId()).isEqualTo(700);
    assertThat(decoded.kind()).isEqualTo(SpanKind.PRODUCER);
    assertThat(decoded.attributes()).isEqualTo(original.attributes());
    assertThat(decoded.events()).isEqualTo(original.events());
    assertThat(decoded.links().get(0).droppedAttributesCount()).isEqualTo(4);
    assertThat(decoded.statusMessage()).isEqualTo("bad");
    assertThat(decoded.droppedEventsCount()).isEqualTo(6);
    assertThat(decoded.droppedLinksCount()).isEqualTo(7);
    assertThat(decoded.resource()).isEqualTo(original.resource());
    assertThat(decoded.scope()).isEqualTo(original.scope());
  }

  @Test
  void logsRoundTripAndTakeSeverityNames() {
    LogRecordData log = new LogRecordData(10, 11, 17, "ERROR", "boom", Attributes.builder().put("k", 1L).build(),
        5, 6, 7, 1, new Resource(Attributes.builder().put("service.name", "svc").build()),
        new InstrumentationScope("logger", null));

    assertThat(OtlpJsonDecoder.decodeLogs(OtlpJsonEncoder.encodeLogs(List.of(log))).items()).containsExactly(log);
    String named = """
        {"resourceLogs":[{"scopeLogs":[{"logRecords":[
          {"severityNumber":"SEVERITY_NUMBER_WARN2","body":{"intValue":"42"}}]}]}]}""";
    LogRecordData decoded = OtlpJsonDecoder.decodeLogs(named.getBytes(StandardCharsets.UTF_8)).items().get(0);
    assertThat(decoded.severityNumber()).isEqualTo(14);
    assertThat(decoded.body()).isEqualTo("42");
    assertThat(decoded.hasTrace()).isFalse();
  }

  @Test
  void keepsAtMost128AttributesAndCountsTheRest() {
    StringBuilder attributes = new StringBuilder();
    for (int i = 0; i < 130; i++) {
      attributes.append(i == 0 ? "" : ",").append("{\"key\":\"k").append(i).append("\",\"value\":{\"intValue\":1}}");
    }
    String body = """
        {"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"0af7651916cd43dd8448eb211c80319c",
          "spanId":"b7ad6b7169203331","startTimeUnixNano":"1","endTimeUnixNano":"2","droppedAttributesCount":1,
          "attributes":[%s]}]}]}]}""".formatted(attributes);

    SpanData span = OtlpJsonDecoder.decodeTraces(body.getBytes(StandardCharsets.UTF_8)).items().get(0);

    assertThat(span.attributes().size()).isEqualTo(128);
    assertThat(span.droppedAttributesCount()).isEqualTo(3);
  }

  @Test
  void invalidIdsRejectTheirSpanAlone() {
    String body = """
        {"resourceSpans":[{"scopeSpans":[{"spans":[
          {"traceId":"0af7651916cd43dd8448eb211c80319c","spanId":"b7ad6b7169203331","name":"ok","startTimeUnixNano":"1"},
          {"traceId":"00000000000000000000000000000000","spanId":"b7ad6b7169203332","name":"zero trace"},
          {"traceId":"0af7651916cd43dd8448eb211c80319c","spanId":"zzzzzzzzzzzzzzzz","name":"not hex"},
          {"traceId":"0af7651916cd43dd8448eb211c80319c","name":"no span id"},
          {"traceId":"0af7651916cd43dd8448eb211c80319c","spanId":"b7ad6b7169203333","parentSpanId":"12","name":"bad parent"}
        ]}]}]}""";

    Decoded<SpanData> decoded = OtlpJsonDecoder.decodeTraces(body.getBytes(StandardCharsets.UTF_8));

    assertThat(decoded.items()).extracting(SpanData::name).containsExactly("ok");
    assertThat(decoded.rejected()).isEqualTo(4);
    assertThat(decoded.rejectionMessage()).contains("zero trace").contains("all zeros");
  }

  @Test
  void malformedBodiesFailAsAWhole() {
    for (String body : List.of("", "[]", "{\"resourceSpans\":5}", "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[7]}]}]}",
        "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"0af7651916cd43dd8448eb211c80319c\","
            + "\"spanId\":\"b7ad6b7169203331\",\"startTimeUnixNano\":\"soon\"}]}]}]}",
        "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"0af7651916cd43dd8448eb211c80319c\","
            + "\"spanId\":\"b7ad6b7169203331\",\"attributes\":[{\"key\":\"k\",\"value\":"
            + "{\"intValue\":\"99999999999999999999\"}}]}]}]}]}")) {
      assertThatThrownBy(() -> OtlpJsonDecoder.decodeTraces(body.getBytes(StandardCharsets.UTF_8)))
          .as(body).isInstanceOf(MalformedJsonException.class);
    }
  }

  @Test
  void deeplyNestedValuesAreRefused() {
    String value = "{\"stringValue\":\"x\"}";
    for (int i = 0; i < 40; i++) {
      value = "{\"arrayValue\":{\"values\":[" + value + "]}}";
    }
    String body = "{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"k\",\"value\":" + value + "}]}}]}";

    assertThatThrownBy(() -> OtlpJsonDecoder.decodeTraces(body.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MalformedJsonException.class).hasMessageContaining("deeper");
  }
}
