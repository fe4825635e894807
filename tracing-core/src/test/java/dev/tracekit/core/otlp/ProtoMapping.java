package dev.tracekit.core.otlp;

import com.google.protobuf.ByteString;
import dev.tracekit.core.Attributes;
import dev.tracekit.core.EventData;
import dev.tracekit.core.InstrumentationScope;
import dev.tracekit.core.LinkData;
import dev.tracekit.core.LogRecordData;
import dev.tracekit.core.Resource;
import dev.tracekit.core.SpanData;
import dev.tracekit.core.SpanDataBuilder;
import dev.tracekit.core.SpanKind;
import dev.tracekit.core.StatusCode;
import dev.tracekit.core.TraceContext;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The reference mapping between our model and the generated {@code opentelemetry-proto}
 * classes, written with the generated builders only, independent of the codec under test.
 */
final class ProtoMapping {

  private ProtoMapping() {}

  // ---------------------------------------------------------------- model -> generated

  static ExportTraceServiceRequest toProto(List<? extends SpanData> spans) {
    ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
    group(spans, SpanData::resource, SpanData::scope).forEach((resource, scopes) -> {
      ResourceSpans.Builder rs = ResourceSpans.newBuilder().setResource(toProto(resource));
      scopes.forEach((scope, items) -> {
        ScopeSpans.Builder ss = ScopeSpans.newBuilder().setScope(toProto(scope));
        items.forEach(span -> ss.addSpans(toProto(span)));
        rs.addScopeSpans(ss);
      });
      request.addResourceSpans(rs);
    });
    return request.build();
  }

  static Span toProto(SpanData span) {
    TraceContext ctx = span.context();
    Span.Builder b = Span.newBuilder()
        .setTraceId(traceId(ctx.traceIdHigh(), ctx.traceIdLow()))
        .setSpanId(spanId(ctx.spanId()))
        .setTraceState(ctx.traceState().toString())
        .setName(span.name())
        .setKindValue(span.kind().otlpValue())
        .setStartTimeUnixNano(span.startEpochNanos())
        .setEndTimeUnixNano(span.endEpochNanos())
        .addAllAttributes(toProto(span.attributes()))
        .setDroppedAttributesCount(span.droppedAttributesCount())
        .setDroppedEventsCount(span.droppedEventsCount())
        .setDroppedLinksCount(span.droppedLinksCount())
        .setFlags(ctx.flags());
    if (span.parentSpanId() != 0) {
      b.setParentSpanId(spanId(span.parentSpanId()));
    }
    for (EventData e : span.events()) {
      b.addEvents(Span.Event.newBuilder()
          .setTimeUnixNano(e.epochNanos())
          .setName(e.name())
          .addAllAttributes(toProto(e.attributes()))
          .setDroppedAttributesCount(e.droppedAttributesCount()));
    }
    for (LinkData l : span.links()) {
      TraceContext lc = l.context();
      b.addLinks(Span.Link.newBuilder()
          .setTraceId(traceId(lc.traceIdHigh(), lc.traceIdLow()))
          .setSpanId(spanId(lc.spanId()))
          .setTraceState(lc.traceState().toString())
          .addAllAttributes(toProto(l.attributes()))
          .setDroppedAttributesCount(l.droppedAttributesCount())
          .setFlags(lc.flags() | 0x100 | (lc.isRemote() ? 0x200 : 0)));
    }
    if (span.statusCode() != StatusCode.UNSET || !span.statusMessage().isEmpty()) {
      b.setStatus(Status.newBuilder()
          .setCodeValue(span.statusCode().otlpValue())
          .setMessage(span.statusMessage()));
    }
    return b.build();
  }

  static ExportLogsServiceRequest toProtoLogs(List<LogRecordData> logs) {
    ExportLogsServiceRequest.Builder request = ExportLogsServiceRequest.newBuilder();
    group(logs, LogRecordData::resource, LogRecordData::scope).forEach((resource, scopes) -> {
      ResourceLogs.Builder rl = ResourceLogs.newBuilder().setResource(toProto(resource));
      scopes.forEach((scope, items) -> {
        ScopeLogs.Builder sl = ScopeLogs.newBuilder().setScope(toProto(scope));
        items.forEach(log -> sl.addLogRecords(toProto(log)));
        rl.addScopeLogs(sl);
      });
      request.addResourceLogs(rl);
    });
    return request.build();
  }

