package dev.tracekit.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tracekit.collector.CollectorClient;
import dev.tracekit.collector.CollectorHttpTest;
import dev.tracekit.collector.otlpjson.OtlpJsonEncoder;
import dev.tracekit.core.Attributes;
import dev.tracekit.core.EventData;
import dev.tracekit.core.ExportResult;
import dev.tracekit.core.Ids;
import dev.tracekit.core.InstrumentationScope;
import dev.tracekit.core.LogRecordData;
import dev.tracekit.core.Resource;
import dev.tracekit.core.SpanData;
import dev.tracekit.core.SpanKind;
import dev.tracekit.core.StatusCode;
import dev.tracekit.core.TraceContext;
import dev.tracekit.core.TraceFlags;
import dev.tracekit.core.TraceState;
import dev.tracekit.core.export.OtlpHttpLogExporter;
import dev.tracekit.core.export.OtlpHttpSpanExporter;
import dev.tracekit.core.otlp.Compression;
import dev.tracekit.core.otlp.OtlpTraceCodec;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One trace sent every way, through real HTTP: our OTLP/HTTP exporter (protobuf, LZ4), a
 * hand-built protobuf + LZ4 body (to see the raw response), the official OpenTelemetry Java SDK's
 * OTLP/HTTP exporter (protobuf, gzip), OTLP JSON and Zipkin v2 JSON. Each comes back from the
 * query API with the same content (trace ids aside, and resources reduced to the service: Zipkin
 * carries nothing else). Logs likewise through our log exporter and OTLP JSON.
 */
class EveryTransportReadsBackTheSameTest extends CollectorHttpTest {

  /** 2025-01-01T00:00:00Z in microseconds. */
  private static final long T = 1_735_689_600_000_000L;
  private static final long ROOT = 0x1111111111111111L;
  private static final long CLIENT = 0x2222222222222222L;
  private static final long SERVER = 0x3333333333333333L;

  /** The reference trace: checkout → (client call) → payments, the call failing. */
  private static List<SpanData> referenceTrace(long traceHigh, long traceLow) {
    return List.of(
        span(traceHigh, traceLow, ROOT, 0, "checkout", "POST /checkout", SpanKind.SERVER, 0, 50_000)
            .attributes(Attributes.builder().put("http.request.method", "POST").put("url.path", "/checkout").build())
            .events(List.of(new EventData(nanos(1_000), "order.validated", Attributes.empty())))
            .build(),
        span(traceHigh, traceLow, CLIENT, ROOT, "checkout", "POST /pay", SpanKind.CLIENT, 5_000, 30_000)
            .attributes(Attributes.builder().put("http.request.method", "POST").put("server.address", "payments").build())
            .status(StatusCode.ERROR, "payment declined")
            .build(),
        span(traceHigh, traceLow, SERVER, CLIENT, "payments", "POST /pay", SpanKind.SERVER, 6_000, 28_000)
            .attributes(Attributes.builder().put("http.response.status_code", "402").build())
            .status(StatusCode.ERROR, "declined")
            .build());
  }

  private static dev.tracekit.core.SpanDataBuilder span(long traceHigh, long traceLow, long spanId, long parent,
      String service, String name, SpanKind kind, long startMicros, long durationMicros) {
    return SpanData.builder()
        .context(TraceContext.create(traceHigh, traceLow, spanId, TraceFlags.SAMPLED, TraceState.empty(), false))
        .parentSpanId(parent)
        .name(name)
        .kind(kind)
        .startEpochNanos(nanos(startMicros))
        .endEpochNanos(nanos(startMicros + durationMicros))
        .resource(new Resource(Attributes.builder().put(Resource.SERVICE_NAME, service).build()))
        .scope(new InstrumentationScope("test", "1.0"));
  }

  private static long nanos(long microsAfterT) {
    return (T + microsAfterT) * 1_000L;
  }

