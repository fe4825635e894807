package dev.tracekit.core.otlp;

/**
 * A strict protobuf reader over untrusted bytes. Every read is bounds-checked against the
 * current message's end; lengths are validated before anything is allocated; unknown fields are
 * skipped by wire type (groups included); wrong wire types for known fields, malformed varints,
 * invalid UTF-8 and nesting deeper than {@link #MAX_DEPTH} are refused. Every failure is a
 * {@link MalformedPayloadException} naming the field and the byte offset.
 */
final class ProtoReader {

  /** Deepest nesting of messages accepted (arrays in arrays in attributes...); bounds the stack. */
  static final int MAX_DEPTH = 32;

  private static final int WIRE_START_GROUP = 3;
  private static final int WIRE_END_GROUP = 4;

  private final byte[] buf;
  private int pos;
  private int limit;
  private int depth;

  ProtoReader(byte[] buf) {
    this.buf = buf;
    this.limit = buf.length;
  }

  /** Whether the current message has no more bytes. */
  boolean atEnd() {
    return pos >= limit;
  }

  int position() {
    return pos;
  }

  void seek(int position) {
    pos = position;
  }

  static int fieldNumber(int tag) {
    return tag >>> 3;
  }

  static int wireType(int tag) {
    return tag & 7;
  }

  /** Reads the next tag of the current message (call only when not {@link #atEnd()}). */
  int readTag() {
    int at = pos;
    long tag = readVarint("field tag");
    if ((tag >>> 32) != 0 || (tag >>> 3) == 0) {
      throw malformed("invalid field tag " + tag, at);
    }
    int wire = (int) tag & 7;
    if (wire > 5) {
      throw malformed("invalid wire type " + wire + " for field " + (tag >>> 3), at);
    }
    return (int) tag;
  }

  /** Fails unless {@code tag} has the wire type the schema gives field {@code name}. */
  void expect(int tag, int wireType, String name) {
    if ((tag & 7) != wireType) {
      throw malformed(name + " has wire type " + (tag & 7) + ", expected " + wireType, pos);
    }
  }

  long readVarint(String name) {
    long result = 0;
    int at = pos;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos >= limit) {
        throw malformed(name + ": truncated varint", at);
      }
      byte b = buf[pos++];
      result |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        return result;
      }
    }
    throw malformed(name + ": varint longer than 10 bytes", at);
  }

  /** A varint read as protobuf int32/uint32/enum: the low 32 bits. */
  int readVarint32(String name) {
    return (int) readVarint(name);
  }

  int readFixed32(String name) {
    require(4, name);
    int v = (buf[pos] & 0xFF)
        | (buf[pos + 1] & 0xFF) << 8
        | (buf[pos + 2] & 0xFF) << 16
        | (buf[pos + 3] & 0xFF) << 24;
    pos += 4;
    return v;
  }

  long readFixed64(String name) {
    long low = readFixed32(name) & 0xFFFF_FFFFL;
    long high = readFixed32(name) & 0xFFFF_FFFFL;
    return low | high << 32;
  }

  /** Reads a length prefix and checks it against the bytes left in the current message. */
  int readLength(String name) {
    int at = pos;
    long length = readVarint(name + " length");
    if (length < 0 || length > limit - pos) {
      throw malformed(name + ": length " + length + " exceeds the " + (limit - pos) + " bytes left", at);
    }
    return (int) length;
  }

  /**
   * Enters a nested message: returns the outer limit to pass to {@link #leave}. Refuses nesting
   * beyond {@link #MAX_DEPTH}.
   */
  int enter(String name) {
    int length = readLength(name);
    if (++depth > MAX_DEPTH) {
      throw malformed(name + ": messages nested deeper than " + MAX_DEPTH, pos);
    }
    int outer = limit;
    limit = pos + length;
    return outer;
  }

  void leave(int outerLimit) {
    // Field readers stop at the limit, so pos == limit here.
    limit = outerLimit;
    depth--;
  }

  /** Reads a string; short ones are shared across payloads (see {@link SharedStrings}). */
  String readString(String name) {
    int length = readLength(name);
    if (length == 0) {
      return "";
    }
    int start = pos;
    pos += length;
    for (int i = start; i < pos; i++) {
      if (buf[i] < 0) {
        if (!Utf8.isValid(buf, i, pos - i)) {
          throw malformed(name + " is not valid UTF-8", start);
        }
        break;
      }
    }
    return SharedStrings.decode(buf, start, length);
  }

  byte[] readBytes(String name) {
    int length = readLength(name);
    byte[] out = new byte[length];
    System.arraycopy(buf, pos, out, 0, length);
    pos += length;
    return out;
  }

  /**
   * Reads an id byte string of exactly {@code expected} bytes (or 0 when {@code emptyAllowed})
   * into {@code out[index]} (8 bytes) or {@code out[index], out[index+1]} (16 bytes). Returns the
   * length read.
   */
  int readId(String name, int expected, boolean emptyAllowed, long[] out, int index) {
    int at = pos;
    int length = readLength(name);
    if (length == 0 && emptyAllowed) {
      return 0;
    }
    if (length != expected) {
      throw malformed(
          name + " must be " + expected + " bytes" + (emptyAllowed ? " or empty" : "") + ", was " + length, at);
    }
    for (int i = 0; i < length; i += 8) {
      out[index + i / 8] = bigEndianLong(buf, pos + i);
    }
    pos += length;
    return length;
  }

  private static long bigEndianLong(byte[] b, int off) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[off + i] & 0xFF);
    }
    return v;
  }

  /** Skips the value of a field we do not read, by its wire type. */
  void skip(int tag) {
    switch (tag & 7) {
      case ProtoWriter.WIRE_VARINT -> readVarint("field " + (tag >>> 3));
      case ProtoWriter.WIRE_FIXED64 -> {
        require(8, "field " + (tag >>> 3));
        pos += 8;
      }
      case ProtoWriter.WIRE_LEN -> {
        int length = readLength("field " + (tag >>> 3)); // read before pos is used: it moves pos
        pos += length;
      }
      case ProtoWriter.WIRE_FIXED32 -> {
        require(4, "field " + (tag >>> 3));
        pos += 4;
      }
      case WIRE_START_GROUP -> skipGroup(tag >>> 3);
      default -> throw malformed("end-group for field " + (tag >>> 3) + " without a start", pos);
    }
  }

  /** Skips a (deprecated) group up to its end tag; nested groups count towards the depth limit. */
  private void skipGroup(int field) {
    int at = pos;
    if (++depth > MAX_DEPTH) {
      throw malformed("group " + field + ": nested deeper than " + MAX_DEPTH, at);
    }
    while (true) {
      if (atEnd()) {
        throw malformed("group " + field + " has no end tag", at);
      }
      int tag = readTag();
      if ((tag & 7) == WIRE_END_GROUP) {
        if ((tag >>> 3) != field) {
          throw malformed("group " + field + " closed by end-group of field " + (tag >>> 3), pos);
        }
        depth--;
        return;
      }
      skip(tag);
    }
  }

  private void require(int bytes, String name) {
    if (limit - pos < bytes) {
      throw malformed(name + ": needs " + bytes + " bytes, " + (limit - pos) + " left", pos);
    }
  }

  MalformedPayloadException malformed(String what, int at) {
    return new MalformedPayloadException("malformed OTLP payload: " + what + " (at byte " + at + ")");
  }
}
