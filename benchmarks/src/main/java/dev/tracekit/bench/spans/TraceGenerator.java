package dev.tracekit.bench.spans;

import dev.tracekit.core.Attributes;
import dev.tracekit.core.EventData;
import dev.tracekit.core.InstrumentationScope;
import dev.tracekit.core.Resource;
import dev.tracekit.core.SpanData;
import dev.tracekit.core.SpanKind;
import dev.tracekit.core.StatusCode;
import dev.tracekit.core.TraceContext;
import dev.tracekit.core.TraceFlags;
import dev.tracekit.core.TraceState;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Realistic traces of the demo platform, 8 spans each, with unique random ids: the gateway's
 * server span, its client calls to auth and data, their server spans, and three JDBC queries in
 * the data service (the N+1 shape). Attributes follow OpenTelemetry's HTTP and database
 * conventions; about 3% of traces are slow (one query of 80-400 ms), 2% fail (a query timeout
 * that turns into HTTP 500 up the chain), one in four data calls records a cache-miss event.
 * The data service's server span carries {@code customer.tier} (gold 20%, silver 30%, bronze
 * 50%), the tag the query benchmark searches for.
 *
 * <p>Deterministic for a seed except the start times, which follow the wall clock (the
 * collectors' and Zipkin's default search windows end at "now").
 */
public final class TraceGenerator {

  public static final int SPANS_PER_TRACE = 8;
  public static final String GATEWAY = "gateway-service";
  public static final String AUTH = "auth-service";
  public static final String DATA = "data-service";
  private static final String[] TIERS = {"gold", "gold", "silver", "silver", "silver", "bronze", "bronze", "bronze",
      "bronze", "bronze"};
  private static final String QUERY = "SELECT i.id, i.product_id, i.quantity, p.price FROM items i "
      + "JOIN products p ON p.id = i.product_id WHERE i.order_id = ?";
  private static final InstrumentationScope HTTP_SCOPE = new InstrumentationScope("dev.tracekit.spring", "0.1.0");
  private static final InstrumentationScope JDBC_SCOPE = new InstrumentationScope("dev.tracekit.jdbc", "0.1.0");
  private static final long MS = 1_000_000L;

  private final SplittableRandom random;
  private final long baseEpochNanos;
  private final Resource gateway = resource(GATEWAY, "gateway-7d9f8c6b5-x2k4p", "5f0c1e9a-3a1b-4c6e-9d7f-2b8e4a6c1d3f");
  private final Resource auth = resource(AUTH, "auth-6c8d7f9b4-q8w2e", "0a9b8c7d-6e5f-4a3b-2c1d-0e9f8a7b6c5d");
  private final Resource data = resource(DATA, "data-84b7c9d5f-m3n7r", "9e8d7c6b-5a4f-4e3d-2c1b-0a9f8e7d6c5b");
  private long traceIndex;

  /**
   * @param seed ids and shapes follow from it
   * @param baseEpochNanos start of the first trace; each next trace starts 1 ms later
   */
  public TraceGenerator(long seed, long baseEpochNanos) {
    this.random = new SplittableRandom(seed);
    this.baseEpochNanos = baseEpochNanos;
  }

  /** Traces generated from now with the wall clock's current time as base. */
  public static TraceGenerator startingNow(long seed) {
    return new TraceGenerator(seed, System.currentTimeMillis() * MS);
  }

  /** The next {@code count} traces, their spans grouped by the service that reports them. */
  public GeneratedTraces generate(int count) {
    List<SpanData> gatewaySpans = new ArrayList<>(count * 3);
    List<SpanData> authSpans = new ArrayList<>(count);
    List<SpanData> dataSpans = new ArrayList<>(count * 4);
    long[] traceIds = new long[count * 2];
    for (int i = 0; i < count; i++) {
      long high = nonZero();
      long low = nonZero();
      traceIds[2 * i] = high;
      traceIds[2 * i + 1] = low;
      trace(high, low, baseEpochNanos + traceIndex++ * MS, gatewaySpans, authSpans, dataSpans);
    }
    return new GeneratedTraces(gatewaySpans, authSpans, dataSpans, traceIds);
  }

