package dev.tracekit.core.otlp;

import com.google.protobuf.ByteString;
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
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.EntityRef;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random telemetry for property tests: our model (every value type, unicode and unpaired
 * surrogates, extreme numbers) and generated requests that also carry fields our model does not
 * have (schema urls, entity refs, key/value lists, bytes, event names).
 */
final class RandomTelemetry {

  private static final String[] SAMPLES = {
    "", "GET /orders/{id}", "http.request.method", "ümlaut", "日本語", "emoji \uD83D\uDE80",
    "lone \uD800 high", "lone \uDC00 low", "\uDBFF\uDFFF", "tab\tnew\nline", "a"
  };

  private final Random random;
  private final boolean wellFormed;
  private final List<Resource> resources = new ArrayList<>();
  private final List<InstrumentationScope> scopes = new ArrayList<>();

  /** Strings may hold unpaired surrogates, which UTF-8 cannot carry (they encode as '?'). */
  RandomTelemetry(long seed) {
    this(seed, false);
  }

  /** With {@code wellFormed}, strings are valid Unicode and survive a round trip unchanged. */
  RandomTelemetry(long seed, boolean wellFormed) {
    this.random = new Random(seed);
    this.wellFormed = wellFormed;
    int resourceCount = 1 + random.nextInt(3);
    for (int i = 0; i < resourceCount; i++) {
      resources.add(new Resource(Attributes.builder()
          .put(Resource.SERVICE_NAME, "service-" + i)
          .putAll(attributes(4))
          .build()));
    }
    int scopeCount = 1 + random.nextInt(3);
    for (int i = 0; i < scopeCount; i++) {
      scopes.add(new InstrumentationScope("scope-" + i + string(), random.nextBoolean() ? null : "1." + i));
    }
  }

  // ---------------------------------------------------------------- our model

