package dev.tracekit.bench;

import dev.tracekit.core.Attributes;
import dev.tracekit.core.EventData;
import dev.tracekit.core.Ids;
import dev.tracekit.core.Resource;
import dev.tracekit.core.SpanData;
import dev.tracekit.core.SpanKind;
import dev.tracekit.core.StatusCode;
import dev.tracekit.core.TraceContext;
import dev.tracekit.core.TraceFlags;
import dev.tracekit.core.TraceState;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Random;

/**
 * The same batch of realistic HTTP and JDBC spans as TraceKit {@link SpanData} and as
 * OpenTelemetry SDK span data, so encoders are compared on equal content.
 */
final class SampleSpans {

  private static final String[] ROUTES = {"/api/orders/{id}", "/api/catalog", "/auth/validate", "/orders/{id}/items"};

  private SampleSpans() {}

  static List<SpanData> tracekit(int count, long seed) {
    Random random = new Random(seed);
    Resource resource = new Resource(Attributes.builder()
        .put("service.name", "gateway-service")
        .put("service.instance.id", "5f0c1e9a-3a1b-4c6e-9d7f-2b8e4a6c1d3f")
        .put("host.name", "gateway-7d9f8")
        .put("telemetry.sdk.name", "tracekit")
        .build());
    List<SpanData> spans = new ArrayList<>(count);
    long traceHigh = random.nextLong();
    long traceLow = random.nextLong() | 1;
    long start = 1_764_000_000_000_000_000L;
    for (int i = 0; i < count; i++) {
      if (i % 8 == 0) {
        traceHigh = random.nextLong();
        traceLow = random.nextLong() | 1;
      }
      String route = ROUTES[i % ROUTES.length];
      boolean db = i % 3 == 2;
      Attributes.Builder attributes = Attributes.builder();
      if (db) {
        attributes.put("db.system", "postgresql")
            .put("db.query.text", "SELECT id, product_id, quantity FROM items WHERE order_id = ?")
            .put("db.operation.name", "SELECT")
            .put("server.address", "postgres");
      } else {
        attributes.put("http.request.method", "GET")
            .put("http.route", route)
            .put("url.path", route.replace("{id}", Integer.toString(i)))
            .put("http.response.status_code", 200L)
            .put("server.address", "data-service");
      }
      long duration = 200_000L + random.nextInt(50_000_000);
      spans.add(SpanData.builder()
          .context(TraceContext.create(traceHigh, traceLow, Ids.randomSpanId(), TraceFlags.SAMPLED, TraceState.empty(), false))
          .parentSpanId(i % 8 == 0 ? 0 : random.nextLong() | 1)
          .name(db ? "SELECT items" : "GET " + route)
          .kind(db ? SpanKind.CLIENT : SpanKind.SERVER)
          .startEpochNanos(start + i * 1_000_000L)
          .endEpochNanos(start + i * 1_000_000L + duration)
          .attributes(attributes.build())
          .events(i % 16 == 0
              ? List.of(new EventData(start + i * 1_000_000L + 1000, "cache miss", Attributes.builder().put("cache.key", "order:" + i).build()))
              : List.of())
          .status(i % 50 == 0 ? StatusCode.ERROR : StatusCode.UNSET, i % 50 == 0 ? "timeout" : null)
          .resource(resource)
          .build());
    }
    return spans;
  }

  /** The same content recorded through the OpenTelemetry SDK. */
  static List<io.opentelemetry.sdk.trace.data.SpanData> otel(List<SpanData> source) {
    List<io.opentelemetry.sdk.trace.data.SpanData> collected = new ArrayList<>(source.size());
    io.opentelemetry.sdk.trace.export.SpanExporter collector = new io.opentelemetry.sdk.trace.export.SpanExporter() {
      @Override
      public CompletableResultCode export(Collection<io.opentelemetry.sdk.trace.data.SpanData> spans) {
        collected.addAll(spans);
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
      }
    };
    io.opentelemetry.sdk.resources.Resource resource = io.opentelemetry.sdk.resources.Resource.create(
        io.opentelemetry.api.common.Attributes.builder()
            .put("service.name", "gateway-service")
            .put("service.instance.id", "5f0c1e9a-3a1b-4c6e-9d7f-2b8e4a6c1d3f")
            .put("host.name", "gateway-7d9f8")
            .put("telemetry.sdk.name", "opentelemetry")
            .build());
    try (SdkTracerProvider provider = SdkTracerProvider.builder()
        .setResource(resource)
        .addSpanProcessor(SimpleSpanProcessor.create(collector))
        .build()) {
      io.opentelemetry.api.trace.Tracer tracer = provider.get("bench");
      for (SpanData s : source) {
        io.opentelemetry.api.trace.SpanBuilder builder = tracer.spanBuilder(s.name())
            .setSpanKind(io.opentelemetry.api.trace.SpanKind.valueOf(s.kind().name()))
            .setStartTimestamp(s.startEpochNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
        s.attributes().forEach((k, v) -> {
          if (v instanceof Long l) {
            builder.setAttribute(AttributeKey.longKey(k), l);
          } else {
            builder.setAttribute(AttributeKey.stringKey(k), v.toString());
          }
        });
        io.opentelemetry.api.trace.Span span = builder.startSpan();
        for (EventData e : s.events()) {
          span.addEvent(e.name(), io.opentelemetry.api.common.Attributes.of(
              AttributeKey.stringKey("cache.key"), e.attributes().getString("cache.key")),
              e.epochNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
        }
        if (s.statusCode() == StatusCode.ERROR) {
          span.setStatus(io.opentelemetry.api.trace.StatusCode.ERROR, s.statusMessage());
        }
        span.end(s.endEpochNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
      }
    }
    return collected;
  }
}