  private void trace(long high, long low, long start, List<SpanData> gatewaySpans, List<SpanData> authSpans,
      List<SpanData> dataSpans) {
    long orderId = 10_000 + random.nextInt(90_000);
    boolean slow = random.nextInt(100) < 3;
    boolean failed = !slow && random.nextInt(100) < 2;
    String tier = TIERS[random.nextInt(TIERS.length)];
    long status = failed ? 500 : 200;

    long rootId = nonZero();
    long authClientId = nonZero();
    long authServerId = nonZero();
    long dataClientId = nonZero();
    long dataServerId = nonZero();

    // Auth call.
    long authClientStart = start + 300_000 + random.nextInt(200_000);
    long authServerStart = authClientStart + 250_000 + random.nextInt(100_000);
    long authServerEnd = authServerStart + MS + random.nextInt(3_000_000);
    long authClientEnd = authServerEnd + 200_000 + random.nextInt(100_000);

    // Data call with three queries, one of them slow or failing in some traces.
    long dataClientStart = authClientEnd + 150_000 + random.nextInt(100_000);
    long dataServerStart = dataClientStart + 250_000 + random.nextInt(100_000);
    long cursor = dataServerStart + 200_000;
    int slowQuery = random.nextInt(3);
    List<SpanData> queries = new ArrayList<>(3);
    for (int q = 0; q < 3; q++) {
      long duration = 300_000 + random.nextInt(2_700_000);
      if (slow && q == slowQuery) {
        duration = 80 * MS + random.nextInt(320) * MS;
      }
      boolean timeout = failed && q == 2;
      if (timeout) {
        duration = 30 * MS + random.nextInt(5_000_000);
      }
      long queryStart = cursor + 50_000;
      long queryEnd = queryStart + duration;
      cursor = queryEnd;
      queries.add(SpanData.builder()
          .context(context(high, low, nonZero()))
          .parentSpanId(dataServerId)
          .name("SELECT shop.items")
          .kind(SpanKind.CLIENT)
          .startEpochNanos(queryStart)
          .endEpochNanos(queryEnd)
          .attributes(Attributes.builder()
              .put("db.system.name", "postgresql")
              .put("db.namespace", "shop")
              .put("db.operation.name", "SELECT")
              .put("db.collection.name", "items")
              .put("db.query.text", QUERY)
              .put("server.address", "postgres")
              .put("server.port", 5432L)
              .build())
          .events(timeout
              ? List.of(new EventData(queryEnd - 10_000, "exception", Attributes.builder()
                  .put("exception.type", "org.postgresql.util.PSQLException")
                  .put("exception.message", "ERROR: canceling statement due to statement timeout")
                  .build()))
              : List.of())
          .status(timeout ? StatusCode.ERROR : StatusCode.UNSET,
              timeout ? "canceling statement due to statement timeout" : null)
          .resource(data)
          .scope(JDBC_SCOPE)
          .build());
    }
    long dataServerEnd = cursor + 300_000 + random.nextInt(200_000);
    long dataClientEnd = dataServerEnd + 200_000 + random.nextInt(100_000);
    long rootEnd = dataClientEnd + 300_000 + random.nextInt(300_000);

    String orderPath = Long.toString(orderId);
    boolean cacheMiss = random.nextInt(4) == 0;
    dataSpans.addAll(queries);
    dataSpans.add(SpanData.builder()
        .context(context(high, low, dataServerId))
        .parentSpanId(dataClientId)
        .name("GET /orders/{id}")
        .kind(SpanKind.SERVER)
        .startEpochNanos(dataServerStart)
        .endEpochNanos(dataServerEnd)
        .attributes(serverAttributes("GET", "/orders/{id}", "/orders/" + orderPath, 8082, status)
            .put("customer.tier", tier)
            .build())
        .events(cacheMiss
            ? List.of(new EventData(dataServerStart + 100_000, "cache miss",
                Attributes.builder().put("cache.key", "order:" + orderPath).build()))
            : List.of())
        .status(failed ? StatusCode.ERROR : StatusCode.UNSET, null)
        .resource(data)
        .scope(HTTP_SCOPE)
        .build());

    authSpans.add(SpanData.builder()
        .context(context(high, low, authServerId))
        .parentSpanId(authClientId)
        .name("POST /auth/validate")
        .kind(SpanKind.SERVER)
        .startEpochNanos(authServerStart)
        .endEpochNanos(authServerEnd)
        .attributes(serverAttributes("POST", "/auth/validate", "/auth/validate", 8081, 200)
            .put("enduser.id", "user-" + random.nextInt(5_000))
            .build())
        .resource(auth)
        .scope(HTTP_SCOPE)
        .build());

    gatewaySpans.add(clientSpan(high, low, authClientId, rootId, "POST", "http://auth-service:8081/auth/validate",
        "auth-service", 8081, 200, authClientStart, authClientEnd, false));
    gatewaySpans.add(clientSpan(high, low, dataClientId, rootId, "GET", "http://data-service:8082/orders/" + orderPath,
        "data-service", 8082, status, dataClientStart, dataClientEnd, failed));
    gatewaySpans.add(SpanData.builder()
        .context(context(high, low, rootId))
        .name("GET /api/orders/{id}")
        .kind(SpanKind.SERVER)
        .startEpochNanos(start)
        .endEpochNanos(rootEnd)
        .attributes(serverAttributes("GET", "/api/orders/{id}", "/api/orders/" + orderPath, 8080, status)
            .put("client.address", "10.0." + random.nextInt(4) + "." + (1 + random.nextInt(250)))
            .put("user_agent.original", "demo-traffic/1.0 (Java HttpClient)")
            .build())
        .status(failed ? StatusCode.ERROR : StatusCode.UNSET, null)
        .resource(gateway)
        .scope(HTTP_SCOPE)
        .build());
  }