  static LogRecord toProto(LogRecordData log) {
    LogRecord.Builder b = LogRecord.newBuilder()
        .setTimeUnixNano(log.epochNanos())
        .setObservedTimeUnixNano(log.observedEpochNanos())
        .setSeverityNumberValue(log.severityNumber())
        .setSeverityText(log.severityText())
        .addAllAttributes(toProto(log.attributes()))
        .setFlags(log.traceFlags() & 0xFF);
    if (!log.body().isEmpty()) {
      b.setBody(AnyValue.newBuilder().setStringValue(log.body()));
    }
    if (log.hasTrace()) {
      b.setTraceId(traceId(log.traceIdHigh(), log.traceIdLow()));
    }
    if (log.spanId() != 0) {
      b.setSpanId(spanId(log.spanId()));
    }
    return b.build();
  }

  static io.opentelemetry.proto.resource.v1.Resource toProto(Resource resource) {
    return io.opentelemetry.proto.resource.v1.Resource.newBuilder()
        .addAllAttributes(toProto(resource.attributes()))
        .build();
  }

  static io.opentelemetry.proto.common.v1.InstrumentationScope toProto(InstrumentationScope scope) {
    io.opentelemetry.proto.common.v1.InstrumentationScope.Builder b =
        io.opentelemetry.proto.common.v1.InstrumentationScope.newBuilder().setName(scope.name());
    if (scope.version() != null) {
      b.setVersion(scope.version());
    }
    return b.build();
  }

  static List<KeyValue> toProto(Attributes attributes) {
    List<KeyValue> out = new ArrayList<>();
    attributes.forEach((k, v) -> out.add(KeyValue.newBuilder().setKey(k).setValue(toAnyValue(v)).build()));
    return out;
  }

  static AnyValue toAnyValue(Object v) {
    AnyValue.Builder b = AnyValue.newBuilder();
    if (v instanceof String s) {
      b.setStringValue(s);
    } else if (v instanceof Boolean x) {
      b.setBoolValue(x);
    } else if (v instanceof Long x) {
      b.setIntValue(x);
    } else if (v instanceof Double x) {
      b.setDoubleValue(x);
    } else if (v instanceof List<?> list) {
      ArrayValue.Builder array = ArrayValue.newBuilder();
      list.forEach(e -> array.addValues(toAnyValue(e)));
      b.setArrayValue(array);
    } else {
      throw new IllegalArgumentException("unexpected attribute value " + v);
    }
    return b.build();
  }

  static ByteString traceId(long high, long low) {
    return ByteString.copyFrom(ByteBuffer.allocate(16).putLong(high).putLong(low).array());
  }

  static ByteString spanId(long id) {
    return ByteString.copyFrom(ByteBuffer.allocate(8).putLong(id).array());
  }

  // ---------------------------------------------------------------- generated -> model