  @Test
  void oneTraceSentEveryWayReadsBackTheSame() throws Exception {
    long high = randomId();
    String ourExporter = sendWithOurExporter(high, 1);
    String ourProto = sendOurProtobufLz4(high, 5);
    String sdk = sendWithOpenTelemetrySdk(high, 2);
    String json = sendOtlpJson(high, 3);
    String zipkin = sendZipkinJson(high, 4);

    JsonNode expected = normalized(awaitTrace(ourExporter));
    assertThat(expected.size()).isEqualTo(3);
    assertThat(normalized(awaitTrace(ourProto))).isEqualTo(expected);
    assertThat(normalized(awaitTrace(sdk))).isEqualTo(expected);
    assertThat(normalized(awaitTrace(json))).isEqualTo(expected);
    assertThat(normalized(awaitTrace(zipkin))).isEqualTo(expected);

    JsonNode checkoutCall = expected.get(1);
    assertThat(checkoutCall.get("name").stringValue()).isEqualTo("POST /pay");
    assertThat(checkoutCall.get("kind").stringValue()).isEqualTo("CLIENT");
    assertThat(checkoutCall.get("service").stringValue()).isEqualTo("checkout");
    assertThat(checkoutCall.get("startMicros").longValue()).isEqualTo(T + 5_000);
    assertThat(checkoutCall.get("durationMicros").longValue()).isEqualTo(30_000);
    assertThat(checkoutCall.get("status").get("code").stringValue()).isEqualTo("ERROR");
    assertThat(checkoutCall.get("status").get("message").stringValue()).isEqualTo("payment declined");
    assertThat(checkoutCall.get("parentSpanId").stringValue()).isEqualTo(Ids.toHex(ROOT));
    assertThat(expected.get(0).get("events").get(0).get("name").stringValue()).isEqualTo("order.validated");
  }

  @Test
  void logsSentByOurExporterAndAsJsonReadBackTheSame() {
    long high = randomId();
    String service = "logs-" + Long.toHexString(high);
    LogRecordData viaExporter = log(high, 1, service, "payment declined for order 42");
    LogRecordData viaJson = log(high, 2, service, "payment declined for order 42");
    try (OtlpHttpLogExporter exporter = OtlpHttpLogExporter.builder()
        .endpoint(client.base()).compression(Compression.LZ4).maxRetries(0).build()) {
      assertThat(exporter.export(List.of(viaExporter))).isEqualTo(ExportResult.SUCCESS);
    }
    assertThat(client.post("/v1/logs", "application/json", OtlpJsonEncoder.encodeLogs(List.of(viaJson))).statusCode())
        .isEqualTo(200);

    JsonNode one = awaitLogs(Ids.toHex(high, 1));
    JsonNode two = awaitLogs(Ids.toHex(high, 2));
    ((ObjectNode) one).remove("traceId");
    ((ObjectNode) two).remove("traceId");
    assertThat(one).isEqualTo(two);
    assertThat(one.get("body").stringValue()).isEqualTo("payment declined for order 42");
    assertThat(one.get("level").stringValue()).isEqualTo("ERROR");
    assertThat(one.get("service").stringValue()).isEqualTo(service);
    assertThat(one.get("attributes").get("order.id").longValue()).isEqualTo(42);
  }

  private static LogRecordData log(long traceHigh, long traceLow, String service, String body) {
    return new LogRecordData(nanos(7_000), nanos(7_001), 17, "ERROR", body,
        Attributes.builder().put("order.id", 42L).build(), traceHigh, traceLow, CLIENT, TraceFlags.SAMPLED,
        new Resource(Attributes.builder().put(Resource.SERVICE_NAME, service).build()),
        new InstrumentationScope("com.example.Payments", null));
  }

