package dev.tracekit.analysis;

import dev.tracekit.core.Attributes;
import dev.tracekit.core.EventData;
import dev.tracekit.core.Resource;
import dev.tracekit.core.SpanData;
import dev.tracekit.core.SpanKind;
import dev.tracekit.core.StatusCode;
import dev.tracekit.core.TraceContext;
import dev.tracekit.core.TraceFlags;
import dev.tracekit.core.TraceState;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds handcrafted traces: {@code t.root("gateway", "GET /x").ms(0, 100)} then
 * {@code root.client("GET /y").ms(5, 50)}. Times are milliseconds (or microseconds with
 * {@code us}) from a fixed epoch; ids count up from 0x1000 in creation order.
 */
final class TraceFixture {

  static final long TRACE_HIGH = 0x4bf92f3577b34da6L;
  static final long TRACE_LOW = 0xa3ce929d0e0e4736L;
  static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  static final long EPOCH_NANOS = 1_700_000_000_000_000_000L;

  private final List<Spec> specs = new ArrayList<>();
  private long nextId = 0x1000;
  private long traceLow = TRACE_LOW;

  /** A SERVER span without a parent. */
  Spec root(String service, String name) {
    return add(service, name, SpanKind.SERVER, 0);
  }

  /** A span of any kind with the given parent id (0 for none); for orphans and odd shapes. */
  Spec span(String service, String name, SpanKind kind, long parentId) {
    return add(service, name, kind, parentId);
  }

  /** Spans from now on belong to another trace (for dependency-graph tests). */
  TraceFixture nextTrace() {
    traceLow++;
    return this;
  }

  List<SpanData> spans() {
    List<SpanData> out = new ArrayList<>(specs.size());
    for (Spec s : specs) {
      out.add(s.build());
    }
    return out;
  }

  TraceAnalysis analyze() {
    return TraceAnalyzer.withDefaults().analyze(spans());
  }

  TraceAnalysis analyze(AnalysisSettings settings) {
    return new TraceAnalyzer(settings).analyze(spans());
  }

  private Spec add(String service, String name, SpanKind kind, long parentId) {
    Spec s = new Spec(nextId++, traceLow, parentId, service, name, kind);
    specs.add(s);
    return s;
  }

  static String hex(long id) {
    return dev.tracekit.core.Ids.toHex(id);
  }

  final class Spec {
    final long id;
    private final long traceLow;
    private long spanId;
    private final long parentId;
    private final String service;
    private final String name;
    private final SpanKind kind;
    private long startMicros;
    private long endMicros;
    private final Attributes.Builder attributes = Attributes.builder();
    private final List<EventData> events = new ArrayList<>();
    private StatusCode status = StatusCode.UNSET;
    private String statusMessage = "";
    private String host;

    private Spec(long id, long traceLow, long parentId, String service, String name, SpanKind kind) {
      this.id = id;
      this.spanId = id;
      this.traceLow = traceLow;
      this.parentId = parentId;
      this.service = service;
      this.name = name;
      this.kind = kind;
    }

    Spec ms(long startMs, long endMs) {
      return us(startMs * 1_000, endMs * 1_000);
    }

    Spec us(long start, long end) {
      this.startMicros = start;
      this.endMicros = end;
      return this;
    }

    Spec attr(String key, Object value) {
      attributes.put(key, value);
      return this;
    }

    Spec error(String message) {
      this.status = StatusCode.ERROR;
      this.statusMessage = message;
      return this;
    }

    Spec exception(String type, String message) {
      events.add(new EventData(EPOCH_NANOS + endMicros * 1_000, "exception",
          Attributes.builder().put("exception.type", type).put("exception.message", message).build()));
      return this;
    }

    Spec host(String host) {
      this.host = host;
      return this;
    }

    /** Reuses another span's id (Zipkin shared spans, duplicates). */
    Spec sameIdAs(Spec other) {
      this.spanId = other.spanId;
      return this;
    }

    String hex() {
      return TraceFixture.hex(spanId);
    }

    Spec child(String service, String name, SpanKind kind) {
      return add(service, name, kind, spanId);
    }

    Spec internal(String name) {
      return child(service, name, SpanKind.INTERNAL);
    }

    Spec client(String name) {
      return child(service, name, SpanKind.CLIENT);
    }

    Spec server(String service, String name) {
      return child(service, name, SpanKind.SERVER);
    }

    /** A JDBC-style database client span running {@code statement}. */
    Spec query(String statement) {
      return client("SELECT").attr("db.system.name", "postgresql").attr("db.query.text", statement);
    }

    /** An HTTP client span to {@code peer}. */
    Spec http(String name, String peer) {
      return client(name).attr("server.address", peer).attr("http.request.method", "GET");
    }

    SpanData build() {
      Attributes.Builder resource = Attributes.builder().put(Resource.SERVICE_NAME, service);
      if (host != null) {
        resource.put("host.name", host);
      }
      return SpanData.builder()
          .context(TraceContext.create(TRACE_HIGH, traceLow, spanId, TraceFlags.SAMPLED, TraceState.empty(), false))
          .parentSpanId(parentId)
          .name(name)
          .kind(kind)
          .startEpochNanos(EPOCH_NANOS + startMicros * 1_000)
          .endEpochNanos(EPOCH_NANOS + endMicros * 1_000)
          .attributes(attributes.build())
          .events(events)
          .status(status, statusMessage)
          .resource(new Resource(resource.build()))
          .build();
    }
  }
}
