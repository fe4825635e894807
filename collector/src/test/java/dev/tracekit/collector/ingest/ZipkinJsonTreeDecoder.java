package dev.tracekit.collector.ingest;

import dev.tracekit.collector.otlpjson.Decoded;
import dev.tracekit.collector.otlpjson.MalformedJsonException;
import dev.tracekit.core.Attributes;
import dev.tracekit.core.EventData;
import dev.tracekit.core.Ids;
import dev.tracekit.core.InstrumentationScope;
import dev.tracekit.core.Resource;
import dev.tracekit.core.SpanData;
import dev.tracekit.core.SpanKind;
import dev.tracekit.core.StatusCode;
import dev.tracekit.core.TraceContext;
import dev.tracekit.core.TraceFlags;
import dev.tracekit.core.TraceState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Zipkin v2 JSON decoder as it was before it read the body as a stream: it reads the body into
 * a Jackson tree first. Kept as the reference that {@code ZipkinJsonDecoderDifferentialTest}
 * holds the streaming {@link ZipkinJsonDecoder} to, span by span and message by message.
 */
final class ZipkinJsonTreeDecoder {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final InstrumentationScope ZIPKIN_SCOPE = new InstrumentationScope("zipkin", null);
  private static final Endpoint LOCAL = new Endpoint("localEndpoint", "network.local.address", "network.local.port");
  private static final Endpoint REMOTE = new Endpoint("remoteEndpoint", "network.peer.address", "network.peer.port");

  private ZipkinJsonTreeDecoder() {}

  static Decoded<SpanData> decode(byte[] body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JacksonException e) {
      throw new MalformedJsonException("body is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isArray()) {
      throw new MalformedJsonException("a Zipkin v2 body must be a JSON array of spans");
    }
    List<SpanData> spans = new ArrayList<>(root.size());
    Map<String, Resource> resources = new HashMap<>();
    int rejected = 0;
    String firstRejection = null;
    int index = 0;
    for (JsonNode node : root) {
      if (!node.isObject()) {
        throw new MalformedJsonException("span " + index + " is not a JSON object");
      }
      JsonNode timestamp = node.get("timestamp");
      if (timestamp == null || timestamp.isNull()) {
        if (rejected++ == 0) {
          firstRejection = "span " + index + " has no timestamp";
        }
      } else {
        spans.add(span(node, index, resources));
      }
      index++;
    }
    return new Decoded<>(spans, rejected, firstRejection);
  }

