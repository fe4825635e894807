package dev.tracekit.collector.otlpjson;

import dev.tracekit.core.Attributes;
import dev.tracekit.core.EventData;
import dev.tracekit.core.Ids;
import dev.tracekit.core.InstrumentationScope;
import dev.tracekit.core.LinkData;
import dev.tracekit.core.LogRecordData;
import dev.tracekit.core.Resource;
import dev.tracekit.core.SpanData;
import dev.tracekit.core.SpanKind;
import dev.tracekit.core.StatusCode;
import dev.tracekit.core.TraceContext;
import dev.tracekit.core.TraceState;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decodes OTLP/JSON ({@code ExportTraceServiceRequest}, {@code ExportLogsServiceRequest}) as the
 * OTLP spec maps protobuf to JSON: ids as hex (not base64), enums as integers (names are
 * accepted too), 64-bit integers as decimal strings or numbers, field names in lowerCamelCase or
 * the proto's snake_case. Unknown fields are ignored.
 *
 * <p>A body that is not JSON or not shaped like the request fails as a whole
 * ({@link MalformedJsonException}). A span or log with invalid ids is rejected alone and counted,
 * so the rest of the batch is kept (OTLP {@code partial_success}).
 */
public final class OtlpJsonDecoder {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  /** Nested arrays and kvlists deeper than this are refused (they would only serve to attack). */
  private static final int MAX_VALUE_DEPTH = 16;
  /** Attributes kept per span, event, link, log or resource, as in the protobuf codec. */
  private static final int MAX_ATTRIBUTES = 128;
  private static final String[] SEVERITY_NAMES = {"TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"};

  private OtlpJsonDecoder() {}

  /** Decodes an {@code ExportTraceServiceRequest}. */
  public static Decoded<SpanData> decodeTraces(byte[] body) {
    JsonNode root = parse(body);
    List<SpanData> spans = new ArrayList<>();
    Rejections rejections = new Rejections();
    for (JsonNode resourceSpans : array(root, "resourceSpans", "resource_spans")) {
      Resource resource = resource(resourceSpans);
      for (JsonNode scopeSpans : array(resourceSpans, "scopeSpans", "scope_spans")) {
        InstrumentationScope scope = scope(scopeSpans);
        for (JsonNode span : array(scopeSpans, "spans", "spans")) {
          try {
            spans.add(span(span, resource, scope));
          } catch (InvalidItemException e) {
            rejections.add(e.getMessage());
          }
        }
      }
    }
    return new Decoded<>(spans, rejections.count, rejections.first);
  }

  /** Decodes an {@code ExportLogsServiceRequest}. */
  public static Decoded<LogRecordData> decodeLogs(byte[] body) {
    JsonNode root = parse(body);
    List<LogRecordData> logs = new ArrayList<>();
    Rejections rejections = new Rejections();
    for (JsonNode resourceLogs : array(root, "resourceLogs", "resource_logs")) {
      Resource resource = resource(resourceLogs);
      for (JsonNode scopeLogs : array(resourceLogs, "scopeLogs", "scope_logs")) {
        InstrumentationScope scope = scope(scopeLogs);
        for (JsonNode log : array(scopeLogs, "logRecords", "log_records")) {
          try {
            logs.add(log(log, resource, scope));
          } catch (InvalidItemException e) {
            rejections.add(e.getMessage());
          }
        }
      }
    }
    return new Decoded<>(logs, rejections.count, rejections.first);
  }

  private static JsonNode parse(byte[] body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JacksonException e) {
      throw new MalformedJsonException("body is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new MalformedJsonException("body must be a JSON object");
    }
    return root;
  }

