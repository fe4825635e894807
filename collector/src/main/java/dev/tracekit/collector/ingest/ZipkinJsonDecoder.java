package dev.tracekit.collector.ingest;

import dev.tracekit.collector.otlpjson.Decoded;
import dev.tracekit.collector.otlpjson.MalformedJsonException;
import dev.tracekit.core.Attributes;
import dev.tracekit.core.EventData;
import dev.tracekit.core.InstrumentationScope;
import dev.tracekit.core.Resource;
import dev.tracekit.core.SpanData;
import dev.tracekit.core.SpanDataBuilder;
import dev.tracekit.core.SpanKind;
import dev.tracekit.core.StatusCode;
import dev.tracekit.core.TraceContext;
import dev.tracekit.core.TraceFlags;
import dev.tracekit.core.TraceState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Converts Zipkin v2 JSON (a list of spans, as Brave and Zipkin reporters send to
 * {@code /api/v2/spans}) into spans:
 *
 * <ul>
 *   <li>ids: hex of up to 32 (trace) or 16 (span) characters, left-padded as Zipkin does;
 *   <li>{@code timestamp}/{@code duration} in microseconds → start and end;
 *   <li>{@code kind} → span kind (absent → INTERNAL);
 *   <li>{@code localEndpoint.serviceName} → resource {@code service.name}; its address and port →
 *       {@code network.local.address}/{@code network.local.port};
 *   <li>{@code remoteEndpoint} → {@code peer.service}, {@code network.peer.address},
 *       {@code network.peer.port};
 *   <li>{@code tags} → string attributes; the {@code error} tag → ERROR status with the tag's
 *       value as message; {@code otel.status_code}/{@code otel.status_description} and
 *       {@code otel.scope.name}/{@code otel.scope.version} (from OpenTelemetry's Zipkin exporter)
 *       → status and scope;
 *   <li>{@code annotations} → events.
 *   <li>A {@code shared} SERVER span (Brave's joined client/server span) keeps the id for the
 *       client half: the server half gets an id derived from it, its parent is the client half,
 *       and it carries {@code zipkin.shared=true}. Otherwise one half would overwrite the other.
 * </ul>
 *
 * Malformed JSON or ids fail the whole request, as in Zipkin; a span without a timestamp is
 * rejected alone (nothing can place it in time).
 *
 * <p>The body is read as a stream of tokens, not as a tree (this is the collector's ingest path
 * for Zipkin reporters): each span's fields are collected as they come, in whatever order, then
 * checked in one fixed order, so that a span with several faults always names the same one, and
 * a span without a timestamp is rejected without its other fields being judged. Ids are parsed
 * straight from the parser's characters.
 */
final class ZipkinJsonDecoder {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final InstrumentationScope ZIPKIN_SCOPE = new InstrumentationScope("zipkin", null);

  /** Stands for an object or array where a string was expected (compared by identity). */
  private static final String CONTAINER = new String("<container>");

  private final JsonParser parser;
  private final SpanFields fields = new SpanFields();
  private final Map<String, Resource> resources = new HashMap<>();

  private ZipkinJsonDecoder(JsonParser parser) {
    this.parser = parser;
  }

  static Decoded<SpanData> decode(byte[] body) {
    try (JsonParser parser = JSON.createParser(body)) {
      return new ZipkinJsonDecoder(parser).spans();
    } catch (JacksonException e) {
      throw new MalformedJsonException("body is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  private Decoded<SpanData> spans() {
    if (parser.nextToken() != JsonToken.START_ARRAY) {
      skipRest(); // a body that is not JSON at all says so first
      throw new MalformedJsonException("a Zipkin v2 body must be a JSON array of spans");
    }
    List<SpanData> spans = new ArrayList<>();
    int rejected = 0;
    String firstRejection = null;
    int index = 0;
    for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
      if (token != JsonToken.START_OBJECT) {
        skipRest();
        throw new MalformedJsonException("span " + index + " is not a JSON object");
      }
      fields.read(parser);
      if (fields.timestamp.state <= Micros.NULL) {
        if (rejected++ == 0) {
          firstRejection = "span " + index + " has no timestamp";
        }
      } else {
        try {
          spans.add(span(fields, index));
        } catch (MalformedJsonException e) {
          skipRest(); // as for the shape of the body: a syntax error further on comes first
          throw e;
        }
      }
      index++;
    }
    skipRest();
    return new Decoded<>(spans, rejected, firstRejection);
  }

  /**
   * Reads to the end of the body, so that a syntax error further on (or content after the root
   * value) is reported rather than a shape error, as when the body was read as a whole.
   */
  private void skipRest() {
    while (!parser.streamReadContext().inRoot()) {
      if (parser.nextToken() == null) { // Jackson reports a cut-short body itself; never loop on one
        throw new MalformedJsonException("body is not valid JSON: it ends before the array of spans does");
      }
    }
    if (parser.nextToken() != null) {
      throw new MalformedJsonException("body is not valid JSON: content after the array of spans");
    }
  }

  // Checked in this order; error messages name the span and field ("span 3 traceId ...") and
  // are built only when thrown.
  private SpanData span(SpanFields f, int index) {
    f.traceId.check(index, "traceId");
    f.id.check(index, "id");
    long spanId = f.id.low;
    long parentId = 0;
    if (f.parentId.state != HexId.ABSENT) {
      f.parentId.check(index, "parentId");
      parentId = f.parentId.low;
    }
    SpanKind kind = kind(text(f.kind, index, "kind", ""));
    Attributes.Builder attributes = Attributes.builder();
    if (f.shared && kind == SpanKind.SERVER) {
      parentId = spanId;
      spanId = derivedId(spanId);
      attributes.put("zipkin.shared", true);
    }
    long start = f.timestamp.value(index, "timestamp");
    long duration = f.duration.state <= Micros.NULL ? 0 : f.duration.value(index, "duration");

    String service = text(f.local.serviceName, index, "localEndpoint.serviceName", "");
    f.local.addTo(attributes, index, "localEndpoint", "network.local.address", "network.local.port");
    if (f.remote.isObject) {
      String peer = text(f.remote.serviceName, index, "remoteEndpoint.serviceName", "");
      if (peer != null && !peer.isEmpty()) {
        attributes.put("peer.service", peer);
      }
      f.remote.addTo(attributes, index, "remoteEndpoint", "network.peer.address", "network.peer.port");
    }

    StatusCode status = StatusCode.UNSET;
    String statusMessage = "";
    String scopeName = null;
    String scopeVersion = null;
    if (f.tagsNotAnObject) {
      throw malformed(index, "tags", " must be an object of strings");
    }
    List<String> tags = f.tags;
    for (int i = 0; i < tags.size(); i += 2) {
      String key = tags.get(i);
      String value = text(tags.get(i + 1), index, "tag ", key);
      if (value == null) {
        continue;
      }
      switch (key) {
        case "error" -> {
          status = StatusCode.ERROR;
          statusMessage = value;
        }
        case "otel.status_code" -> status = "ERROR".equalsIgnoreCase(value) ? StatusCode.ERROR
            : "OK".equalsIgnoreCase(value) ? StatusCode.OK : status;
        case "otel.status_description" -> statusMessage = value;
        case "otel.scope.name", "otel.library.name" -> scopeName = value;
        case "otel.scope.version", "otel.library.version" -> scopeVersion = value;
        default -> attributes.put(key, value);
      }
    }

    if (f.annotationsNotAnArray) {
      throw malformed(index, "annotations", " must be an array");
    }
    List<EventData> events = null;
    if (f.annotationCount > 0) {
      events = new ArrayList<>(f.annotationCount);
      for (int i = 0; i < f.annotationCount; i++) {
        long at = nanos(f.annotationTimestamps[i].value(index, "annotation timestamp"), index);
        String value = text(f.annotationValues[i], index, "annotation value", "");
        events.add(new EventData(at, String.valueOf(value), Attributes.empty()));
      }
    }

    String name = text(f.name, index, "name", "");
    SpanDataBuilder span = SpanData.builder();
    if (events != null) {
      span.events(events);
    }
    return span
        .context(TraceContext.create(f.traceId.high, f.traceId.low, spanId, TraceFlags.SAMPLED, TraceState.empty(), false))
        .parentSpanId(parentId)
        .name(name == null ? "" : name)
        .kind(kind)
        .startEpochNanos(nanos(start, index))
        .endEpochNanos(nanos(start + duration, index))
        .attributes(attributes.build())
        .status(status, statusMessage)
        .resource(service == null || service.isEmpty() ? Resource.empty()
            : resources.computeIfAbsent(service, s -> new Resource(Attributes.builder().put(Resource.SERVICE_NAME, s).build())))
        .scope(scopeName == null ? ZIPKIN_SCOPE : new InstrumentationScope(scopeName, scopeVersion))
        .build();
  }

  /** One span's fields as read, before they are checked. Reused from span to span. */
  private static final class SpanFields {
    final HexId traceId = new HexId(32);
    final HexId id = new HexId(16);
    final HexId parentId = new HexId(16);
    String kind;
    String name;
    boolean shared;
    final Micros timestamp = new Micros();
    final Micros duration = new Micros();
    final EndpointFields local = new EndpointFields();
    final EndpointFields remote = new EndpointFields();
    /** Tag keys and values, alternating, in the order of their first appearance. */
    final List<String> tags = new ArrayList<>();
    boolean tagsNotAnObject;
    boolean annotationsNotAnArray;
    int annotationCount;
    Micros[] annotationTimestamps = new Micros[0];
    String[] annotationValues = new String[0];

    void read(JsonParser parser) {
      clear();
      for (String field = parser.nextName(); field != null; field = parser.nextName()) {
        JsonToken token = parser.nextToken();
        switch (field) {
          case "traceId" -> traceId.read(parser, token);
          case "id" -> id.read(parser, token);
          case "parentId" -> parentId.read(parser, token);
          case "kind" -> kind = scalarText(parser, token);
          case "name" -> name = scalarText(parser, token);
          case "shared" -> shared = asBoolean(parser, token);
          case "timestamp" -> timestamp.read(parser, token);
          case "duration" -> duration.read(parser, token);
          case "localEndpoint" -> local.read(parser, token);
          case "remoteEndpoint" -> remote.read(parser, token);
          case "tags" -> readTags(parser, token);
          case "annotations" -> readAnnotations(parser, token);
          default -> parser.skipChildren();
        }
      }
    }

    private void clear() {
      traceId.clear();
      id.clear();
      parentId.clear();
      kind = null;
      name = null;
      shared = false;
      timestamp.clear();
      duration.clear();
      local.clear();
      remote.clear();
      tags.clear();
      tagsNotAnObject = false;
      annotationsNotAnArray = false;
      annotationCount = 0;
    }

    private void readTags(JsonParser parser, JsonToken token) {
      tags.clear();
      tagsNotAnObject = token != JsonToken.START_OBJECT && token != JsonToken.VALUE_NULL;
      if (token != JsonToken.START_OBJECT) {
        parser.skipChildren();
        return;
      }
      for (String key = parser.nextName(); key != null; key = parser.nextName()) {
        String value = scalarText(parser, parser.nextToken());
        int existing = indexOfTag(key);
        if (existing >= 0) {
          tags.set(existing + 1, value); // a repeated key keeps its place and takes the last value
        } else {
          tags.add(key);
          tags.add(value);
        }
      }
    }

    private int indexOfTag(String key) {
      // The parser hands out one String per distinct name, so identity settles most comparisons.
      int hash = key.hashCode();
      for (int i = 0; i < tags.size(); i += 2) {
        String other = tags.get(i);
        if (other == key || (other.hashCode() == hash && other.equals(key))) {
          return i;
        }
      }
      return -1;
    }

    private void readAnnotations(JsonParser parser, JsonToken token) {
      annotationCount = 0;
      annotationsNotAnArray = token != JsonToken.START_ARRAY && token != JsonToken.VALUE_NULL;
      if (token != JsonToken.START_ARRAY) {
        parser.skipChildren();
        return;
      }
      for (JsonToken element = parser.nextToken(); element != JsonToken.END_ARRAY; element = parser.nextToken()) {
        int i = annotationCount++;
        if (i == annotationTimestamps.length) {
          int grown = Math.max(4, i * 2);
          annotationTimestamps = Arrays.copyOf(annotationTimestamps, grown);
          annotationValues = Arrays.copyOf(annotationValues, grown);
        }
        if (annotationTimestamps[i] == null) {
          annotationTimestamps[i] = new Micros();
        }
        Micros at = annotationTimestamps[i];
        at.clear();
        annotationValues[i] = null;
        if (element != JsonToken.START_OBJECT) {
          parser.skipChildren(); // no timestamp to read: refused when the span is checked
          continue;
        }
        for (String field = parser.nextName(); field != null; field = parser.nextName()) {
          JsonToken value = parser.nextToken();
          switch (field) {
            case "timestamp" -> at.read(parser, value);
            case "value" -> annotationValues[i] = scalarText(parser, value);
            default -> parser.skipChildren();
          }
        }
      }
    }
  }

  /** An endpoint's fields as read; anything but an object counts as no endpoint. */
  private static final class EndpointFields {
    boolean isObject;
    String serviceName;
    String ipv4;
    String ipv6;
    long port;

    void clear() {
      isObject = false;
      serviceName = null;
      ipv4 = null;
      ipv6 = null;
      port = 0;
    }

    void read(JsonParser parser, JsonToken token) {
      clear();
      if (token != JsonToken.START_OBJECT) {
        parser.skipChildren();
        return;
      }
      isObject = true;
      for (String field = parser.nextName(); field != null; field = parser.nextName()) {
        JsonToken value = parser.nextToken();
        switch (field) {
          case "serviceName" -> serviceName = scalarText(parser, value);
          case "ipv4" -> ipv4 = scalarText(parser, value);
          case "ipv6" -> ipv6 = scalarText(parser, value);
          case "port" -> port = value == JsonToken.VALUE_NUMBER_INT ? port(parser) : skip(parser);
          default -> parser.skipChildren();
        }
      }
    }

    private static long skip(JsonParser parser) {
      parser.skipChildren();
      return 0;
    }

    void addTo(Attributes.Builder attributes, int index, String field, String addressKey, String portKey) {
      if (!isObject) {
        return;
      }
      String address = text(ipv4, index, field, ".ipv4");
      if (address == null) {
        address = text(ipv6, index, field, ".ipv6");
      }
      if (address != null && !address.isEmpty()) {
        attributes.put(addressKey, address);
      }
      if (port > 0) {
        attributes.put(portKey, port);
      }
    }
  }

  /** A hex id as read: 1..{@code maxChars} characters, left-padded with zeros; never all zeros. */
  private static final class HexId {
    static final byte ABSENT = 0;
    static final byte VALID = 1;
    static final byte BAD_LENGTH = 2;
    static final byte NOT_HEX = 3;
    static final byte ZERO = 4;
    static final byte NOT_TEXT = 5;

    /** Hex digit values, either case; -1 for anything else. */
    private static final byte[] NIBBLES = new byte[128];

    static {
      Arrays.fill(NIBBLES, (byte) -1);
      for (int i = 0; i < 10; i++) {
        NIBBLES['0' + i] = (byte) i;
      }
      for (int i = 0; i < 6; i++) {
        NIBBLES['a' + i] = (byte) (10 + i);
        NIBBLES['A' + i] = (byte) (10 + i);
      }
    }

    final int maxChars;
    byte state;
    long high;
    long low;

    HexId(int maxChars) {
      this.maxChars = maxChars;
    }

    void clear() {
      state = ABSENT;
      high = 0;
      low = 0;
    }

    void read(JsonParser parser, JsonToken token) {
      clear();
      if (token == JsonToken.VALUE_STRING) {
        parse(parser.getStringCharacters(), parser.getStringOffset(), parser.getStringLength());
        return;
      }
      String text = scalarText(parser, token);
      if (text == CONTAINER) {
        state = NOT_TEXT;
      } else if (text != null) {
        parse(text.toCharArray(), 0, text.length());
      }
    }

    private void parse(char[] chars, int offset, int length) {
      if (length == 0 || length > maxChars) {
        state = BAD_LENGTH;
        return;
      }
      int highChars = length > 16 ? length - 16 : 0;
      long h = 0;
      long l = 0;
      for (int i = 0; i < length; i++) {
        int nibble = nibble(chars[offset + i]);
        if (nibble < 0) {
          state = NOT_HEX;
          return;
        }
        if (i < highChars) {
          h = (h << 4) | nibble;
        } else {
          l = (l << 4) | nibble;
        }
      }
      high = h;
      low = l;
      state = (h | l) == 0 ? ZERO : VALID;
    }

    private static int nibble(char c) {
      return c < NIBBLES.length ? NIBBLES[c] : -1;
    }

    void check(int index, String field) {
      switch (state) {
        case VALID -> { }
        case ABSENT, BAD_LENGTH -> throw malformed(index, field, " must be 1 to " + maxChars + " hex characters");
        case NOT_HEX -> throw malformed(index, field, " is not hex");
        case ZERO -> throw malformed(index, field, " is all zeros");
        default -> throw malformed(index, field, " must be a string");
      }
    }
  }

  /** A count of microseconds as read: a non-negative integer that fits a long. */
  private static final class Micros {
    static final byte ABSENT = 0;
    static final byte NULL = 1;
    static final byte VALID = 2;
    static final byte INVALID = 3;

    byte state;
    long micros;

    void clear() {
      state = ABSENT;
      micros = 0;
    }

    void read(JsonParser parser, JsonToken token) {
      micros = 0;
      if (token == JsonToken.VALUE_NULL) {
        state = NULL;
        return;
      }
      long value = token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER
          ? parser.getLongValue()
          : -1;
      if (value >= 0) {
        state = VALID;
        micros = value;
      } else {
        parser.skipChildren();
        state = INVALID;
      }
    }

    long value(int index, String field) {
      if (state != VALID) {
        throw malformed(index, field, " must be a non-negative integer of microseconds");
      }
      return micros;
    }
  }

  /**
   * A scalar as text, as Jackson's tree gives it ({@code JsonNode.asString()}): strings as they
   * are, numbers and booleans printed; null for JSON null; {@link #CONTAINER} for an object or
   * array (skipped).
   */
  private static String scalarText(JsonParser parser, JsonToken token) {
    return switch (token) {
      case VALUE_STRING -> parser.getString();
      case VALUE_NULL -> null;
      case VALUE_TRUE -> "true";
      case VALUE_FALSE -> "false";
      case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
        case INT -> Integer.toString(parser.getIntValue());
        case LONG -> Long.toString(parser.getLongValue());
        default -> parser.getBigIntegerValue().toString();
      };
      case VALUE_NUMBER_FLOAT -> Double.toString(parser.getDoubleValue());
      default -> {
        parser.skipChildren();
        yield CONTAINER;
      }
    };
  }

  /** A port: an integer that fits a long, else 0 (no port; the tree decoder threw a 500 on these). */
  private static long port(JsonParser parser) {
    return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? 0 : parser.getLongValue();
  }

  /** {@code shared}, read leniently like Jackson's {@code asBoolean(false)}: true, non-zero or "true". */
  private static boolean asBoolean(JsonParser parser, JsonToken token) {
    return switch (token) {
      case VALUE_TRUE -> true;
      case VALUE_NUMBER_INT -> parser.getBigIntegerValue().signum() != 0;
      case VALUE_STRING -> "true".equals(parser.getString());
      default -> {
        parser.skipChildren();
        yield false;
      }
    };
  }

  private static SpanKind kind(String kind) {
    if (kind == null) {
      return SpanKind.INTERNAL;
    }
    // Case-insensitive, without the upper-cased copy.
    if ("CLIENT".equalsIgnoreCase(kind)) {
      return SpanKind.CLIENT;
    }
    if ("SERVER".equalsIgnoreCase(kind)) {
      return SpanKind.SERVER;
    }
    if ("PRODUCER".equalsIgnoreCase(kind)) {
      return SpanKind.PRODUCER;
    }
    return "CONSUMER".equalsIgnoreCase(kind) ? SpanKind.CONSUMER : SpanKind.INTERNAL;
  }

  /** A stable id for the server half of a shared span, different from the client half's. */
  private static long derivedId(long spanId) {
    long z = spanId + 0x9E3779B97F4A7C15L; // SplitMix64 finalizer: spreads one id into another
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z ^= z >>> 31;
    return z == 0 || z == spanId ? ~spanId : z;
  }

  private static long nanos(long micros, int index) {
    try {
      return Math.multiplyExact(micros, 1_000L);
    } catch (ArithmeticException e) {
      throw new MalformedJsonException("span " + index + ": timestamp is out of range");
    }
  }

  /** A text field as read: null stays null, an object or array fails, naming {@code field + subfield}. */
  private static String text(String value, int index, String field, String subfield) {
    if (value == CONTAINER) {
      throw malformed(index, field + subfield, " must be a string");
    }
    return value;
  }

  private static MalformedJsonException malformed(int index, String field, String problem) {
    return new MalformedJsonException("span " + index + " " + field + problem);
  }
}