  private SpanData clientSpan(long high, long low, long id, long parent, String method, String url, String host,
      long port, long status, long start, long end, boolean failed) {
    return SpanData.builder()
        .context(context(high, low, id))
        .parentSpanId(parent)
        .name(method)
        .kind(SpanKind.CLIENT)
        .startEpochNanos(start)
        .endEpochNanos(end)
        .attributes(Attributes.builder()
            .put("http.request.method", method)
            .put("url.full", url)
            .put("server.address", host)
            .put("server.port", port)
            .put("http.response.status_code", status)
            .build())
        .status(failed ? StatusCode.ERROR : StatusCode.UNSET, null)
        .resource(gateway)
        .scope(HTTP_SCOPE)
        .build();
  }

  private static Attributes.Builder serverAttributes(String method, String route, String path, long port, long status) {
    return Attributes.builder()
        .put("http.request.method", method)
        .put("http.route", route)
        .put("url.path", path)
        .put("url.scheme", "http")
        .put("server.port", port)
        .put("http.response.status_code", status);
  }

  private static TraceContext context(long high, long low, long spanId) {
    return TraceContext.create(high, low, spanId, TraceFlags.SAMPLED, TraceState.empty(), false);
  }

  private long nonZero() {
    long id;
    do {
      id = random.nextLong();
    } while (id == 0);
    return id;
  }

  private static Resource resource(String service, String host, String instance) {
    return new Resource(Attributes.builder()
        .put("service.name", service)
        .put("service.version", "1.4.2")
        .put("service.instance.id", instance)
        .put("host.name", host)
        .put("deployment.environment.name", "demo")
        .put("telemetry.sdk.name", "tracekit")
        .put("telemetry.sdk.language", "java")
        .put("telemetry.sdk.version", "0.1.0")
        .build());
  }
}
