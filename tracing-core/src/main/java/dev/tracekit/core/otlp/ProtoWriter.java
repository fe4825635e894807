package dev.tracekit.core.otlp;

import java.util.Arrays;

/**
 * Protobuf output in two passes over the same message tree. The sizing pass records, in visit
 * order, the length of every nested message and every non-empty string; the writing pass
 * replays those lengths while it fills one exactly-sized array. A message's size is computed
 * once, and strings are scanned once for their UTF-8 length, so encoding is linear.
 *
 * <p>Both passes must visit the same fields in the same order and take the same decisions on
 * what to omit; each codec keeps its {@code size*} and {@code write*} methods side by side.
 * One instance per thread is reused (see {@link #get()}): a batch allocates its output array
 * and little else.
 */
final class ProtoWriter {

  static final int WIRE_VARINT = 0;
  static final int WIRE_FIXED64 = 1;
  static final int WIRE_LEN = 2;
  static final int WIRE_FIXED32 = 5;

  /** Scratch above this many slots is not kept for the next batch. */
  private static final int MAX_RETAINED_SLOTS = 1 << 20;

  private static final ThreadLocal<ProtoWriter> CACHE = ThreadLocal.withInitial(ProtoWriter::new);

  /** Lengths of messages, and of strings as {@code len} (ASCII) or {@code -len} (not ASCII). */
  private int[] slots = new int[1024];
  private int recorded;
  private int replayed;
  private byte[] buf;
  private int pos;

  static ProtoWriter get() {
    ProtoWriter w = CACHE.get();
    w.recorded = 0;
    w.replayed = 0;
    w.buf = null;
    w.pos = 0;
    return w;
  }

  // ---------------------------------------------------------------- sizing pass

  /** Reserves the slot for a nested message's length; fill it once the children are sized. */
  int reserve() {
    if (recorded == slots.length) {
      slots = Arrays.copyOf(slots, slots.length * 2);
    }
    return recorded++;
  }

  void fill(int slot, int length) {
    slots[slot] = length;
  }

  /** Records the UTF-8 length of {@code s} and returns it; empty strings take no slot. */
  int sizeString(String s) {
    int chars = s.length();
    if (chars == 0) {
      return 0;
    }
    int i = 0;
    while (i < chars && s.charAt(i) < 0x80) {
      i++;
    }
    int slot = reserve();
    if (i == chars) {
      slots[slot] = chars;
      return chars;
    }
    int bytes = i + Utf8.encodedLength(s, i);
    slots[slot] = -bytes;
    return bytes;
  }

  /** The size of a length-delimited payload of {@code length} bytes with its length prefix. */
  static int delimited(int length) {
    return varintSize(length) + length;
  }

  static int varintSize(int value) {
    return value >= 0 ? varintSize((long) value) : 10;
  }

  static int varintSize(long value) {
    int bits = 64 - Long.numberOfLeadingZeros(value);
    return bits == 0 ? 1 : (bits + 6) / 7;
  }

  // ---------------------------------------------------------------- writing pass

  /** Starts the writing pass into a new array of exactly {@code size} bytes. */
  void startWriting(int size) {
    buf = new byte[size];
    pos = 0;
    replayed = 0;
  }

  /** Ends the writing pass; returns the array and drops scratch that grew too large. */
  byte[] finish() {
    if (pos != buf.length || replayed != recorded) {
      // Only a codec bug (sizing and writing disagree) can get here.
      throw new IllegalStateException(
          "encoder wrote " + pos + " of " + buf.length + " bytes, replayed " + replayed + " of " + recorded + " lengths");
    }
    byte[] out = buf;
    buf = null;
    if (slots.length > MAX_RETAINED_SLOTS) {
      slots = new int[1024];
    }
    return out;
  }

  void writeByte(int b) {
    buf[pos++] = (byte) b;
  }

  /** Writes the next recorded message length. */
  void writeLength() {
    writeVarint32(slots[replayed++]);
  }

  /** Writes a string's recorded length and its UTF-8 bytes; an empty string writes length 0. */
  void writeString(String s) {
    if (s.isEmpty()) {
      buf[pos++] = 0;
      return;
    }
    int recordedLength = slots[replayed++];
    if (recordedLength > 0) {
      writeVarint32(recordedLength);
      writeAscii(s, recordedLength);
    } else {
      writeVarint32(-recordedLength);
      pos = Utf8.encode(s, buf, pos);
    }
  }

  @SuppressWarnings("deprecation") // getBytes(int,int,byte[],int) copies Latin-1 strings with one arraycopy
  private void writeAscii(String s, int length) {
    s.getBytes(0, length, buf, pos);
    pos += length;
  }

  /** Writes a non-negative int, or a negative one as 10 bytes (protobuf int32 semantics). */
  void writeVarint32(int value) {
    if (value < 0) {
      writeVarint64(value);
      return;
    }
    while ((value & ~0x7F) != 0) {
      buf[pos++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    buf[pos++] = (byte) value;
  }

  void writeVarint64(long value) {
    while ((value & ~0x7FL) != 0) {
      buf[pos++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    buf[pos++] = (byte) value;
  }

  void writeFixed32(int value) {
    buf[pos] = (byte) value;
    buf[pos + 1] = (byte) (value >>> 8);
    buf[pos + 2] = (byte) (value >>> 16);
    buf[pos + 3] = (byte) (value >>> 24);
    pos += 4;
  }

  void writeFixed64(long value) {
    writeFixed32((int) value);
    writeFixed32((int) (value >>> 32));
  }

  /** Writes {@code value} as 8 big-endian bytes (ids are byte strings in network order). */
  void writeIdBytes(long value) {
    for (int shift = 56; shift >= 0; shift -= 8) {
      buf[pos++] = (byte) (value >>> shift);
    }
  }
}
