package dev.tracekit.collector.otlpjson;

import dev.tracekit.core.Attributes;
import dev.tracekit.core.EventData;
import dev.tracekit.core.InstrumentationScope;
import dev.tracekit.core.LinkData;
import dev.tracekit.core.LogRecordData;
import dev.tracekit.core.Resource;
import dev.tracekit.core.SpanData;
import dev.tracekit.core.TraceContext;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Encodes spans and logs as OTLP/JSON requests, the inverse of {@link OtlpJsonDecoder}: typed
 * attribute values survive the round trip. The PostgreSQL store keeps each span in this form;
 * tests build ingest bodies with it.
 */
public final class OtlpJsonEncoder {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private OtlpJsonEncoder() {}

  /** An {@code ExportTraceServiceRequest}, spans grouped by resource and scope. */
  public static byte[] encodeTraces(Collection<? extends SpanData> spans) {
    return write(g -> {
      g.writeStartObject();
      g.writeName("resourceSpans");
      writeGrouped(g, spans, SpanData::resource, SpanData::scope, "scopeSpans", "spans", OtlpJsonEncoder::writeSpan);
      g.writeEndObject();
    });
  }

  /** An {@code ExportLogsServiceRequest}, logs grouped by resource and scope. */
  public static byte[] encodeLogs(Collection<LogRecordData> logs) {
    return write(g -> {
      g.writeStartObject();
      g.writeName("resourceLogs");
      writeGrouped(g, logs, LogRecordData::resource, LogRecordData::scope, "scopeLogs", "logRecords", OtlpJsonEncoder::writeLog);
      g.writeEndObject();
    });
  }