  private static SpanData span(JsonNode node, Resource resource, InstrumentationScope scope) {
    requireObject(node, "a span");
    String name = string(node, "name", "name", "");
    long[] traceId = traceId(field(node, "traceId", "trace_id"), "span '" + name + "'");
    long spanId = spanId(field(node, "spanId", "span_id"), "span '" + name + "'", false);
    long parentSpanId = spanId(field(node, "parentSpanId", "parent_span_id"), "span '" + name + "' parent", true);
    int flags = (int) uint64(field(node, "flags", "flags"), "flags") & 0xFF;
    TraceContext context = TraceContext.create(traceId[0], traceId[1], spanId, flags,
        traceState(string(node, "traceState", "trace_state", "")), false);
    JsonNode status = field(node, "status", "status");
    StatusCode code = StatusCode.UNSET;
    String message = "";
    if (status != null) {
      code = StatusCode.fromOtlp(enumValue(field(status, "code", "code"), "STATUS_CODE_", List.of("UNSET", "OK", "ERROR")));
      message = string(status, "message", "message", "");
    }
    List<EventData> events = new ArrayList<>();
    for (JsonNode event : array(node, "events", "events")) {
      requireObject(event, "an event");
      int[] dropped = new int[1];
      Attributes attributes = attributes(event, dropped);
      events.add(new EventData(
          uint64(field(event, "timeUnixNano", "time_unix_nano"), "event time"),
          string(event, "name", "name", ""),
          attributes,
          dropped(event, dropped[0])));
    }
    List<LinkData> links = new ArrayList<>();
    for (JsonNode link : array(node, "links", "links")) {
      requireObject(link, "a link");
      String what = "link of span '" + name + "'";
      long[] linkTrace = traceId(field(link, "traceId", "trace_id"), what);
      long linkSpan = spanId(field(link, "spanId", "span_id"), what, false);
      int linkFlags = (int) uint64(field(link, "flags", "flags"), "flags") & 0xFF;
      int[] dropped = new int[1];
      Attributes attributes = attributes(link, dropped);
      links.add(new LinkData(
          TraceContext.create(linkTrace[0], linkTrace[1], linkSpan, linkFlags,
              traceState(string(link, "traceState", "trace_state", "")), true),
          attributes,
          dropped(link, dropped[0])));
    }
    int[] droppedAttributes = new int[1];
    Attributes attributes = attributes(node, droppedAttributes);
    return SpanData.builder()
        .context(context)
        .parentSpanId(parentSpanId)
        .name(name)
        .kind(SpanKind.fromOtlp(enumValue(field(node, "kind", "kind"), "SPAN_KIND_",
            List.of("UNSPECIFIED", "INTERNAL", "SERVER", "CLIENT", "PRODUCER", "CONSUMER"))))
        .startEpochNanos(uint64(field(node, "startTimeUnixNano", "start_time_unix_nano"), "startTimeUnixNano"))
        .endEpochNanos(uint64(field(node, "endTimeUnixNano", "end_time_unix_nano"), "endTimeUnixNano"))
        .attributes(attributes)
        .events(events)
        .links(links)
        .status(code, message)
        .resource(resource)
        .scope(scope)
        .droppedAttributesCount(dropped(node, droppedAttributes[0]))
        .droppedEventsCount((int) uint64(field(node, "droppedEventsCount", "dropped_events_count"), "droppedEventsCount"))
        .droppedLinksCount((int) uint64(field(node, "droppedLinksCount", "dropped_links_count"), "droppedLinksCount"))
        .build();
  }

  private static LogRecordData log(JsonNode node, Resource resource, InstrumentationScope scope) {
    requireObject(node, "a log record");
    JsonNode traceNode = field(node, "traceId", "trace_id");
    long[] traceId = isEmptyId(traceNode) ? new long[2] : traceId(traceNode, "log record");
    JsonNode spanNode = field(node, "spanId", "span_id");
    long spanId = isEmptyId(spanNode) ? 0 : spanId(spanNode, "log record", false);
    JsonNode body = field(node, "body", "body");
    Object bodyValue = body == null ? null : anyValue(body, 0);
    return new LogRecordData(
        uint64(field(node, "timeUnixNano", "time_unix_nano"), "timeUnixNano"),
        uint64(field(node, "observedTimeUnixNano", "observed_time_unix_nano"), "observedTimeUnixNano"),
        severityNumber(field(node, "severityNumber", "severity_number")),
        string(node, "severityText", "severity_text", ""),
        bodyValue == null ? "" : String.valueOf(bodyValue),
        attributes(node),
        traceId[0],
        traceId[1],
        spanId,
        (int) uint64(field(node, "flags", "flags"), "flags") & 0xFF,
        resource,
        scope);
  }

