package dev.tracekit.bench.spans;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.core.SpanData;
import dev.tracekit.core.StatusCode;
import java.util.List;
import org.junit.jupiter.api.Test;
import zipkin2.Span;
import zipkin2.codec.SpanBytesDecoder;

class ZipkinSpansTest {

  private final List<SpanData> spans = new TraceGenerator(3, 1_764_000_000_000_000_000L).generate(200).all();

  @Test
  void zipkinsOwnDecoderReadsBackIdsTimesServiceAndTags() {
    List<Span> decoded = SpanBytesDecoder.JSON_V2.decodeList(ZipkinSpans.json(spans));
    assertThat(decoded).hasSameSizeAs(spans);
    for (int i = 0; i < spans.size(); i++) {
      SpanData ours = spans.get(i);
      Span zipkin = decoded.get(i);
      assertThat(zipkin.traceId()).isEqualTo(ours.traceIdHex());
      assertThat(zipkin.id()).isEqualTo(ours.spanIdHex());
      assertThat(zipkin.parentId()).isEqualTo(ours.parentSpanIdHex());
      assertThat(zipkin.timestampAsLong()).isEqualTo(ours.startEpochNanos() / 1000);
      assertThat(zipkin.durationAsLong()).isEqualTo(ours.durationNanos() / 1000);
      assertThat(zipkin.localServiceName()).isEqualTo(ours.serviceName());
      ours.attributes().forEach((k, v) -> assertThat(zipkin.tags()).containsEntry(k, v.toString()));
      assertThat(zipkin.annotations()).hasSameSizeAs(ours.events());
      if (ours.statusCode() == StatusCode.ERROR) {
        assertThat(zipkin.tags()).containsKey("error").containsEntry("otel.status_code", "ERROR");
      }
    }
  }

  @Test
  void clientSpansNameTheirPeerAsRemoteEndpoint() {
    SpanData client = spans.stream().filter(s -> s.kind() == dev.tracekit.core.SpanKind.CLIENT
        && "auth-service".equals(s.attributes().getString("server.address"))).findFirst().orElseThrow();
    Span zipkin = ZipkinSpans.of(client);
    assertThat(zipkin.kind()).isEqualTo(Span.Kind.CLIENT);
    assertThat(zipkin.remoteServiceName()).isEqualTo("auth-service");
    assertThat(zipkin.remoteEndpoint().portAsInt()).isEqualTo(8081);
  }
}
