package dev.tracekit.core.otlp;

import dev.tracekit.core.Attributes;
import dev.tracekit.core.InstrumentationScope;
import dev.tracekit.core.Resource;
import dev.tracekit.core.TraceState;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The OTLP messages traces and logs share: {@code KeyValue}/{@code AnyValue} attributes,
 * {@code Resource}, {@code InstrumentationScope}, and the W3C {@code trace_state} string.
 * Sizing and writing methods mirror each other (see {@link ProtoWriter}).
 */
final class CommonMessages {

  /**
   * Attributes kept per decoded collection (the OTel SDK's default limit); the rest are counted
   * as dropped. Bounds the cost of de-duplicating keys in hostile payloads.
   */
  static final int MAX_DECODED_ATTRIBUTES = 128;

  // AnyValue
  private static final int TAG_STRING_VALUE = 0x0A; // 1, LEN
  private static final int TAG_BOOL_VALUE = 0x10; // 2, VARINT
  private static final int TAG_INT_VALUE = 0x18; // 3, VARINT
  private static final int TAG_DOUBLE_VALUE = 0x21; // 4, FIXED64
  private static final int TAG_ARRAY_VALUE = 0x2A; // 5, LEN
  // ArrayValue.values, KeyValue.key, Resource.attributes, InstrumentationScope.name: 1, LEN
  private static final int TAG_FIELD1_LEN = 0x0A;
  // KeyValue.value, InstrumentationScope.version: 2, LEN
  private static final int TAG_FIELD2_LEN = 0x12;

  private static final int MAX_TRACE_STATE_MEMBERS = TraceState.MAX_ENTRIES;

  private CommonMessages() {}

  // ================================================================ encoding

  /** Size of a repeated {@code KeyValue} field (one-byte tag) holding {@code attributes}. */
  static int sizeAttributes(ProtoWriter w, Attributes attributes) {
    int n = 0;
    for (int i = 0, size = attributes.size(); i < size; i++) {
      int slot = w.reserve();
      String key = attributes.keyAt(i);
      int kv = key.isEmpty() ? 0 : 1 + ProtoWriter.delimited(w.sizeString(key));
      kv += sizeAnyValueField(w, attributes.valueAt(i));
      w.fill(slot, kv);
      n += 1 + ProtoWriter.delimited(kv);
    }
    return n;
  }

  static void writeAttributes(ProtoWriter w, int tag, Attributes attributes) {
    for (int i = 0, size = attributes.size(); i < size; i++) {
      w.writeByte(tag);
      w.writeLength();
      String key = attributes.keyAt(i);
      if (!key.isEmpty()) {
        w.writeByte(TAG_FIELD1_LEN);
        w.writeString(key);
      }
      writeAnyValueField(w, TAG_FIELD2_LEN, attributes.valueAt(i));
    }
  }

  /** Size of a field (one-byte tag) holding an {@code AnyValue} for {@code value}. */
  static int sizeAnyValueField(ProtoWriter w, Object value) {
    int slot = w.reserve();
    int n;
    if (value instanceof String s) {
      n = 1 + ProtoWriter.delimited(w.sizeString(s));
    } else if (value instanceof Boolean) {
      n = 2;
    } else if (value instanceof Long l) {
      n = 1 + ProtoWriter.varintSize(l.longValue());
    } else if (value instanceof Double) {
      n = 9;
    } else if (value instanceof List<?> list) {
      int arraySlot = w.reserve();
      int array = 0;
      for (int i = 0, size = list.size(); i < size; i++) {
        array += sizeAnyValueField(w, list.get(i));
      }
      w.fill(arraySlot, array);
      n = 1 + ProtoWriter.delimited(array);
    } else {
      n = 1 + ProtoWriter.delimited(w.sizeString(String.valueOf(value)));
    }
    w.fill(slot, n);
    return 1 + ProtoWriter.delimited(n);
  }

  static void writeAnyValueField(ProtoWriter w, int tag, Object value) {
    w.writeByte(tag);
    w.writeLength();
    if (value instanceof String s) {
      w.writeByte(TAG_STRING_VALUE);
      w.writeString(s);
    } else if (value instanceof Boolean b) {
      w.writeByte(TAG_BOOL_VALUE);
      w.writeByte(b ? 1 : 0);
    } else if (value instanceof Long l) {
      w.writeByte(TAG_INT_VALUE);
      w.writeVarint64(l);
    } else if (value instanceof Double d) {
      w.writeByte(TAG_DOUBLE_VALUE);
      w.writeFixed64(Double.doubleToRawLongBits(d));
    } else if (value instanceof List<?> list) {
      w.writeByte(TAG_ARRAY_VALUE);
      w.writeLength();
      for (int i = 0, size = list.size(); i < size; i++) {
        writeAnyValueField(w, TAG_FIELD1_LEN, list.get(i));
      }
    } else {
      w.writeByte(TAG_STRING_VALUE);
      w.writeString(String.valueOf(value));
    }
  }