  private static Resource resource(JsonNode parent) {
    JsonNode resource = field(parent, "resource", "resource");
    return resource == null ? Resource.empty() : new Resource(attributes(resource));
  }

  private static InstrumentationScope scope(JsonNode parent) {
    JsonNode scope = field(parent, "scope", "scope");
    if (scope == null) {
      return new InstrumentationScope("", null);
    }
    String version = string(scope, "version", "version", "");
    return new InstrumentationScope(string(scope, "name", "name", ""), version.isEmpty() ? null : version);
  }

  private static Attributes attributes(JsonNode parent) {
    return attributes(parent, new int[1]);
  }

  /**
   * The attributes of {@code parent}; as the protobuf codec does, at most
   * {@value #MAX_ATTRIBUTES} are kept and the rest are added to {@code dropped[0]}.
   */
  private static Attributes attributes(JsonNode parent, int[] dropped) {
    List<JsonNode> list = array(parent, "attributes", "attributes");
    if (list.isEmpty()) {
      return Attributes.empty();
    }
    Attributes.Builder builder = Attributes.builder();
    for (JsonNode keyValue : list) {
      requireObject(keyValue, "an attribute");
      String key = string(keyValue, "key", "key", "");
      JsonNode value = field(keyValue, "value", "value");
      Object decoded = value == null ? null : anyValue(value, 0);
      if (decoded == null) {
        continue;
      }
      if (builder.size() >= MAX_ATTRIBUTES) {
        dropped[0]++;
      } else {
        builder.put(key, decoded);
      }
    }
    return builder.build();
  }

  /** A declared uint32 dropped count plus what decoding dropped, saturating as the codec does. */
  private static int dropped(JsonNode parent, int droppedByDecoder) {
    long declared = uint64(field(parent, "droppedAttributesCount", "dropped_attributes_count"), "droppedAttributesCount");
    long total = Math.min(0xFFFF_FFFFL, (declared & 0xFFFF_FFFFL) + droppedByDecoder);
    return (int) total;
  }

  /** An OTLP {@code AnyValue} as an attribute value; null for an empty value. */
  private static Object anyValue(JsonNode node, int depth) {
    if (depth > MAX_VALUE_DEPTH) {
      throw new MalformedJsonException("attribute values nest deeper than " + MAX_VALUE_DEPTH + " levels");
    }
    if (!node.isObject()) {
      throw new MalformedJsonException("an attribute value must be an AnyValue object, got " + node.getNodeType());
    }
    JsonNode v;
    if ((v = field(node, "stringValue", "string_value")) != null) {
      return text(v, "stringValue");
    }
    if ((v = field(node, "boolValue", "bool_value")) != null) {
      if (v.isBoolean()) {
        return v.booleanValue();
      }
      return Boolean.parseBoolean(text(v, "boolValue"));
    }
    if ((v = field(node, "intValue", "int_value")) != null) {
      return int64(v, "intValue");
    }
    if ((v = field(node, "doubleValue", "double_value")) != null) {
      return doubleValue(v);
    }
    if ((v = field(node, "arrayValue", "array_value")) != null) {
      List<Object> values = new ArrayList<>();
      for (JsonNode element : array(v, "values", "values")) {
        Object value = anyValue(element, depth + 1);
        if (value != null) {
          values.add(value);
        }
      }
      return values;
    }
    if ((v = field(node, "kvlistValue", "kvlist_value")) != null) {
      Map<String, Object> values = new LinkedHashMap<>();
      for (JsonNode keyValue : array(v, "values", "values")) {
        JsonNode value = field(keyValue, "value", "value");
        Object decoded = value == null ? null : anyValue(value, depth + 1);
        if (decoded != null) {
          values.put(string(keyValue, "key", "key", ""), decoded);
        }
      }
      return values;
    }
    if ((v = field(node, "bytesValue", "bytes_value")) != null) {
      return text(v, "bytesValue");
    }
    return null;
  }