  private JsonNode awaitLogs(String traceId) {
    List<JsonNode> holder = new ArrayList<>(1);
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      JsonNode logs = client.getJson("/api/logs?traceId=" + traceId);
      holder.clear();
      holder.add(logs);
      return logs.size() == 1;
    });
    return holder.get(0).get(0);
  }

  /** Our own OTLP/HTTP exporter, as the starter ships spans: protobuf, LZ4. */
  private String sendWithOurExporter(long high, long low) {
    try (OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
        .endpoint(client.base()).compression(Compression.LZ4).maxRetries(0).build()) {
      assertThat(exporter.export(referenceTrace(high, low))).isEqualTo(ExportResult.SUCCESS);
    }
    return Ids.toHex(high, low);
  }

  private String sendOurProtobufLz4(long high, long low) {
    byte[] body = Compression.LZ4.compress(OtlpTraceCodec.encode(referenceTrace(high, low)));
    HttpResponse<byte[]> response = client.post("/v1/traces", "application/x-protobuf", body, "Content-Encoding", "lz4");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEmpty(); // an ExportTraceServiceResponse with nothing rejected
    return Ids.toHex(high, low);
  }

  private String sendOtlpJson(long high, long low) {
    HttpResponse<byte[]> response = client.post("/v1/traces", "application/json",
        OtlpJsonEncoder.encodeTraces(referenceTrace(high, low)));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(CollectorClient.text(response)).isEqualTo("{}");
    return Ids.toHex(high, low);
  }

  private String sendZipkinJson(long high, long low) {
    String trace = Ids.toHex(high, low);
    String body = """
        [{"traceId":"%1$s","id":"%2$s","kind":"SERVER","name":"POST /checkout","timestamp":%5$d,"duration":50000,
          "localEndpoint":{"serviceName":"checkout"},
          "tags":{"http.request.method":"POST","url.path":"/checkout"},
          "annotations":[{"timestamp":%6$d,"value":"order.validated"}]},
         {"traceId":"%1$s","parentId":"%2$s","id":"%3$s","kind":"CLIENT","name":"POST /pay","timestamp":%7$d,
          "duration":30000,"localEndpoint":{"serviceName":"checkout"},
          "tags":{"http.request.method":"POST","server.address":"payments","error":"payment declined"}},
         {"traceId":"%1$s","parentId":"%3$s","id":"%4$s","kind":"SERVER","name":"POST /pay","timestamp":%8$d,
          "duration":28000,"localEndpoint":{"serviceName":"payments"},
          "tags":{"http.response.status_code":"402","error":"declined"}}]
        """.formatted(trace, Ids.toHex(ROOT), Ids.toHex(CLIENT), Ids.toHex(SERVER), T, T + 1_000, T + 5_000, T + 6_000);
    HttpResponse<byte[]> response = client.post("/api/v2/spans", "application/json", body.getBytes());
    assertThat(response.statusCode()).isEqualTo(202);
    return trace;
  }

  /** The same trace made by the official SDK with its own OTLP/HTTP exporter (protobuf, gzip). */
  private String sendWithOpenTelemetrySdk(long high, long low) {
    String traceId = Ids.toHex(high, low);
    Deque<String> spanIds = new ArrayDeque<>(List.of(Ids.toHex(ROOT), Ids.toHex(CLIENT), Ids.toHex(SERVER)));
    IdGenerator ids = new IdGenerator() {
      @Override
      public String generateSpanId() {
        return spanIds.removeFirst();
      }

      @Override
      public String generateTraceId() {
        return traceId;
      }
    };
    SdkTracerProvider checkout = provider("checkout", ids);
    SdkTracerProvider payments = provider("payments", ids);
    try {
      Span root = checkout.get("test").spanBuilder("POST /checkout")
          .setSpanKind(io.opentelemetry.api.trace.SpanKind.SERVER)
          .setStartTimestamp(nanos(0), TimeUnit.NANOSECONDS)
          .setAttribute("http.request.method", "POST")
          .setAttribute("url.path", "/checkout")
          .startSpan();
      root.addEvent("order.validated", io.opentelemetry.api.common.Attributes.empty(), nanos(1_000), TimeUnit.NANOSECONDS);
      Span call = checkout.get("test").spanBuilder("POST /pay")
          .setParent(Context.root().with(root))
          .setSpanKind(io.opentelemetry.api.trace.SpanKind.CLIENT)
          .setStartTimestamp(nanos(5_000), TimeUnit.NANOSECONDS)
          .setAttribute("http.request.method", "POST")
          .setAttribute(AttributeKey.stringKey("server.address"), "payments")
          .startSpan();
      SpanContext remoteParent = SpanContext.createFromRemoteParent(traceId, call.getSpanContext().getSpanId(),
          io.opentelemetry.api.trace.TraceFlags.getSampled(), io.opentelemetry.api.trace.TraceState.getDefault());
      Span served = payments.get("test").spanBuilder("POST /pay")
          .setParent(Context.root().with(Span.wrap(remoteParent)))
          .setSpanKind(io.opentelemetry.api.trace.SpanKind.SERVER)
          .setStartTimestamp(nanos(6_000), TimeUnit.NANOSECONDS)
          .setAttribute("http.response.status_code", "402")
          .startSpan();
      served.setStatus(io.opentelemetry.api.trace.StatusCode.ERROR, "declined");
      served.end(nanos(34_000), TimeUnit.NANOSECONDS);
      call.setStatus(io.opentelemetry.api.trace.StatusCode.ERROR, "payment declined");
      call.end(nanos(35_000), TimeUnit.NANOSECONDS);
      root.end(nanos(50_000), TimeUnit.NANOSECONDS);
      assertExported(checkout.forceFlush());
      assertExported(payments.forceFlush());
    } finally {
      checkout.shutdown().join(10, TimeUnit.SECONDS);
      payments.shutdown().join(10, TimeUnit.SECONDS);
    }
    return traceId;
  }

  private SdkTracerProvider provider(String service, IdGenerator ids) {
    io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter exporter =
        io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter.builder()
        .setEndpoint(client.base() + "/v1/traces")
        .setCompression("gzip")
        .build();
    return SdkTracerProvider.builder()
        .setResource(io.opentelemetry.sdk.resources.Resource.create(
            io.opentelemetry.api.common.Attributes.of(AttributeKey.stringKey("service.name"), service)))
        .setIdGenerator(ids)
        .addSpanProcessor(SimpleSpanProcessor.create(exporter))
        .build();
  }

  private static void assertExported(CompletableResultCode flush) {
    assertThat(flush.join(30, TimeUnit.SECONDS).isSuccess()).as("the SDK exported its spans").isTrue();
  }

  /** The spans of a trace once all three are stored (the memory store answers 200 when queued). */
  private JsonNode awaitTrace(String traceId) {
    List<JsonNode> holder = new ArrayList<>(1);
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      HttpResponse<byte[]> response = client.get("/api/traces/" + traceId);
      if (response.statusCode() != 200) {
        return false;
      }
      JsonNode trace = CollectorClient.json(response);
      holder.clear();
      holder.add(trace);
      return trace.get("spans").size() == 3;
    });
    JsonNode trace = holder.get(0);
    assertThat(trace.get("traceId").stringValue()).isEqualTo(traceId.toLowerCase(Locale.ROOT));
    return trace.get("spans");
  }

  /** The spans without what legitimately differs between transports: trace id, scope, resource extras. */
  private static JsonNode normalized(JsonNode spans) {
    ArrayNode result = CollectorClient.JSON.createArrayNode();
    for (JsonNode span : spans) {
      ObjectNode copy = (ObjectNode) span.deepCopy();
      copy.remove("traceId");
      copy.remove("scope");
      copy.set("resource", CollectorClient.JSON.createObjectNode()
          .put("service.name", span.get("resource").get("service.name").stringValue()));
      result.add(copy);
    }
    return result;
  }
}
