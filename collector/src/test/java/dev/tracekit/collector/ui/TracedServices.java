package dev.tracekit.collector.ui;

import dev.tracekit.core.Attributes;
import dev.tracekit.core.Context;
import dev.tracekit.core.InstrumentationScope;
import dev.tracekit.core.LogRecordData;
import dev.tracekit.core.Span;
import dev.tracekit.core.SpanKind;
import dev.tracekit.core.StatusCode;
import dev.tracekit.core.TraceContext;
import dev.tracekit.core.TraceKit;
import dev.tracekit.core.export.OtlpHttpLogExporter;
import dev.tracekit.core.export.OtlpHttpSpanExporter;
import dev.tracekit.core.propagation.TextMapGetter;
import dev.tracekit.core.propagation.W3CTraceContextPropagator;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Three services (gateway, auth, data) traced by the real TraceKit SDK and exporting over
 * OTLP/HTTP to a running collector, as the demo services do. Each scenario records one request
 * with explicit timestamps (so durations are what the test needs, without sleeping), carries the
 * context across services with W3C {@code traceparent} headers, and returns the trace id.
 */
final class TracedServices implements AutoCloseable {

  static final String GATEWAY = "gateway-service";
  static final String AUTH = "auth-service";
  static final String DATA = "data-service";

  private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
  private static final TextMapGetter<Map<String, String>> HEADERS = new TextMapGetter<>() {
    @Override
    public String get(Map<String, String> carrier, String key) {
      return carrier.get(key);
    }
  };
  private static final InstrumentationScope SCOPE = new InstrumentationScope("dev.tracekit.ui-test", "1.0");

  private final TraceKit gateway;
  private final TraceKit auth;
  private final TraceKit data;

  TracedServices(String collectorBase) {
    gateway = kit(GATEWAY, collectorBase);
    auth = kit(AUTH, collectorBase);
    data = kit(DATA, collectorBase);
  }

  private static TraceKit kit(String service, String collectorBase) {
    return TraceKit.builder()
        .serviceName(service)
        .spanExporter(OtlpHttpSpanExporter.builder().endpoint(collectorBase).build())
        .logExporter(OtlpHttpLogExporter.builder().endpoint(collectorBase).build())
        .maxQueueSize(20_000)
        .maxExportBatchSize(2_000)
        .scheduleDelay(Duration.ofMillis(50))
        .build();
  }

  /** Sends everything recorded so far; fails when an exporter could not. */
  void flush() {
    for (TraceKit kit : new TraceKit[] {gateway, auth, data}) {
      if (!kit.flush(Duration.ofSeconds(30))) {
        throw new IllegalStateException("TraceKit could not export to the collector within 30 s: " + kit);
      }
    }
  }

  private static long nowNanos() {
    return System.currentTimeMillis() * 1_000_000L;
  }

  private static long ms(long millis) {
    return millis * 1_000_000L;
  }

  private static Span start(TraceKit kit, String name, SpanKind kind, Context parent, long startNanos) {
    return kit.tracer().spanBuilder(name).setParent(parent).setKind(kind).setStartTimestamp(startNanos).startSpan();
  }

  /** The context a server extracts from the headers its caller's client span injected. */
  private static Context remote(Span client) {
    Map<String, String> headers = new HashMap<>();
    W3C.inject(Context.root().with(client), headers, Map::put);
    return W3C.extract(Context.root(), headers, HEADERS);
  }

  private static void log(TraceKit kit, Span span, long atNanos, int severity, String level, String body) {
    TraceContext c = span.context();
    kit.logs().emit(new LogRecordData(atNanos, atNanos, severity, level, body, Attributes.empty(), c.traceIdHigh(),
        c.traceIdLow(), c.spanId(), c.flags(), kit.resource(), SCOPE));
  }