  /** What our decoder is documented to produce for a generated request. */
  static List<SpanData> fromProto(ExportTraceServiceRequest request) {
    List<SpanData> out = new ArrayList<>();
    for (ResourceSpans rs : request.getResourceSpansList()) {
      Resource resource = new Resource(fromProto(rs.getResource().getAttributesList()));
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        InstrumentationScope scope = fromProto(ss.getScope());
        for (Span s : ss.getSpansList()) {
          ByteBuffer trace = s.getTraceId().asReadOnlyByteBuffer();
          SpanDataBuilder b = SpanData.builder()
              .context(TraceContext.create(
                  trace.getLong(), trace.getLong(), s.getSpanId().asReadOnlyByteBuffer().getLong(),
                  s.getFlags() & 0xFF, CommonMessages.parseTraceState(s.getTraceState()), false))
              .parentSpanId(s.getParentSpanId().isEmpty() ? 0 : s.getParentSpanId().asReadOnlyByteBuffer().getLong())
              .name(s.getName())
              .kind(SpanKind.fromOtlp(s.getKindValue()))
              .startEpochNanos(s.getStartTimeUnixNano())
              .endEpochNanos(s.getEndTimeUnixNano())
              .attributes(fromProto(s.getAttributesList()))
              .droppedAttributesCount(s.getDroppedAttributesCount())
              .droppedEventsCount(s.getDroppedEventsCount())
              .droppedLinksCount(s.getDroppedLinksCount())
              .status(StatusCode.fromOtlp(s.getStatus().getCodeValue()), s.getStatus().getMessage())
              .resource(resource)
              .scope(scope);
          List<EventData> events = new ArrayList<>();
          for (Span.Event e : s.getEventsList()) {
            events.add(new EventData(
                e.getTimeUnixNano(), e.getName(), fromProto(e.getAttributesList()), e.getDroppedAttributesCount()));
          }
          List<LinkData> links = new ArrayList<>();
          for (Span.Link l : s.getLinksList()) {
            ByteBuffer lt = l.getTraceId().asReadOnlyByteBuffer();
            links.add(new LinkData(
                TraceContext.create(lt.getLong(), lt.getLong(), l.getSpanId().asReadOnlyByteBuffer().getLong(),
                    l.getFlags() & 0xFF, CommonMessages.parseTraceState(l.getTraceState()),
                    (l.getFlags() & 0x300) == 0x300),
                fromProto(l.getAttributesList()),
                l.getDroppedAttributesCount()));
          }
          out.add(b.events(events).links(links).build());
        }
      }
    }
    return out;
  }

  static List<LogRecordData> fromProto(ExportLogsServiceRequest request) {
    List<LogRecordData> out = new ArrayList<>();
    for (ResourceLogs rl : request.getResourceLogsList()) {
      Resource resource = new Resource(fromProto(rl.getResource().getAttributesList()));
      for (ScopeLogs sl : rl.getScopeLogsList()) {
        InstrumentationScope scope = fromProto(sl.getScope());
        for (LogRecord l : sl.getLogRecordsList()) {
          ByteBuffer trace = l.getTraceId().isEmpty() ? ByteBuffer.allocate(16) : l.getTraceId().asReadOnlyByteBuffer();
          long spanId = l.getSpanId().isEmpty() ? 0 : l.getSpanId().asReadOnlyByteBuffer().getLong();
          Object body = l.hasBody() ? fromAnyValue(l.getBody()) : null;
          out.add(new LogRecordData(
              l.getTimeUnixNano(), l.getObservedTimeUnixNano(), l.getSeverityNumberValue(), l.getSeverityText(),
              body == null ? "" : String.valueOf(body), fromProto(l.getAttributesList()),
              trace.getLong(), trace.getLong(), spanId, l.getFlags() & 0xFF, resource, scope));
        }
      }
    }
    return out;
  }

  static InstrumentationScope fromProto(io.opentelemetry.proto.common.v1.InstrumentationScope scope) {
    return new InstrumentationScope(scope.getName(), scope.getVersion().isEmpty() ? null : scope.getVersion());
  }

  static Attributes fromProto(List<KeyValue> kvs) {
    Attributes.Builder b = Attributes.builder();
    for (KeyValue kv : kvs) {
      b.put(kv.getKey(), fromAnyValue(kv.getValue()));
    }
    return b.build();
  }

  static Object fromAnyValue(AnyValue v) {
    switch (v.getValueCase()) {
      case STRING_VALUE:
        return v.getStringValue();
      case BOOL_VALUE:
        return v.getBoolValue();
      case INT_VALUE:
        return v.getIntValue();
      case DOUBLE_VALUE:
        return v.getDoubleValue();
      case ARRAY_VALUE: {
        List<Object> out = new ArrayList<>();
        for (AnyValue e : v.getArrayValue().getValuesList()) {
          Object o = fromAnyValue(e);
          if (o != null) {
            out.add(o);
          }
        }
        return List.copyOf(out);
      }
      case KVLIST_VALUE: {
        StringBuilder sb = new StringBuilder("{");
        for (KeyValue kv : v.getKvlistValue().getValuesList()) {
          Object o = fromAnyValue(kv.getValue());
          if (o != null) {
            sb.append(sb.length() > 1 ? ", " : "").append(kv.getKey()).append('=').append(o);
          }
        }
        return sb.append('}').toString();
      }
      case BYTES_VALUE:
        return Base64.getEncoder().encodeToString(v.getBytesValue().toByteArray());
      default:
        return null;
    }
  }

  // ---------------------------------------------------------------- grouping

  /** Items in the order the codec groups them: by resource, then scope, first appearance first. */
  static <T> List<T> grouped(List<T> items, Function<T, Resource> resourceOf, Function<T, InstrumentationScope> scopeOf) {
    List<T> out = new ArrayList<>();
    group(items, resourceOf, scopeOf).values().forEach(scopes -> scopes.values().forEach(out::addAll));
    return out;
  }

  private static <T> Map<Resource, Map<InstrumentationScope, List<T>>> group(
      List<? extends T> items, Function<? super T, Resource> resourceOf, Function<? super T, InstrumentationScope> scopeOf) {
    Map<Resource, Map<InstrumentationScope, List<T>>> groups = new LinkedHashMap<>();
    for (T item : items) {
      groups.computeIfAbsent(resourceOf.apply(item), r -> new LinkedHashMap<>())
          .computeIfAbsent(scopeOf.apply(item), s -> new ArrayList<>())
          .add(item);
    }
    return groups;
  }
}