  /** Size of the body of a {@code Resource} message. */
  static int sizeResource(ProtoWriter w, Resource resource) {
    return sizeAttributes(w, resource.attributes());
  }

  static void writeResource(ProtoWriter w, Resource resource) {
    writeAttributes(w, TAG_FIELD1_LEN, resource.attributes());
  }

  /** Size of the body of an {@code InstrumentationScope} message. */
  static int sizeScope(ProtoWriter w, InstrumentationScope scope) {
    int n = scope.name().isEmpty() ? 0 : 1 + ProtoWriter.delimited(w.sizeString(scope.name()));
    String version = scope.version();
    if (version != null && !version.isEmpty()) {
      n += 1 + ProtoWriter.delimited(w.sizeString(version));
    }
    return n;
  }

  static void writeScope(ProtoWriter w, InstrumentationScope scope) {
    if (!scope.name().isEmpty()) {
      w.writeByte(TAG_FIELD1_LEN);
      w.writeString(scope.name());
    }
    String version = scope.version();
    if (version != null && !version.isEmpty()) {
      w.writeByte(TAG_FIELD2_LEN);
      w.writeString(version);
    }
  }

  // ================================================================ decoding

  /**
   * Reads one {@code KeyValue} into {@code attributes}. Returns 1 when it was dropped because
   * the collection already holds {@link #MAX_DECODED_ATTRIBUTES}, else 0. A key/value without a
   * value we can represent (an empty {@code AnyValue}) is ignored.
   */
  static int readKeyValue(ProtoReader r, Attributes.Builder attributes, String field) {
    int outer = r.enter(field);
    String key = "";
    Object value = null;
    while (!r.atEnd()) {
      int tag = r.readTag();
      switch (ProtoReader.fieldNumber(tag)) {
        case 1 -> {
          r.expect(tag, ProtoWriter.WIRE_LEN, "KeyValue.key");
          key = r.readString("KeyValue.key");
        }
        case 2 -> {
          r.expect(tag, ProtoWriter.WIRE_LEN, "KeyValue.value");
          value = readAnyValue(r, "KeyValue.value");
        }
        default -> r.skip(tag);
      }
    }
    r.leave(outer);
    if (value == null) {
      return 0;
    }
    if (attributes.size() >= MAX_DECODED_ATTRIBUTES) {
      return 1;
    }
    attributes.put(key, value);
    return 0;
  }

  /**
   * Reads an {@code AnyValue} message as a String, Boolean, Long, Double or List. Values our
   * attribute model has no type for become strings: bytes as base64, key/value lists as
   * {@code {k=v, ...}}. Returns null for an empty value.
   */
  static Object readAnyValue(ProtoReader r, String field) {
    int outer = r.enter(field);
    Object value = null;
    while (!r.atEnd()) {
      int tag = r.readTag();
      switch (ProtoReader.fieldNumber(tag)) {
        case 1 -> {
          r.expect(tag, ProtoWriter.WIRE_LEN, "AnyValue.string_value");
          value = r.readString("AnyValue.string_value");
        }
        case 2 -> {
          r.expect(tag, ProtoWriter.WIRE_VARINT, "AnyValue.bool_value");
          value = r.readVarint("AnyValue.bool_value") != 0;
        }
        case 3 -> {
          r.expect(tag, ProtoWriter.WIRE_VARINT, "AnyValue.int_value");
          value = r.readVarint("AnyValue.int_value");
        }
        case 4 -> {
          r.expect(tag, ProtoWriter.WIRE_FIXED64, "AnyValue.double_value");
          value = Double.longBitsToDouble(r.readFixed64("AnyValue.double_value"));
        }
        case 5 -> {
          r.expect(tag, ProtoWriter.WIRE_LEN, "AnyValue.array_value");
          value = readArray(r);
        }
        case 6 -> {
          r.expect(tag, ProtoWriter.WIRE_LEN, "AnyValue.kvlist_value");
          value = readKeyValueList(r);
        }
        case 7 -> {
          r.expect(tag, ProtoWriter.WIRE_LEN, "AnyValue.bytes_value");
          value = Base64.getEncoder().encodeToString(r.readBytes("AnyValue.bytes_value"));
        }
        default -> r.skip(tag); // string_value_strindex needs a dictionary OTLP traces do not carry
      }
    }
    r.leave(outer);
    return value;
  }

  private static List<Object> readArray(ProtoReader r) {
    int outer = r.enter("ArrayValue");
    List<Object> values = new ArrayList<>();
    while (!r.atEnd()) {
      int tag = r.readTag();
      if (ProtoReader.fieldNumber(tag) == 1) {
        r.expect(tag, ProtoWriter.WIRE_LEN, "ArrayValue.values");
        Object v = readAnyValue(r, "ArrayValue.values");
        if (v != null) {
          values.add(v);
        }
      } else {
        r.skip(tag);
      }
    }
    r.leave(outer);
    return List.copyOf(values);
  }

