package dev.tracekit.core.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.core.Attributes;
import dev.tracekit.core.InstrumentationScope;
import dev.tracekit.core.Resource;
import dev.tracekit.core.SpanData;
import dev.tracekit.core.SpanKind;
import dev.tracekit.core.TraceContext;
import dev.tracekit.core.TraceFlags;
import dev.tracekit.core.TraceState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SharedStringsTest {

  private static SpanData span(long spanId, String path) {
    return SpanData.builder()
        .context(TraceContext.create(1, 2, spanId, TraceFlags.SAMPLED, TraceState.empty(), false))
        .name("GET /orders")
        .kind(SpanKind.SERVER)
        .startEpochNanos(10)
        .endEpochNanos(20)
        .attributes(Attributes.builder().put("http.request.method", "GET").put("url.path", path)
            .put("url.full", "http://gateway:8080" + path + "?expand=customer,items,shipping&page=1").build())
        .resource(new Resource(Attributes.builder().put("service.name", "gateway").build()))
        .scope(new InstrumentationScope("dev.tracekit.http", "0.1.0"))
        .build();
  }

  @Test
  void decodingSharesRepeatedKeysNamesAndShortValuesAcrossPayloads() {
    byte[] first = OtlpTraceCodec.encode(List.of(span(1, "/orders/1")));
    byte[] second = OtlpTraceCodec.encode(List.of(span(2, "/orders/2")));

    SpanData a = OtlpTraceCodec.decode(first).get(0);
    SpanData b = OtlpTraceCodec.decode(second).get(0);

    assertThat(b.name()).isSameAs(a.name());
    assertThat(b.attributes().keyAt(0)).isSameAs(a.attributes().keyAt(0));
    assertThat(b.attributes().get("http.request.method")).isSameAs(a.attributes().get("http.request.method"));
    assertThat(b.serviceName()).isSameAs(a.serviceName());
    assertThat(b.attributes().get("url.path")).isEqualTo("/orders/2");
  }

  @Test
  void sharedDecodingEqualsTheSpansEncoded() {
    List<SpanData> spans = new ArrayList<>();
    for (int i = 1; i <= 500; i++) {
      spans.add(span(i, "/orders/" + i));
    }

    List<SpanData> decoded = OtlpTraceCodec.decode(OtlpTraceCodec.encode(spans));

    for (int i = 0; i < spans.size(); i++) {
      assertThat(decoded.get(i).attributes()).isEqualTo(spans.get(i).attributes());
      assertThat(decoded.get(i).name()).isEqualTo(spans.get(i).name());
    }
  }

  @Test
  void everyStringComesBackAsItsBytesEvenWhenSlotsAreReused() {
    // Far more distinct strings than slots, several non-ASCII, all short enough to be shared.
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < 50_000; i++) {
        String s = (i % 7 == 0 ? "ü€" : "k") + i;
        byte[] utf8 = ("xx" + s).getBytes(StandardCharsets.UTF_8);
        assertThat(SharedStrings.decode(utf8, 2, utf8.length - 2)).isEqualTo(s);
      }
    }
  }

  @Test
  void longStringsAreNotShared() {
    byte[] utf8 = "a".repeat(SharedStrings.MAX_SHARED_BYTES + 1).getBytes(StandardCharsets.UTF_8);

    assertThat(SharedStrings.decode(utf8, 0, utf8.length)).isNotSameAs(SharedStrings.decode(utf8, 0, utf8.length))
        .isEqualTo("a".repeat(SharedStrings.MAX_SHARED_BYTES + 1));
  }
}