  private static double doubleValue(JsonNode v) {
    if (v.isNumber()) {
      return v.doubleValue();
    }
    String s = text(v, "doubleValue");
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw new MalformedJsonException("doubleValue is not a number: " + abbreviate(s));
    }
  }

  private static int severityNumber(JsonNode v) {
    if (v == null) {
      return 0;
    }
    if (v.isString()) {
      String name = v.stringValue();
      if (name.startsWith("SEVERITY_NUMBER_")) {
        String level = name.substring("SEVERITY_NUMBER_".length());
        for (int i = 0; i < SEVERITY_NAMES.length; i++) {
          if (level.startsWith(SEVERITY_NAMES[i])) {
            String rest = level.substring(SEVERITY_NAMES[i].length());
            int step = rest.isEmpty() ? 1 : parseSmallInt(rest);
            if (step >= 1 && step <= 4) {
              return i * 4 + step;
            }
          }
        }
        return 0;
      }
    }
    long n = int64(v, "severityNumber");
    return n >= 0 && n <= 24 ? (int) n : 0;
  }

  private static int parseSmallInt(String s) {
    return s.length() == 1 && Character.isDigit(s.charAt(0)) ? s.charAt(0) - '0' : -1;
  }

  /** An enum given as its number or its name ({@code prefix + names[i]} is number {@code i}). */
  private static int enumValue(JsonNode v, String prefix, List<String> names) {
    if (v == null) {
      return 0;
    }
    if (v.isString() && !v.stringValue().isEmpty() && !Character.isDigit(v.stringValue().charAt(0))) {
      String name = v.stringValue().toUpperCase(Locale.ROOT);
      int i = names.indexOf(name.startsWith(prefix) ? name.substring(prefix.length()) : name);
      return Math.max(i, 0);
    }
    long n = int64(v, prefix + "*");
    return n >= 0 && n <= Integer.MAX_VALUE ? (int) n : 0;
  }

  private static boolean isEmptyId(JsonNode node) {
    return node == null || (node.isString() && node.stringValue().isEmpty());
  }

  private static long[] traceId(JsonNode node, String what) {
    String hex = idText(node, what + ": traceId");
    long[] out = new long[2];
    if (hex.length() != 32 || !parseHex(hex, out)) {
      throw new InvalidItemException(what + ": traceId must be 32 hex characters, got " + describe(hex));
    }
    if ((out[0] | out[1]) == 0) {
      throw new InvalidItemException(what + ": traceId is all zeros");
    }
    return out;
  }

  private static long spanId(JsonNode node, String what, boolean optional) {
    if (optional && isEmptyId(node)) {
      return 0;
    }
    String hex = idText(node, what + ": spanId");
    long[] out = new long[2];
    if (hex.length() != 16 || !parseHex(hex, out)) {
      throw new InvalidItemException(what + ": spanId must be 16 hex characters, got " + describe(hex));
    }
    if (out[1] == 0) {
      throw new InvalidItemException(what + ": spanId is all zeros");
    }
    return out[1];
  }

  private static String idText(JsonNode node, String what) {
    if (node == null) {
      throw new InvalidItemException(what + " is missing");
    }
    if (!node.isString()) {
      throw new InvalidItemException(what + " must be a hex string");
    }
    return node.stringValue();
  }

  /** Parses 16 or 32 hex chars of either case into {@code out[0]=high, out[1]=low}. */
  private static boolean parseHex(String hex, long[] out) {
    return Ids.parseLenient(hex, out);
  }

  private static String describe(String hex) {
    return hex.isEmpty() ? "an empty string" : hex.length() + " characters";
  }

  /** A W3C tracestate; members that are not {@code key=value} are left out. */
  private static TraceState traceState(String header) {
    if (header.isEmpty()) {
      return TraceState.empty();
    }
    String[] members = header.split(",", TraceState.MAX_ENTRIES + 1);
    String[] pairs = new String[Math.min(members.length, TraceState.MAX_ENTRIES) * 2];
    int n = 0;
    for (int i = 0; i < members.length && n < pairs.length; i++) {
      String member = members[i].trim();
      int eq = member.indexOf('=');
      if (eq > 0 && eq < member.length() - 1 && member.indexOf(' ') < 0) {
        pairs[n++] = member.substring(0, eq);
        pairs[n++] = member.substring(eq + 1);
      }
    }
    return TraceState.ofValidated(pairs, n);
  }

  private static void requireObject(JsonNode node, String what) {
    if (!node.isObject()) {
      throw new MalformedJsonException(what + " must be a JSON object, got " + node.getNodeType());
    }
  }

  /** The field under its JSON name or its proto name; null when absent or JSON null. */
  private static JsonNode field(JsonNode object, String jsonName, String protoName) {
    JsonNode v = object.get(jsonName);
    if (v == null && !jsonName.equals(protoName)) {
      v = object.get(protoName);
    }
    return v == null || v.isNull() ? null : v;
  }

  private static List<JsonNode> array(JsonNode object, String jsonName, String protoName) {
    if (!object.isObject()) {
      throw new MalformedJsonException("expected an object holding '" + jsonName + "', got " + object.getNodeType());
    }
    JsonNode v = field(object, jsonName, protoName);
    if (v == null) {
      return List.of();
    }
    if (!v.isArray()) {
      throw new MalformedJsonException("'" + jsonName + "' must be an array, got " + v.getNodeType());
    }
    List<JsonNode> list = new ArrayList<>(v.size());
    v.forEach(list::add);
    return list;
  }

  private static String string(JsonNode object, String jsonName, String protoName, String fallback) {
    JsonNode v = field(object, jsonName, protoName);
    return v == null ? fallback : text(v, jsonName);
  }

  private static String text(JsonNode v, String what) {
    if (!v.isValueNode() || v.isBinary()) {
      throw new MalformedJsonException("'" + what + "' must be a string, got " + v.getNodeType());
    }
    return v.isString() ? v.stringValue() : v.asString();
  }

  private static long int64(JsonNode v, String what) {
    if (v.isIntegralNumber() && v.canConvertToLong()) {
      return v.longValue();
    }
    if (v.isString()) {
      try {
        return Long.parseLong(v.stringValue());
      } catch (NumberFormatException e) {
        throw new MalformedJsonException("'" + what + "' is not a 64-bit integer: " + abbreviate(v.stringValue()));
      }
    }
    throw new MalformedJsonException("'" + what + "' must be an integer or a decimal string, got " + v.getNodeType());
  }

  private static long uint64(JsonNode v, String what) {
    if (v == null) {
      return 0;
    }
    if (v.isIntegralNumber()) {
      BigInteger n = v.bigIntegerValue();
      if (n.signum() >= 0 && n.bitLength() <= 64) {
        return n.longValue();
      }
    } else if (v.isString()) {
      try {
        return Long.parseUnsignedLong(v.stringValue());
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw new MalformedJsonException("'" + what + "' must be an unsigned 64-bit integer, got "
        + (v.isString() ? abbreviate(v.stringValue()) : v.getNodeType().toString()));
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? "'" + s + "'" : "'" + s.substring(0, 40) + "...'";
  }

  /** One span or log record that cannot be kept; the rest of the batch can. */
  private static final class InvalidItemException extends RuntimeException {
    InvalidItemException(String message) {
      super(message, null, false, false);
    }
  }

  private static final class Rejections {
    int count;
    String first;

    void add(String message) {
      if (count++ == 0) {
        first = message;
      }
    }
  }
}