  /**
   * GET /api/orders/42 through all three services: the gateway validates the token with auth,
   * then loads the order from data, which queries PostgreSQL. Seven spans, logs in every service.
   */
  String checkout() {
    long t = nowNanos() - ms(3_000);
    Span root = start(gateway, "GET /api/orders/{id}", SpanKind.SERVER, Context.root(), t);
    root.setAttribute("http.request.method", "GET").setAttribute("http.route", "/api/orders/{id}")
        .setAttribute("url.path", "/api/orders/42").setAttribute("http.response.status_code", 200L);
    Context inGateway = Context.root().with(root);
    log(gateway, root, t + ms(1), 9, "INFO", "GET /api/orders/42 from 10.0.0.7");

    Span toAuth = start(gateway, "GET", SpanKind.CLIENT, inGateway, t + ms(4));
    toAuth.setAttribute("http.request.method", "GET").setAttribute("server.address", "auth")
        .setAttribute("url.full", "http://auth:8081/validate");
    Span validate = start(auth, "GET /validate", SpanKind.SERVER, remote(toAuth), t + ms(6));
    validate.setAttribute("http.route", "/validate").setAttribute("enduser.id", "user-42")
        .setAttribute("http.response.status_code", 200L);
    Span verify = start(auth, "verify token", SpanKind.INTERNAL, Context.root().with(validate), t + ms(8));
    verify.addEvent("signature checked");
    log(auth, verify, t + ms(20), 9, "INFO", "token accepted for user-42");
    verify.end(t + ms(26));
    validate.end(t + ms(30));
    toAuth.end(t + ms(33));

    Span toData = start(gateway, "GET", SpanKind.CLIENT, inGateway, t + ms(36));
    toData.setAttribute("http.request.method", "GET").setAttribute("server.address", "data")
        .setAttribute("url.full", "http://data:8082/orders/42");
    Span order = start(data, "GET /orders/{id}", SpanKind.SERVER, remote(toData), t + ms(39));
    order.setAttribute("http.route", "/orders/{id}").setAttribute("http.response.status_code", 200L);
    Span select = start(data, "SELECT orders", SpanKind.CLIENT, Context.root().with(order), t + ms(45));
    select.setAttribute("db.system", "postgresql")
        .setAttribute("db.statement", "select * from orders where id = ?");
    select.end(t + ms(140));
    log(data, order, t + ms(150), 13, "WARN", "order 42 has no shipping address");
    order.end(t + ms(160));
    toData.end(t + ms(164));
    root.end(t + ms(170));
    return root.context().traceIdHex();
  }

  /** GET /orders in data: {@code queries} identical statements one after another, 15 ms each (N+1). */
  String nPlusOne(int queries) {
    long t = nowNanos() - ms(2_500);
    Span root = start(data, "GET /orders", SpanKind.SERVER, Context.root(), t);
    root.setAttribute("http.route", "/orders").setAttribute("http.request.method", "GET");
    Context in = Context.root().with(root);
    long at = t + ms(5);
    for (int i = 0; i < queries; i++) {
      Span q = start(data, "SELECT items", SpanKind.CLIENT, in, at);
      q.setAttribute("db.system", "postgresql").setAttribute("db.statement", "select * from items where order_id = " + (100 + i));
      q.end(at + ms(15));
      at += ms(17);
    }
    log(data, root, at, 9, "INFO", "listed " + queries + " orders");
    root.end(at + ms(5));
    return root.context().traceIdHex();
  }

  /**
   * POST /import in gateway: one root, 99 batches of 100 rows each: 10,000 spans, some failed; the
   * last batch's rows are database calls (an N+1 finding).
   */
  String bigImport() {
    long t = nowNanos() - ms(2_000);
    Span root = start(gateway, "POST /import", SpanKind.SERVER, Context.root(), t);
    for (int b = 0; b < 99; b++) {
      long bs = t + ms(10) + b * ms(10);
      Span batch = start(gateway, "import batch " + b, SpanKind.INTERNAL, Context.root().with(root), bs);
      Context in = Context.root().with(batch);
      // The last batch inserts row by row through the database, 0.6 ms a statement: an N+1
      // finding (60 ms at stake) whose spans are all on the last page of 4,000.
      boolean byStatement = b == 98;
      long step = byStatement ? 610_000L : 90_000L;
      long length = byStatement ? 600_000L : 80_000L;
      for (int r = 0; r < 100; r++) {
        Span row = start(gateway, "insert row", byStatement ? SpanKind.CLIENT : SpanKind.INTERNAL, in, bs + r * step);
        row.setAttribute("row", (long) b * 100 + r);
        if (byStatement) {
          row.setAttribute("db.system", "postgresql").setAttribute("db.statement", "insert into rows values (" + r + ")");
        }
        if ((b * 100 + r) % 1_999 == 0) {
          row.setStatus(StatusCode.ERROR, "duplicate key");
        }
        row.end(bs + r * step + length);
      }
      batch.end(bs + 100 * step);
    }
    root.end(t + ms(1_060));
    return root.context().traceIdHex();
  }

  /** A short request in gateway alone, for the live view. */
  String ping(String name) {
    long t = nowNanos() - ms(20);
    Span root = start(gateway, name, SpanKind.SERVER, Context.root(), t);
    Span child = start(gateway, "compute", SpanKind.INTERNAL, Context.root().with(root), t + ms(2));
    child.end(t + ms(9));
    root.end(t + ms(12));
    return root.context().traceIdHex();
  }

  @Override
  public void close() {
    gateway.close();
    auth.close();
    data.close();
  }
}
