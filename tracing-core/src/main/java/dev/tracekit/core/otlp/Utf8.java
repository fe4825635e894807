package dev.tracekit.core.otlp;

/**
 * UTF-8 length, encoding and validation without intermediate arrays. Unpaired surrogates are
 * written as {@code '?'}, exactly as {@code String.getBytes(UTF_8)} (and so protobuf-java) does.
 */
final class Utf8 {

  private Utf8() {}

  /** The UTF-8 length of {@code s} from char {@code from} on. */
  static int encodedLength(String s, int from) {
    int n = 0;
    int len = s.length();
    for (int i = from; i < len; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else if (Character.isSurrogate(c)) {
        n++; // '?'
      } else {
        n += 3;
      }
    }
    return n;
  }

  /** Writes {@code s} as UTF-8 at {@code pos}; returns the position after it. */
  static int encode(String s, byte[] buf, int pos) {
    int len = s.length();
    for (int i = 0; i < len; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        buf[pos++] = (byte) c;
      } else if (c < 0x800) {
        buf[pos++] = (byte) (0xC0 | (c >>> 6));
        buf[pos++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        buf[pos++] = (byte) (0xF0 | (cp >>> 18));
        buf[pos++] = (byte) (0x80 | ((cp >>> 12) & 0x3F));
        buf[pos++] = (byte) (0x80 | ((cp >>> 6) & 0x3F));
        buf[pos++] = (byte) (0x80 | (cp & 0x3F));
      } else if (Character.isSurrogate(c)) {
        buf[pos++] = '?';
      } else {
        buf[pos++] = (byte) (0xE0 | (c >>> 12));
        buf[pos++] = (byte) (0x80 | ((c >>> 6) & 0x3F));
        buf[pos++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    return pos;
  }

  /**
   * Whether {@code buf[off, off+len)} is well-formed UTF-8 (RFC 3629: no overlong forms, no
   * surrogates, nothing above U+10FFFF), as protobuf requires of proto3 strings.
   */
  static boolean isValid(byte[] buf, int off, int len) {
    int end = off + len;
    int i = off;
    while (i < end) {
      int b = buf[i];
      if (b >= 0) {
        i++;
        continue;
      }
      b &= 0xFF;
      if (b < 0xC2) {
        return false; // continuation byte first, or overlong 2-byte form
      }
      if (b < 0xE0) {
        if (i + 1 >= end || !isContinuation(buf[i + 1])) {
          return false;
        }
        i += 2;
      } else if (b < 0xF0) {
        if (i + 2 >= end || !isContinuation(buf[i + 1]) || !isContinuation(buf[i + 2])) {
          return false;
        }
        int b1 = buf[i + 1] & 0xFF;
        if ((b == 0xE0 && b1 < 0xA0) || (b == 0xED && b1 >= 0xA0)) {
          return false; // overlong, or a surrogate
        }
        i += 3;
      } else if (b < 0xF5) {
        if (i + 3 >= end
            || !isContinuation(buf[i + 1])
            || !isContinuation(buf[i + 2])
            || !isContinuation(buf[i + 3])) {
          return false;
        }
        int b1 = buf[i + 1] & 0xFF;
        if ((b == 0xF0 && b1 < 0x90) || (b == 0xF4 && b1 >= 0x90)) {
          return false; // overlong, or above U+10FFFF
        }
        i += 4;
      } else {
        return false;
      }
    }
    return true;
  }

  private static boolean isContinuation(byte b) {
    return (b & 0xC0) == 0x80;
  }
}
