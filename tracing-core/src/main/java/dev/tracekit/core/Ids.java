package dev.tracekit.core;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Trace and span ids: generation and lowercase hex conversion by table. No regex, no
 * {@code String.format}: these run on every span and every propagated request.
 */
public final class Ids {

  /** Lowercase hex digits, indexed by nibble. */
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  /** Nibble value of an ASCII char, or -1. Only lowercase hex is valid per W3C Trace Context. */
  private static final byte[] NIBBLE = new byte[128];

  static {
    java.util.Arrays.fill(NIBBLE, (byte) -1);
    for (int i = 0; i < 16; i++) {
      NIBBLE[HEX[i]] = (byte) i;
    }
  }

  private Ids() {}

  /** A random span id, never zero. */
  public static long randomSpanId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long id;
    do {
      id = random.nextLong();
    } while (id == 0L);
    return id;
  }

  /**
   * A random non-zero value for the low half of a trace id. The low 56 bits are random, which
   * lets us set the W3C Level 2 "random" trace flag and lets ratio samplers decide on it.
   */
  public static long randomTraceIdLow() {
    return randomSpanId();
  }

  /** A random value for the high half of a trace id (may be zero; the low half never is). */
  public static long randomTraceIdHigh() {
    return ThreadLocalRandom.current().nextLong();
  }

  /** 16 lowercase hex chars for {@code id}. */
  public static String toHex(long id) {
    char[] buf = new char[16];
    writeHex(id, buf, 0);
    return new String(buf);
  }

  /** 32 lowercase hex chars for the trace id {@code high, low}. */
  public static String toHex(long high, long low) {
    char[] buf = new char[32];
    writeHex(high, buf, 0);
    writeHex(low, buf, 16);
    return new String(buf);
  }

  /** Writes 16 lowercase hex chars of {@code id} into {@code dst} at {@code offset}. */
  public static void writeHex(long id, char[] dst, int offset) {
    for (int i = 15; i >= 0; i--) {
      dst[offset + i] = HEX[(int) (id & 0xF)];
      id >>>= 4;
    }
  }

  /** Writes 2 lowercase hex chars of {@code b} into {@code dst} at {@code offset}. */
  public static void writeHexByte(int b, char[] dst, int offset) {
    dst[offset] = HEX[(b >> 4) & 0xF];
    dst[offset + 1] = HEX[b & 0xF];
  }

  /**
   * Whether {@code s[offset, offset+length)} is lowercase hex. Uppercase is invalid in
   * {@code traceparent}.
   */
  public static boolean isLowerHex(CharSequence s, int offset, int length) {
    if (offset < 0 || length < 0 || offset + length > s.length()) {
      return false;
    }
    for (int i = offset; i < offset + length; i++) {
      char c = s.charAt(i);
      if (c >= 128 || NIBBLE[c] < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Parses 16 lowercase hex chars at {@code offset}. The caller checks {@link #isLowerHex}
   * first; invalid chars give an undefined result, never an exception.
   */
  public static long parseHex16(CharSequence s, int offset) {
    long v = 0;
    for (int i = offset; i < offset + 16; i++) {
      v = (v << 4) | (NIBBLE[s.charAt(i) & 0x7F] & 0xF);
    }
    return v;
  }

  /** Parses 2 lowercase hex chars at {@code offset} into 0..255 (see {@link #parseHex16}). */
  public static int parseHexByte(CharSequence s, int offset) {
    return ((NIBBLE[s.charAt(offset) & 0x7F] & 0xF) << 4) | (NIBBLE[s.charAt(offset + 1) & 0x7F] & 0xF);
  }

  /**
   * Parses a hex id of 16 or 32 chars (case-insensitive, for ingest of other systems' data)
   * into {@code out[0]=high, out[1]=low}; a 16-char id has high 0. Returns false if invalid.
   */
  public static boolean parseLenient(CharSequence s, long[] out) {
    int len = s.length();
    if (len != 16 && len != 32) {
      return false;
    }
    long high = 0;
    long low = 0;
    for (int i = 0; i < len; i++) {
      char c = s.charAt(i);
      if (c >= 'A' && c <= 'F') {
        c = (char) (c + ('a' - 'A'));
      }
      if (c >= 128 || NIBBLE[c] < 0) {
        return false;
      }
      int n = NIBBLE[c];
      if (len == 32 && i < 16) {
        high = (high << 4) | n;
      } else {
        low = (low << 4) | n;
      }
    }
    out[0] = high;
    out[1] = low;
    return true;
  }
}
