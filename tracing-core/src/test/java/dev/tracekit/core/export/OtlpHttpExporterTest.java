package dev.tracekit.core.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracekit.core.Attributes;
import dev.tracekit.core.ExportListener;
import dev.tracekit.core.ExportResult;
import dev.tracekit.core.InstrumentationScope;
import dev.tracekit.core.LogRecordData;
import dev.tracekit.core.Resource;
import dev.tracekit.core.SpanData;
import dev.tracekit.core.SpanKind;
import dev.tracekit.core.TraceContext;
import dev.tracekit.core.TraceFlags;
import dev.tracekit.core.TraceState;
import dev.tracekit.core.otlp.Compression;
import dev.tracekit.core.otlp.OtlpTraceCodec;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import net.jpountz.lz4.LZ4FrameInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OtlpHttpExporterTest {

  private static final Resource RESOURCE = new Resource(Attributes.builder().put("service.name", "gateway").build());

  private TestReceiver receiver;
  private final RecordingListener listener = new RecordingListener();
  private final List<Long> sleeps = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void start() throws IOException {
    receiver = new TestReceiver();
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  static final class RecordingListener implements ExportListener {
    final List<long[]> encoded = Collections.synchronizedList(new ArrayList<>());
    final List<String> retries = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void onEncoded(int items, long encodedBytes, long wireBytes) {
      encoded.add(new long[] {items, encodedBytes, wireBytes});
    }

    @Override
    public void onRetry(String reason) {
      retries.add(reason);
    }
  }

  static List<SpanData> spans(int n) {
    List<SpanData> spans = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      spans.add(SpanData.builder()
          .context(TraceContext.create(1, 2, 100 + i, TraceFlags.SAMPLED, TraceState.empty(), false))
          .name("span-" + i)
          .kind(SpanKind.SERVER)
          .startEpochNanos(1_000)
          .endEpochNanos(2_000)
          .attributes(Attributes.builder().put("i", (long) i).build())
          .resource(RESOURCE)
          .build());
    }
    return spans;
  }

  /** Builder with the test seams: recorded sleeps, no jitter (the cap itself), short timeouts. */
  private OtlpHttpSpanExporter.Builder spanExporter() {
    return OtlpHttpSpanExporter.builder()
        .endpoint(receiver.endpoint())
        .listener(listener)
        .sleeper(sleeps::add)
        .jitter(bound -> bound)
        .timeout(Duration.ofSeconds(5));
  }

  @Test
  void postsLz4ProtobufToV1TracesWithConfiguredHeaders() throws Exception {
    try (OtlpHttpSpanExporter exporter = spanExporter().header("Authorization", "Bearer s3cret").build()) {
      List<SpanData> spans = spans(3);

      assertThat(exporter.export(spans)).isEqualTo(ExportResult.SUCCESS);

      assertThat(receiver.requests()).hasSize(1);
      TestReceiver.Request request = receiver.requests().get(0);
      assertThat(request.method()).isEqualTo("POST");
      assertThat(request.path()).isEqualTo("/v1/traces");
      assertThat(request.header("Content-Type")).isEqualTo("application/x-protobuf");
      assertThat(request.header("Content-Encoding")).isEqualTo("lz4");
      assertThat(request.header("Authorization")).isEqualTo("Bearer s3cret");
      byte[] protobuf;
      try (LZ4FrameInputStream in = new LZ4FrameInputStream(new ByteArrayInputStream(request.body()))) {
        protobuf = in.readAllBytes();
      }
      ExportTraceServiceRequest parsed = ExportTraceServiceRequest.parseFrom(protobuf);
      assertThat(parsed.getResourceSpans(0).getResource().getAttributes(0).getValue().getStringValue())
          .isEqualTo("gateway");
      assertThat(parsed.getResourceSpans(0).getScopeSpans(0).getSpansList()).extracting(Span::getName)
          .containsExactly("span-0", "span-1", "span-2");
      assertThat(listener.encoded).singleElement()
          .satisfies(e -> assertThat(e).containsExactly(3, protobuf.length, request.body().length));
      assertThat(listener.retries).isEmpty();
    }
  }

  @Test
  void postsGzipLogsToV1Logs() throws Exception {
    try (OtlpHttpLogExporter exporter = OtlpHttpLogExporter.builder()
        .endpoint(receiver.endpoint() + "/")
        .compression(Compression.GZIP)
        .build()) {
      LogRecordData log = new LogRecordData(1, 2, 9, "INFO", "order placed", Attributes.empty(),
          1, 2, 3, 1, RESOURCE, InstrumentationScope.TRACEKIT);

      assertThat(exporter.export(List.of(log))).isEqualTo(ExportResult.SUCCESS);

      TestReceiver.Request request = receiver.requests().get(0);
      assertThat(request.path()).isEqualTo("/v1/logs");
      assertThat(request.header("Content-Encoding")).isEqualTo("gzip");
      byte[] protobuf;
      try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(request.body()))) {
        protobuf = in.readAllBytes();
      }
      assertThat(ExportLogsServiceRequest.parseFrom(protobuf).getResourceLogs(0).getScopeLogs(0)
          .getLogRecords(0).getBody().getStringValue()).isEqualTo("order placed");
    }
  }

  @Test
  void uncompressedBodyIsSentWithoutContentEncoding() throws Exception {
    try (OtlpHttpSpanExporter exporter = spanExporter().compression(Compression.NONE).build()) {
      List<SpanData> spans = spans(2);

      assertThat(exporter.export(spans)).isEqualTo(ExportResult.SUCCESS);

      TestReceiver.Request request = receiver.requests().get(0);
      assertThat(request.header("Content-Encoding")).isNull();
      assertThat(request.body()).isEqualTo(OtlpTraceCodec.encode(spans));
      assertThat(ExportTraceServiceRequest.parseFrom(request.body()).getResourceSpans(0).getScopeSpans(0)
          .getSpansCount()).isEqualTo(2);
    }
  }

  @Test
  void emptyBatchIsNotSent() {
    try (OtlpHttpSpanExporter exporter = spanExporter().build()) {
      assertThat(exporter.export(List.of())).isEqualTo(ExportResult.SUCCESS);
      assertThat(receiver.requests()).isEmpty();
    }
  }

  @Test
  void unavailableReceiverIsRetriedWithExponentialBackoffUntilItAccepts() {
    receiver.respond(503).respond(502).respond(504);
    try (OtlpHttpSpanExporter exporter = spanExporter().build()) {
      assertThat(exporter.export(spans(1))).isEqualTo(ExportResult.SUCCESS);
    }
    assertThat(receiver.requests()).hasSize(4);
    assertThat(receiver.requests()).extracting(TestReceiver.Request::body).allSatisfy(
        body -> assertThat(body).isEqualTo(receiver.requests().get(0).body()));
    assertThat(listener.retries).containsExactly("503", "502", "504");
    assertThat(sleeps).containsExactly(100L, 200L, 400L);
    assertThat(listener.encoded).hasSize(1);
  }

  @Test
  void retryAfterSecondsIsHonoured() {
    receiver.respond(429, Map.of("Retry-After", "1"));
    try (OtlpHttpSpanExporter exporter = spanExporter().build()) {
      assertThat(exporter.export(spans(1))).isEqualTo(ExportResult.SUCCESS);
    }
    assertThat(receiver.requests()).hasSize(2);
    assertThat(sleeps).containsExactly(1000L);
    assertThat(listener.retries).containsExactly("429");
  }

  @Test
  void retryAfterHttpDateIsHonouredAndCappedByMaxBackoff() {
    Instant now = Instant.parse("2026-01-01T10:00:00Z");
    String inThreeSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusSeconds(3).atOffset(ZoneOffset.UTC));
    receiver.respond(503, Map.of("Retry-After", inThreeSeconds)).respond(503, Map.of("Retry-After", "3600"));
    try (OtlpHttpSpanExporter exporter = spanExporter()
        .clock(Clock.fixed(now, ZoneOffset.UTC))
        .maxBackoff(Duration.ofSeconds(5))
        .build()) {
      assertThat(exporter.export(spans(1))).isEqualTo(ExportResult.SUCCESS);
    }
    assertThat(sleeps).containsExactly(3000L, 5000L);
  }

  @Test
  void retriesAreBoundedAndTheBatchFailsAfterMaxRetries() {
    for (int i = 0; i < 10; i++) {
      receiver.respond(503);
    }
    try (OtlpHttpSpanExporter exporter = spanExporter().maxRetries(3).build()) {
      assertThat(exporter.export(spans(1))).isEqualTo(ExportResult.FAILURE);
    }
    assertThat(receiver.requests()).hasSize(4);
    assertThat(listener.retries).hasSize(3);
    assertThat(sleeps).containsExactly(100L, 200L, 400L);
  }

  @Test
  void badRequestIsNotRetried() {
    receiver.respond(400);
    try (OtlpHttpSpanExporter exporter = spanExporter().build()) {
      assertThat(exporter.export(spans(1))).isEqualTo(ExportResult.FAILURE);
    }
    assertThat(receiver.requests()).hasSize(1);
    assertThat(listener.retries).isEmpty();
    assertThat(sleeps).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {401, 403, 404, 413, 415, 500, 501})
  void otherErrorStatusesAreNotRetried(int status) {
    receiver.respond(status);
    try (OtlpHttpSpanExporter exporter = spanExporter().build()) {
      assertThat(exporter.export(spans(1))).isEqualTo(ExportResult.FAILURE);
    }
    assertThat(receiver.requests()).hasSize(1);
    assertThat(listener.retries).isEmpty();
  }

  @Test
  void receiverThatNeverAnswersTimesOutAndFailsAfterBoundedAttempts() {
    receiver.hang(TestReceiver.Hang.BEFORE_HEADERS).hang(TestReceiver.Hang.BEFORE_HEADERS);
    try (OtlpHttpSpanExporter exporter = spanExporter().timeout(Duration.ofSeconds(2)).maxRetries(1).build()) {
      assertThat(exporter.export(spans(1))).isEqualTo(ExportResult.FAILURE);
    }
    assertThat(receiver.requests()).hasSize(2);
    assertThat(listener.retries).containsExactly("timeout");
  }

  @Test
  void receiverThatStallsInTheBodyTimesOutAndIsRetried() {
    receiver.hang(TestReceiver.Hang.IN_BODY);
    // Long enough for the second (answered) attempt on a loaded machine; the first hangs until it.
    try (OtlpHttpSpanExporter exporter = spanExporter().timeout(Duration.ofSeconds(2)).maxRetries(1).build()) {
      assertThat(exporter.export(spans(1))).isEqualTo(ExportResult.SUCCESS);
    }
    assertThat(receiver.requests()).hasSize(2);
    assertThat(listener.retries).containsExactly("timeout");
  }

  @Test
  void interruptedExportFailsAndKeepsTheInterruptFlag() throws Exception {
    receiver.hang(TestReceiver.Hang.BEFORE_HEADERS);
    try (OtlpHttpSpanExporter exporter = spanExporter().timeout(Duration.ofSeconds(30)).build()) {
      ExportResult[] result = new ExportResult[1];
      boolean[] interruptFlag = new boolean[1];
      Thread exporterThread = new Thread(() -> {
        result[0] = exporter.export(spans(1));
        interruptFlag[0] = Thread.currentThread().isInterrupted();
      });
      exporterThread.start();
      for (int i = 0; i < 1000 && receiver.requests().isEmpty(); i++) {
        Thread.sleep(10);
      }
      exporterThread.interrupt();
      exporterThread.join();

      assertThat(result[0]).isEqualTo(ExportResult.FAILURE);
      assertThat(interruptFlag[0]).isTrue();
      assertThat(receiver.requests()).hasSize(1);
      assertThat(listener.retries).isEmpty();
    }
  }

  @Test
  void refusedConnectionFailsAfterBoundedRetries() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (OtlpHttpSpanExporter exporter = spanExporter()
        .endpoint("http://127.0.0.1:" + closedPort)
        .maxRetries(2)
        .build()) {
      assertThat(exporter.export(spans(1))).isEqualTo(ExportResult.FAILURE);
    }
    assertThat(listener.retries).containsExactly("connect", "connect");
    assertThat(sleeps).containsExactly(100L, 200L);
    assertThat(listener.encoded).hasSize(1);
  }

  @Test
  void closedExporterFailsWithoutSending() {
    OtlpHttpSpanExporter exporter = spanExporter().build();
    exporter.close();

    assertThat(exporter.export(spans(1))).isEqualTo(ExportResult.FAILURE);
    assertThat(receiver.requests()).isEmpty();
  }

  @Test
  void builderRefusesUnusableSettings() {
    assertThatThrownBy(() -> OtlpHttpSpanExporter.builder().endpoint("localhost:9411").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be an http(s) base URL");
    assertThatThrownBy(() -> OtlpHttpSpanExporter.builder().header("Content-Encoding", "br"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("set by the exporter");
    assertThatThrownBy(() -> OtlpHttpSpanExporter.builder().header("Host", "x").build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OtlpHttpSpanExporter.builder().maxRetries(-1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OtlpHttpSpanExporter.builder().timeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OtlpHttpSpanExporter.builder()
        .initialBackoff(Duration.ofSeconds(2)).maxBackoff(Duration.ofSeconds(1)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("below initialBackoff");
  }

  @Test
  void defaultsPointAtTheLocalCollector() {
    try (OtlpHttpSpanExporter spans = OtlpHttpSpanExporter.builder().build();
        OtlpHttpLogExporter logs = OtlpHttpLogExporter.builder().build()) {
      assertThat(spans.toString()).contains("http://localhost:9411/v1/traces");
      assertThat(logs.toString()).contains("http://localhost:9411/v1/logs");
    }
  }
}