  // Error messages name the span and field ("span 3 traceId ..."); they are built only when thrown.
  private static SpanData span(JsonNode node, int index, Map<String, Resource> resources) {
    long[] traceId = hexId(node.get("traceId"), 32, index, "traceId");
    long spanId = hexId(node.get("id"), 16, index, "id")[1];
    JsonNode parentNode = node.get("parentId");
    long parentId = parentNode == null || parentNode.isNull() ? 0 : hexId(parentNode, 16, index, "parentId")[1];
    SpanKind kind = kind(text(node.get("kind"), index, "kind"));
    boolean shared = node.path("shared").asBoolean(false);
    Attributes.Builder attributes = Attributes.builder();
    if (shared && kind == SpanKind.SERVER) {
      parentId = spanId;
      spanId = derivedId(spanId);
      attributes.put("zipkin.shared", true);
    }
    long start = micros(node.get("timestamp"), index, "timestamp");
    JsonNode durationNode = node.get("duration");
    long duration = durationNode == null || durationNode.isNull() ? 0 : micros(durationNode, index, "duration");

    JsonNode local = node.get("localEndpoint");
    String service = local == null ? null : text(local.get("serviceName"), index, "localEndpoint.serviceName");
    endpoint(local, LOCAL, attributes, index);
    JsonNode remote = node.get("remoteEndpoint");
    if (remote != null && remote.isObject()) {
      String peer = text(remote.get("serviceName"), index, "remoteEndpoint.serviceName");
      if (peer != null && !peer.isEmpty()) {
        attributes.put("peer.service", peer);
      }
      endpoint(remote, REMOTE, attributes, index);
    }

    StatusCode status = StatusCode.UNSET;
    String statusMessage = "";
    String scopeName = null;
    String scopeVersion = null;
    JsonNode tags = node.get("tags");
    if (tags != null && !tags.isNull()) {
      if (!tags.isObject()) {
        throw malformed(index, "tags", " must be an object of strings");
      }
      for (Map.Entry<String, JsonNode> tag : tags.properties()) {
        String key = tag.getKey();
        String value = text(tag.getValue(), index, "tag ", key);
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
    }

    List<EventData> events = new ArrayList<>();
    JsonNode annotations = node.get("annotations");
    if (annotations != null && !annotations.isNull()) {
      if (!annotations.isArray()) {
        throw malformed(index, "annotations", " must be an array");
      }
      for (JsonNode annotation : annotations) {
        events.add(new EventData(nanos(micros(annotation.get("timestamp"), index, "annotation timestamp"), index),
            String.valueOf(text(annotation.get("value"), index, "annotation value")), Attributes.empty()));
      }
    }

    String name = text(node.get("name"), index, "name");
    return SpanData.builder()
        .context(TraceContext.create(traceId[0], traceId[1], spanId, TraceFlags.SAMPLED, TraceState.empty(), false))
        .parentSpanId(parentId)
        .name(name == null ? "" : name)
        .kind(kind)
        .startEpochNanos(nanos(start, index))
        .endEpochNanos(nanos(start + duration, index))
        .attributes(attributes.build())
        .events(events)
        .status(status, statusMessage)
        .resource(service == null || service.isEmpty() ? Resource.empty()
            : resources.computeIfAbsent(service, s -> new Resource(Attributes.builder().put(Resource.SERVICE_NAME, s).build())))
        .scope(scopeName == null ? ZIPKIN_SCOPE : new InstrumentationScope(scopeName, scopeVersion))
        .build();
  }

  /** Where an endpoint's fields go: its JSON name and the attribute keys of its address and port. */
  private record Endpoint(String field, String addressKey, String portKey) {}

  private static void endpoint(JsonNode endpoint, Endpoint to, Attributes.Builder attributes, int index) {
    if (endpoint == null || !endpoint.isObject()) {
      return;
    }
    String address = text(endpoint.get("ipv4"), index, to.field(), ".ipv4");
    if (address == null) {
      address = text(endpoint.get("ipv6"), index, to.field(), ".ipv6");
    }
    if (address != null && !address.isEmpty()) {
      attributes.put(to.addressKey(), address);
    }
    JsonNode port = endpoint.get("port");
    if (port != null && port.isIntegralNumber() && port.longValue() > 0) {
      attributes.put(to.portKey(), port.longValue());
    }
  }

  private static SpanKind kind(String kind) {
    if (kind == null) {
      return SpanKind.INTERNAL;
    }
    return switch (kind.toUpperCase(Locale.ROOT)) {
      case "CLIENT" -> SpanKind.CLIENT;
      case "SERVER" -> SpanKind.SERVER;
      case "PRODUCER" -> SpanKind.PRODUCER;
      case "CONSUMER" -> SpanKind.CONSUMER;
      default -> SpanKind.INTERNAL;
    };
  }

  /** A hex id of 1..{@code maxChars} characters, left-padded with zeros; never all zeros. */
  private static long[] hexId(JsonNode node, int maxChars, int index, String field) {
    String hex = text(node, index, field);
    if (hex == null || hex.isEmpty() || hex.length() > maxChars) {
      throw malformed(index, field, " must be 1 to " + maxChars + " hex characters");
    }
    int width = hex.length() <= 16 ? 16 : 32;
    String padded = hex.length() == width ? hex : "0".repeat(width - hex.length()) + hex;
    long[] out = new long[2];
    if (!Ids.parseLenient(padded, out)) {
      throw malformed(index, field, " is not hex");
    }
    if ((out[0] | out[1]) == 0) {
      throw malformed(index, field, " is all zeros");
    }
    return out;
  }

  /** A stable id for the server half of a shared span, different from the client half's. */
  private static long derivedId(long spanId) {
    long z = spanId + 0x9E3779B97F4A7C15L; // SplitMix64 finalizer: spreads one id into another
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z ^= z >>> 31;
    return z == 0 || z == spanId ? ~spanId : z;
  }

  private static long micros(JsonNode node, int index, String field) {
    if (node == null || !node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 0) {
      throw malformed(index, field, " must be a non-negative integer of microseconds");
    }
    return node.longValue();
  }

  private static long nanos(long micros, int index) {
    try {
      return Math.multiplyExact(micros, 1_000L);
    } catch (ArithmeticException e) {
      throw new MalformedJsonException("span " + index + ": timestamp is out of range");
    }
  }

  private static String text(JsonNode node, int index, String field) {
    return text(node, index, field, "");
  }

  /** The field's text; {@code field + subfield} names it in the error (two parts: no concatenation per span). */
  private static String text(JsonNode node, int index, String field, String subfield) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isValueNode()) {
      throw malformed(index, field + subfield, " must be a string");
    }
    return node.isString() ? node.stringValue() : node.asString();
  }

  private static MalformedJsonException malformed(int index, String field, String problem) {
    return new MalformedJsonException("span " + index + " " + field + problem);
  }
}