  private static byte[] write(java.util.function.Consumer<JsonGenerator> body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      body.accept(g);
    }
    return out.toByteArray();
  }

  private static <T> void writeGrouped(JsonGenerator g, Collection<? extends T> items,
      Function<T, Resource> resourceOf, Function<T, InstrumentationScope> scopeOf,
      String scopeArray, String itemArray, BiConsumer<JsonGenerator, T> writeItem) {
    Map<Resource, Map<InstrumentationScope, List<T>>> grouped = new LinkedHashMap<>();
    for (T item : items) {
      grouped.computeIfAbsent(resourceOf.apply(item), r -> new LinkedHashMap<>())
          .computeIfAbsent(scopeOf.apply(item), s -> new ArrayList<>())
          .add(item);
    }
    g.writeStartArray();
    for (Map.Entry<Resource, Map<InstrumentationScope, List<T>>> byResource : grouped.entrySet()) {
      g.writeStartObject();
      g.writeName("resource");
      g.writeStartObject();
      writeAttributes(g, byResource.getKey().attributes());
      g.writeEndObject();
      g.writeName(scopeArray);
      g.writeStartArray();
      for (Map.Entry<InstrumentationScope, List<T>> byScope : byResource.getValue().entrySet()) {
        g.writeStartObject();
        g.writeName("scope");
        g.writeStartObject();
        g.writeStringProperty("name", byScope.getKey().name());
        if (byScope.getKey().version() != null) {
          g.writeStringProperty("version", byScope.getKey().version());
        }
        g.writeEndObject();
        g.writeName(itemArray);
        g.writeStartArray();
        for (T item : byScope.getValue()) {
          writeItem.accept(g, item);
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void writeSpan(JsonGenerator g, SpanData span) {
    g.writeStartObject();
    TraceContext context = span.context();
    g.writeStringProperty("traceId", context.traceIdHex());
    g.writeStringProperty("spanId", context.spanIdHex());
    if (!context.traceState().isEmpty()) {
      g.writeStringProperty("traceState", context.traceState().toString());
    }
    if (span.parentSpanId() != 0) {
      g.writeStringProperty("parentSpanId", span.parentSpanIdHex());
    }
    g.writeNumberProperty("flags", context.flags());
    g.writeStringProperty("name", span.name());
    g.writeNumberProperty("kind", span.kind().otlpValue());
    g.writeStringProperty("startTimeUnixNano", Long.toUnsignedString(span.startEpochNanos()));
    g.writeStringProperty("endTimeUnixNano", Long.toUnsignedString(span.endEpochNanos()));
    writeAttributes(g, span.attributes());
    writeCount(g, "droppedAttributesCount", span.droppedAttributesCount());
    if (!span.events().isEmpty()) {
      g.writeName("events");
      g.writeStartArray();
      for (EventData event : span.events()) {
        g.writeStartObject();
        g.writeStringProperty("timeUnixNano", Long.toUnsignedString(event.epochNanos()));
        g.writeStringProperty("name", event.name());
        writeAttributes(g, event.attributes());
        writeCount(g, "droppedAttributesCount", event.droppedAttributesCount());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    writeCount(g, "droppedEventsCount", span.droppedEventsCount());
    if (!span.links().isEmpty()) {
      g.writeName("links");
      g.writeStartArray();
      for (LinkData link : span.links()) {
        g.writeStartObject();
        g.writeStringProperty("traceId", link.context().traceIdHex());
        g.writeStringProperty("spanId", link.context().spanIdHex());
        if (!link.context().traceState().isEmpty()) {
          g.writeStringProperty("traceState", link.context().traceState().toString());
        }
        g.writeNumberProperty("flags", link.context().flags());
        writeAttributes(g, link.attributes());
        writeCount(g, "droppedAttributesCount", link.droppedAttributesCount());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    writeCount(g, "droppedLinksCount", span.droppedLinksCount());
    g.writeName("status");
    g.writeStartObject();
    if (!span.statusMessage().isEmpty()) {
      g.writeStringProperty("message", span.statusMessage());
    }
    g.writeNumberProperty("code", span.statusCode().otlpValue());
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void writeLog(JsonGenerator g, LogRecordData log) {
    g.writeStartObject();
    g.writeStringProperty("timeUnixNano", Long.toUnsignedString(log.epochNanos()));
    g.writeStringProperty("observedTimeUnixNano", Long.toUnsignedString(log.observedEpochNanos()));
    g.writeNumberProperty("severityNumber", log.severityNumber());
    if (!log.severityText().isEmpty()) {
      g.writeStringProperty("severityText", log.severityText());
    }
    g.writeName("body");
    writeValue(g, log.body());
    writeAttributes(g, log.attributes());
    g.writeNumberProperty("flags", log.traceFlags());
    if (log.hasTrace()) {
      g.writeStringProperty("traceId", log.traceIdHex());
    }
    if (log.spanId() != 0) {
      g.writeStringProperty("spanId", log.spanIdHex());
    }
    g.writeEndObject();
  }

  private static void writeCount(JsonGenerator g, String name, int count) {
    if (count != 0) {
      g.writeNumberProperty(name, count);
    }
  }

  private static void writeAttributes(JsonGenerator g, Attributes attributes) {
    if (attributes.isEmpty()) {
      return;
    }
    g.writeName("attributes");
    g.writeStartArray();
    for (int i = 0; i < attributes.size(); i++) {
      g.writeStartObject();
      g.writeStringProperty("key", attributes.keyAt(i));
      g.writeName("value");
      writeValue(g, attributes.valueAt(i));
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  /** An {@code AnyValue}; attribute values are already normalized to these types. */
  private static void writeValue(JsonGenerator g, Object value) {
    g.writeStartObject();
    if (value instanceof Boolean b) {
      g.writeBooleanProperty("boolValue", b);
    } else if (value instanceof Long l) {
      g.writeStringProperty("intValue", Long.toString(l));
    } else if (value instanceof Double d) {
      if (d.isNaN() || d.isInfinite()) {
        g.writeStringProperty("doubleValue", d.toString());
      } else {
        g.writeNumberProperty("doubleValue", d);
      }
    } else if (value instanceof List<?> list) {
      g.writeName("arrayValue");
      g.writeStartObject();
      g.writeName("values");
      g.writeStartArray();
      for (Object element : list) {
        writeValue(g, element);
      }
      g.writeEndArray();
      g.writeEndObject();
    } else {
      g.writeStringProperty("stringValue", String.valueOf(value));
    }
    g.writeEndObject();
  }
}