  private static String readKeyValueList(ProtoReader r) {
    int outer = r.enter("KeyValueList");
    StringBuilder sb = new StringBuilder("{");
    while (!r.atEnd()) {
      int tag = r.readTag();
      if (ProtoReader.fieldNumber(tag) == 1) {
        r.expect(tag, ProtoWriter.WIRE_LEN, "KeyValueList.values");
        Attributes.Builder one = Attributes.builder();
        readKeyValue(r, one, "KeyValueList.values");
        if (one.size() == 1) {
          Attributes kv = one.build();
          if (sb.length() > 1) {
            sb.append(", ");
          }
          sb.append(kv.keyAt(0)).append('=').append(kv.valueAt(0));
        }
      } else {
        r.skip(tag);
      }
    }
    r.leave(outer);
    return sb.append('}').toString();
  }

  /** A uint32 dropped count plus what the decoder dropped, saturating at the uint32 maximum. */
  static int addDropped(int declared, int droppedByDecoder) {
    if (droppedByDecoder == 0) {
      return declared;
    }
    long total = (declared & 0xFFFF_FFFFL) + droppedByDecoder;
    return total > 0xFFFF_FFFFL ? -1 : (int) total;
  }

  /** Reads a {@code Resource} message, merging into {@code attributes}; returns dropped count. */
  static int readResource(ProtoReader r, Attributes.Builder attributes, String field) {
    int outer = r.enter(field);
    int dropped = 0;
    while (!r.atEnd()) {
      int tag = r.readTag();
      if (ProtoReader.fieldNumber(tag) == 1) {
        r.expect(tag, ProtoWriter.WIRE_LEN, "Resource.attributes");
        dropped += readKeyValue(r, attributes, "Resource.attributes");
      } else {
        r.skip(tag); // dropped_attributes_count, entity_refs
      }
    }
    r.leave(outer);
    return dropped;
  }

  /**
   * Reads an {@code InstrumentationScope} message; {@code nameAndVersion} holds the values so
   * far (a repeated message field merges, so later fields win).
   */
  static void readScope(ProtoReader r, String[] nameAndVersion, String field) {
    int outer = r.enter(field);
    while (!r.atEnd()) {
      int tag = r.readTag();
      switch (ProtoReader.fieldNumber(tag)) {
        case 1 -> {
          r.expect(tag, ProtoWriter.WIRE_LEN, "InstrumentationScope.name");
          nameAndVersion[0] = r.readString("InstrumentationScope.name");
        }
        case 2 -> {
          r.expect(tag, ProtoWriter.WIRE_LEN, "InstrumentationScope.version");
          nameAndVersion[1] = r.readString("InstrumentationScope.version");
        }
        default -> r.skip(tag); // attributes, dropped_attributes_count: not in our model
      }
    }
    r.leave(outer);
  }

  static InstrumentationScope toScope(String[] nameAndVersion) {
    String version = nameAndVersion[1];
    return new InstrumentationScope(nameAndVersion[0], version == null || version.isEmpty() ? null : version);
  }

  /**
   * Parses a W3C {@code tracestate} value leniently: members that do not fit the key/value
   * grammar of {@link TraceState} and repeated keys are left out, at most 32 members are kept.
   */
  static TraceState parseTraceState(String header) {
    int len = header.length();
    if (len == 0) {
      return TraceState.empty();
    }
    String[] pairs = new String[MAX_TRACE_STATE_MEMBERS * 2];
    int n = 0;
    int i = 0;
    while (i <= len && n < pairs.length) {
      int comma = header.indexOf(',', i);
      if (comma < 0) {
        comma = len;
      }
      int start = i;
      int end = comma;
      while (start < end && isOptionalWhitespace(header.charAt(start))) {
        start++;
      }
      while (end > start && isOptionalWhitespace(header.charAt(end - 1))) {
        end--;
      }
      int eq = header.indexOf('=', start);
      if (eq > start && eq < end - 1) {
        String key = header.substring(start, eq);
        String value = header.substring(eq + 1, end);
        if (TraceState.isValidKey(key, 0, key.length())
            && TraceState.isValidValue(value, 0, value.length())
            && !containsKey(pairs, n, key)) {
          pairs[n++] = key;
          pairs[n++] = value;
        }
      }
      i = comma + 1;
    }
    return TraceState.ofValidated(pairs, n);
  }

  private static boolean isOptionalWhitespace(char c) {
    return c == ' ' || c == '\t';
  }

  private static boolean containsKey(String[] pairs, int n, String key) {
    for (int i = 0; i < n; i += 2) {
      if (pairs[i].equals(key)) {
        return true;
      }
    }
    return false;
  }
}
