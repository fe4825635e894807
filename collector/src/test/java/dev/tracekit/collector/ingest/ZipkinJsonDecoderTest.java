package dev.tracekit.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracekit.collector.otlpjson.Decoded;
import dev.tracekit.collector.otlpjson.MalformedJsonException;
import dev.tracekit.core.EventData;
import dev.tracekit.core.InstrumentationScope;
import dev.tracekit.core.SpanData;
import dev.tracekit.core.SpanKind;
import dev.tracekit.core.StatusCode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ZipkinJsonDecoderTest {

  private static Decoded<SpanData> decode(String json) {
    return ZipkinJsonDecoder.decode(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void convertsAZipkinSpan() {
    SpanData span = decode("""
        [{"traceId":"5af7183fb1d4cf5f","parentId":"6b221d5bc9e6496c","id":"352bff9a74ca9ad2","kind":"CLIENT",
          "name":"get /api","timestamp":1556604172355737,"duration":1431,
          "localEndpoint":{"serviceName":"backend","ipv4":"192.168.99.1","port":3306},
          "remoteEndpoint":{"serviceName":"db","ipv6":"::1","port":5432},
          "tags":{"http.method":"GET","http.path":"/api"},
          "annotations":[{"timestamp":1556604172355800,"value":"ws"}]}]""").items().get(0);

    assertThat(span.traceIdHex()).isEqualTo("00000000000000005af7183fb1d4cf5f");
    assertThat(span.spanIdHex()).isEqualTo("352bff9a74ca9ad2");
    assertThat(span.parentSpanIdHex()).isEqualTo("6b221d5bc9e6496c");
    assertThat(span.kind()).isEqualTo(SpanKind.CLIENT);
    assertThat(span.name()).isEqualTo("get /api");
    assertThat(span.startEpochNanos()).isEqualTo(1_556_604_172_355_737_000L);
    assertThat(span.durationNanos()).isEqualTo(1_431_000L);
    assertThat(span.serviceName()).isEqualTo("backend");
    assertThat(span.attributes().asMap()).containsEntry("http.method", "GET").containsEntry("http.path", "/api")
        .containsEntry("peer.service", "db").containsEntry("network.peer.address", "::1")
        .containsEntry("network.peer.port", 5432L).containsEntry("network.local.address", "192.168.99.1")
        .containsEntry("network.local.port", 3306L);
    assertThat(span.events()).containsExactly(new EventData(1_556_604_172_355_800_000L, "ws", dev.tracekit.core.Attributes.empty()));
    assertThat(span.statusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(span.scope()).isEqualTo(new InstrumentationScope("zipkin", null));
  }

  @Test
  void errorTagBecomesErrorStatus() {
    SpanData span = decode("""
        [{"traceId":"5af7183fb1d4cf5f","id":"352bff9a74ca9ad2","timestamp":1,"tags":{"error":"timeout","k":"v"}}]""")
        .items().get(0);

    assertThat(span.statusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.statusMessage()).isEqualTo("timeout");
    assertThat(span.attributes().asMap()).containsOnlyKeys("k");
    assertThat(span.kind()).isEqualTo(SpanKind.INTERNAL);
  }

  @Test
  void openTelemetryStatusAndScopeTagsAreUnfolded() {
    SpanData span = decode("""
        [{"traceId":"5af7183fb1d4cf5f5af7183fb1d4cf5f","id":"352bff9a74ca9ad2","timestamp":1,"kind":"SERVER",
          "tags":{"otel.status_code":"ERROR","otel.status_description":"db down","otel.scope.name":"io.opentelemetry.jdbc",
                  "otel.scope.version":"2.0"}}]""").items().get(0);

    assertThat(span.statusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.statusMessage()).isEqualTo("db down");
    assertThat(span.scope()).isEqualTo(new InstrumentationScope("io.opentelemetry.jdbc", "2.0"));
    assertThat(span.attributes().isEmpty()).isTrue();
  }

  @Test
  void theServerHalfOfASharedSpanGetsItsOwnIdUnderTheClientHalf() {
    Decoded<SpanData> decoded = decode("""
        [{"traceId":"5af7183fb1d4cf5f","id":"352bff9a74ca9ad2","kind":"CLIENT","timestamp":1,"duration":10,
          "localEndpoint":{"serviceName":"front"}},
         {"traceId":"5af7183fb1d4cf5f","id":"352bff9a74ca9ad2","kind":"SERVER","shared":true,"timestamp":2,"duration":8,
          "localEndpoint":{"serviceName":"back"}}]""");

    SpanData client = decoded.items().get(0);
    SpanData server = decoded.items().get(1);
    assertThat(server.parentSpanId()).isEqualTo(client.context().spanId());
    assertThat(server.context().spanId()).isNotEqualTo(client.context().spanId()).isNotZero();
    assertThat(server.attributes().get("zipkin.shared")).isEqualTo(true);
  }

  @Test
  void aSpanWithoutATimestampIsRejectedAlone() {
    Decoded<SpanData> decoded = decode("""
        [{"traceId":"5af7183fb1d4cf5f","id":"352bff9a74ca9ad2","timestamp":1},
         {"traceId":"5af7183fb1d4cf5f","id":"352bff9a74ca9ad3"}]""");

    assertThat(decoded.items()).hasSize(1);
    assertThat(decoded.rejected()).isEqualTo(1);
    assertThat(decoded.rejectionMessage()).contains("timestamp");
  }

  @Test
  void shortIdsAreLeftPaddedAsZipkinDoes() {
    SpanData span = decode("[{\"traceId\":\"abc\",\"id\":\"1\",\"timestamp\":1}]").items().get(0);

    assertThat(span.traceIdHex()).isEqualTo("00000000000000000000000000000abc");
    assertThat(span.spanIdHex()).isEqualTo("0000000000000001");
  }

  @Test
  void malformedRequestsFailAsAWhole() {
    for (String body : new String[] {"{}", "[1]", "[{\"traceId\":\"xyz\",\"id\":\"1\",\"timestamp\":1}]",
        "[{\"traceId\":\"0\",\"id\":\"1\",\"timestamp\":1}]",
        "[{\"traceId\":\"1\",\"id\":\"12345678901234567\",\"timestamp\":1}]",
        "[{\"traceId\":\"1\",\"id\":\"1\",\"timestamp\":-5}]",
        "[{\"traceId\":\"1\",\"id\":\"1\",\"timestamp\":99999999999999999}]",
        "[{\"traceId\":\"1\",\"id\":\"1\",\"timestamp\":1,\"tags\":[\"x\"]}]"}) {
      assertThatThrownBy(() -> decode(body)).as(body).isInstanceOf(MalformedJsonException.class);
    }
  }
  @Test
  void aMalformedFieldIsNamedWithItsSpanInTheError() {
    String ok = "{\"traceId\":\"1\",\"id\":\"1\",\"timestamp\":1}";
    Map<String, String> cases = Map.of(
        "{\"traceId\":\"1\",\"id\":\"12345678901234567\",\"timestamp\":1}",
        "span 1 id must be 1 to 16 hex characters",
        "{\"traceId\":\"xyz\",\"id\":\"1\",\"timestamp\":1}", "span 1 traceId is not hex",
        "{\"traceId\":\"0\",\"id\":\"1\",\"timestamp\":1}", "span 1 traceId is all zeros",
        "{\"traceId\":\"1\",\"id\":\"1\",\"timestamp\":-5}",
        "span 1 timestamp must be a non-negative integer of microseconds",
        "{\"traceId\":\"1\",\"id\":\"1\",\"timestamp\":99999999999999999}", "span 1: timestamp is out of range",
        "{\"traceId\":\"1\",\"id\":\"1\",\"timestamp\":1,\"tags\":{\"http.method\":{}}}",
        "span 1 tag http.method must be a string",
        "{\"traceId\":\"1\",\"id\":\"1\",\"timestamp\":1,\"localEndpoint\":{\"ipv4\":[1]}}",
        "span 1 localEndpoint.ipv4 must be a string",
        "{\"traceId\":\"1\",\"id\":\"1\",\"timestamp\":1,\"annotations\":[{\"value\":\"x\"}]}",
        "span 1 annotation timestamp must be a non-negative integer of microseconds");
    cases.forEach((span, message) -> assertThatThrownBy(() -> decode("[" + ok + "," + span + "]")).as(span)
        .isInstanceOf(MalformedJsonException.class).hasMessage(message));
  }

  @Test
  void aPortTooLargeForALongIsLeftOutLikeANonPositiveOne() {
    SpanData span = decode("[{\"traceId\":\"1\",\"id\":\"1\",\"timestamp\":1,"
        + "\"localEndpoint\":{\"serviceName\":\"svc\",\"port\":99999999999999999999},"
        + "\"remoteEndpoint\":{\"ipv4\":\"10.0.0.2\",\"port\":-1}}]").items().get(0);

    assertThat(span.attributes().get("network.local.port")).isNull();
    assertThat(span.attributes().get("network.peer.port")).isNull();
    assertThat(span.attributes().getString("network.peer.address")).isEqualTo("10.0.0.2");
    assertThat(span.resource().serviceName()).isEqualTo("svc");
  }
}