  List<SpanData> spans(int max) {
    int n = random.nextInt(max + 1);
    List<SpanData> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(span());
    }
    return out;
  }

  SpanData span() {
    List<EventData> events = new ArrayList<>();
    for (int i = random.nextInt(4); i > 0; i--) {
      events.add(new EventData(timestamp(), string(), attributes(3), count()));
    }
    List<LinkData> links = new ArrayList<>();
    for (int i = random.nextInt(3); i > 0; i--) {
      links.add(new LinkData(context(random.nextBoolean()), attributes(2), count()));
    }
    StatusCode code = StatusCode.values()[random.nextInt(3)];
    return SpanData.builder()
        .context(context(false))
        .parentSpanId(random.nextBoolean() ? 0 : nonZero())
        .name(string())
        .kind(SpanKind.values()[random.nextInt(SpanKind.values().length)])
        .startEpochNanos(timestamp())
        .endEpochNanos(timestamp())
        .attributes(attributes(8))
        .events(events)
        .links(links)
        .status(code, random.nextBoolean() ? "" : string())
        .resource(resources.get(random.nextInt(resources.size())))
        .scope(scopes.get(random.nextInt(scopes.size())))
        .droppedAttributesCount(count())
        .droppedEventsCount(count())
        .droppedLinksCount(count())
        .build();
  }

  List<LogRecordData> logs(int max) {
    int n = random.nextInt(max + 1);
    List<LogRecordData> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      boolean traced = random.nextBoolean();
      out.add(new LogRecordData(
          timestamp(), timestamp(), random.nextInt(25), string(), string(), attributes(6),
          traced ? random.nextLong() : 0, traced ? nonZero() : 0, random.nextBoolean() ? nonZero() : 0,
          random.nextInt(256), resources.get(random.nextInt(resources.size())),
          scopes.get(random.nextInt(scopes.size()))));
    }
    return out;
  }

  TraceContext context(boolean remote) {
    return TraceContext.create(random.nextLong(), nonZero(), nonZero(), random.nextInt(256), traceState(), remote);
  }

  private TraceState traceState() {
    int n = random.nextInt(4);
    String[] pairs = new String[n * 2];
    for (int i = 0; i < n; i++) {
      pairs[i * 2] = i == 2 ? "tenant" + i + "@vendor" : "k" + i + "-_*/";
      pairs[i * 2 + 1] = "v " + random.nextInt(1000) + "!~";
    }
    return TraceState.ofValidated(pairs, n * 2);
  }

  Attributes attributes(int max) {
    Attributes.Builder b = Attributes.builder();
    for (int i = random.nextInt(max + 1); i > 0; i--) {
      b.put(random.nextInt(10) == 0 ? "" : "key." + random.nextInt(20) + string(), value(2));
    }
    return b.build();
  }

  private Object value(int depth) {
    switch (random.nextInt(depth > 0 ? 5 : 4)) {
      case 0:
        return string();
      case 1:
        return random.nextBoolean();
      case 2: {
        long[] longs = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, random.nextLong(), random.nextInt(300)};
        return longs[random.nextInt(longs.length)];
      }
      case 3: {
        double[] doubles = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.MIN_VALUE, random.nextDouble() * 1e6};
        return doubles[random.nextInt(doubles.length)];
      }
      default: {
        List<Object> list = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
          list.add(value(depth - 1));
        }
        return List.copyOf(list);
      }
    }
  }

  String string() {
    if (random.nextInt(4) > 0) {
      String sample = SAMPLES[random.nextInt(SAMPLES.length)];
      return wellFormed && sample.startsWith("lone") ? "well formed" : sample;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = random.nextInt(40); i > 0; i--) {
      int kind = random.nextInt(10);
      if (kind < 6) {
        sb.append((char) (0x20 + random.nextInt(0x5F)));
      } else if (kind < 8) {
        sb.append((char) random.nextInt(0x800));
      } else if (kind < 9) {
        sb.appendCodePoint(0x10000 + random.nextInt(0x10FFFF - 0x10000));
      } else if (!wellFormed) {
        sb.append((char) random.nextInt(0x10000)); // anything, surrogates included
      }
    }
    return sb.toString();
  }

  private long timestamp() {
    return switch (random.nextInt(4)) {
      case 0 -> 0;
      case 1 -> random.nextLong();
      default -> 1_700_000_000_000_000_000L + random.nextInt(1_000_000_000);
    };
  }

  private int count() {
    return switch (random.nextInt(6)) {
      case 0 -> random.nextInt(200);
      case 1 -> -1; // uint32 max on the wire
      default -> 0;
    };
  }

  private long nonZero() {
    long v;
    do {
      v = random.nextLong();
    } while (v == 0);
    return v;
  }

  // ---------------------------------------------------------------- generated requests

  /** A request built with the generated classes, including fields our model drops. */
  ExportTraceServiceRequest protoTraceRequest() {
    ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
    for (int r = random.nextInt(3); r > 0; r--) {
      ResourceSpans.Builder rs = ResourceSpans.newBuilder()
          .setResource(protoResource())
          .setSchemaUrl(random.nextBoolean() ? "" : "https://opentelemetry.io/schemas/1.26.0");
      for (int s = random.nextInt(3); s > 0; s--) {
        ScopeSpans.Builder ss = ScopeSpans.newBuilder().setScope(protoScope()).setSchemaUrl(string());
        for (int i = random.nextInt(5); i > 0; i--) {
          ss.addSpans(protoSpan());
        }
        rs.addScopeSpans(ss);
      }
      request.addResourceSpans(rs);
    }
    return request.build();
  }

  ExportLogsServiceRequest protoLogsRequest() {
    ExportLogsServiceRequest.Builder request = ExportLogsServiceRequest.newBuilder();
    for (int r = random.nextInt(3); r > 0; r--) {
      ResourceLogs.Builder rl = ResourceLogs.newBuilder().setResource(protoResource()).setSchemaUrl(string());
      for (int s = random.nextInt(3); s > 0; s--) {
        ScopeLogs.Builder sl = ScopeLogs.newBuilder().setScope(protoScope());
        for (int i = random.nextInt(5); i > 0; i--) {
          LogRecord.Builder l = LogRecord.newBuilder()
              .setTimeUnixNano(timestamp())
              .setObservedTimeUnixNano(timestamp())
              .setSeverityNumberValue(random.nextInt(25))
              .setSeverityText(string())
              .addAllAttributes(protoAttributes(4))
              .setDroppedAttributesCount(count())
              .setFlags(random.nextInt(256))
              .setEventName(string());
          if (random.nextBoolean()) {
            l.setBody(protoValue(2));
          }
          if (random.nextBoolean()) {
            l.setTraceId(ProtoMapping.traceId(random.nextLong(), nonZero())).setSpanId(ProtoMapping.spanId(nonZero()));
          }
          sl.addLogRecords(l);
        }
        rl.addScopeLogs(sl);
      }
      request.addResourceLogs(rl);
    }
    return request.build();
  }

  private io.opentelemetry.proto.resource.v1.Resource protoResource() {
    return io.opentelemetry.proto.resource.v1.Resource.newBuilder()
        .addAllAttributes(protoAttributes(4))
        .setDroppedAttributesCount(count())
        .addEntityRefs(EntityRef.newBuilder().setType("service").addIdKeys("service.name"))
        .build();
  }

  private io.opentelemetry.proto.common.v1.InstrumentationScope protoScope() {
    return io.opentelemetry.proto.common.v1.InstrumentationScope.newBuilder()
        .setName(string())
        .setVersion(random.nextBoolean() ? "" : "2.0")
        .addAllAttributes(protoAttributes(2))
        .build();
  }

  private Span protoSpan() {
    Span.Builder b = Span.newBuilder()
        .setTraceId(ProtoMapping.traceId(random.nextLong(), nonZero()))
        .setSpanId(ProtoMapping.spanId(nonZero()))
        .setTraceState(traceState().toString())
        .setName(string())
        .setKindValue(random.nextInt(6))
        .setStartTimeUnixNano(timestamp())
        .setEndTimeUnixNano(timestamp())
        .addAllAttributes(protoAttributes(6))
        .setDroppedAttributesCount(count())
        .setDroppedEventsCount(count())
        .setDroppedLinksCount(count())
        .setFlags(random.nextInt(1024));
    if (random.nextBoolean()) {
      b.setParentSpanId(ProtoMapping.spanId(nonZero()));
    }
    for (int i = random.nextInt(3); i > 0; i--) {
      b.addEvents(Span.Event.newBuilder()
          .setTimeUnixNano(timestamp())
          .setName(string())
          .addAllAttributes(protoAttributes(3))
          .setDroppedAttributesCount(count()));
    }
    for (int i = random.nextInt(3); i > 0; i--) {
      b.addLinks(Span.Link.newBuilder()
          .setTraceId(ProtoMapping.traceId(random.nextLong(), random.nextLong()))
          .setSpanId(ProtoMapping.spanId(random.nextLong()))
          .setTraceState(traceState().toString())
          .addAllAttributes(protoAttributes(2))
          .setDroppedAttributesCount(count())
          .setFlags(random.nextInt(1024)));
    }
    if (random.nextBoolean()) {
      b.setStatus(Status.newBuilder().setCodeValue(random.nextInt(3)).setMessage(string()));
    }
    return b.build();
  }

  private List<KeyValue> protoAttributes(int max) {
    List<KeyValue> out = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (int i = random.nextInt(max + 1); i > 0; i--) {
      String key = "k" + random.nextInt(50);
      if (!keys.contains(key)) { // OTLP requires unique keys
        keys.add(key);
        out.add(KeyValue.newBuilder().setKey(key).setValue(protoValue(2)).build());
      }
    }
    return out;
  }

  private AnyValue protoValue(int depth) {
    AnyValue.Builder b = AnyValue.newBuilder();
    switch (random.nextInt(depth > 0 ? 9 : 7)) {
      case 0 -> b.setStringValue(string());
      case 1 -> b.setBoolValue(random.nextBoolean());
      case 2 -> b.setIntValue(random.nextLong());
      case 3 -> b.setDoubleValue(random.nextDouble());
      case 4 -> b.setBytesValue(ByteString.copyFrom(string().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      case 5 -> { } // empty AnyValue: no value
      case 6 -> b.setIntValue(random.nextInt(100));
      case 7 -> {
        ArrayValue.Builder array = ArrayValue.newBuilder();
        for (int i = random.nextInt(4); i > 0; i--) {
          array.addValues(protoValue(depth - 1));
        }
        b.setArrayValue(array);
      }
      default -> {
        KeyValueList.Builder list = KeyValueList.newBuilder();
        for (int i = random.nextInt(3); i > 0; i--) {
          list.addValues(KeyValue.newBuilder().setKey("n" + i).setValue(protoValue(depth - 1)));
        }
        b.setKvlistValue(list);
      }
    }
    return b.build();
  }
}
