package dev.tracekit.core.propagation;

import static dev.tracekit.core.propagation.HeaderText.indexOf;
import static dev.tracekit.core.propagation.HeaderText.skipOws;
import static dev.tracekit.core.propagation.HeaderText.trimOws;

import dev.tracekit.core.Baggage;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

/**
 * Parses and formats the W3C {@code baggage} header:
 * {@code key OWS "=" OWS value *(OWS ";" OWS property)} members separated by commas.
 *
 * <p>Keys are RFC 7230 tokens. Values are percent-encoded UTF-8: decoded on parse (an invalid
 * escape or invalid UTF-8 makes the member invalid), and on format only what is not a
 * {@code baggage-octet}, plus {@code %} itself, is encoded (as {@code %XX}, uppercase), so
 * control chars, CR and LF can never reach a header. Properties are opaque to the spec: they
 * are validated against the grammar and kept raw.
 *
 * <p>An invalid member is skipped and counted; the others are kept. Limits: 64 members and
 * 8192 bytes (the spec's minimums, which we adopt as maximums so that what we accept we can
 * also propagate); what exceeds them is dropped and counted. A duplicate key replaces the
 * earlier value in place (the spec lets a system deduplicate).
 */
final class BaggageFormat {

  static final int MAX_MEMBERS = 64;
  static final int MAX_BYTES = 8192;

  private static final char[] UPPER_HEX = "0123456789ABCDEF".toCharArray();
  private static final int INITIAL_SLOTS = 8 * 3;

  private BaggageFormat() {}

  /**
   * Parses all {@code baggage} header values, in order. Invalid members increment
   * {@code invalid}; members past the limits increment {@code dropped}.
   */
  static Baggage parse(Iterable<String> headers, LongAdder dropped, LongAdder invalid) {
    String[] entries = null;
    int[] memberBytes = null;
    int count = 0;
    int bytes = 0;
    for (String header : headers) {
      if (header == null) {
        continue;
      }
      int length = header.length();
      int start = 0;
      while (start <= length) {
        int comma = header.indexOf(',', start);
        if (comma < 0) {
          comma = length;
        }
        int from = skipOws(header, start, comma);
        int to = trimOws(header, from, comma);
        start = comma + 1;
        if (from == to) {
          continue;
        }
        if (count == MAX_MEMBERS) {
          dropped.increment();
          continue;
        }
        int eq = indexOf(header, '=', from, to);
        if (eq < 0) {
          invalid.increment();
          continue;
        }
        int nameEnd = trimOws(header, from, eq);
        int semicolon = indexOf(header, ';', eq + 1, to);
        int valueFrom = skipOws(header, eq + 1, semicolon < 0 ? to : semicolon);
        int valueTo = trimOws(header, valueFrom, semicolon < 0 ? to : semicolon);
        int metadataFrom = semicolon < 0 ? to : skipOws(header, semicolon + 1, to);
        if (!isToken(header, from, nameEnd)
            || !isEncodedValue(header, valueFrom, valueTo)
            || (semicolon >= 0 && !isProperties(header, metadataFrom, to))) {
          invalid.increment();
          continue;
        }
        String value = decode(header, valueFrom, valueTo);
        if (value == null) {
          invalid.increment();
          continue;
        }
        if (entries == null) {
          entries = new String[INITIAL_SLOTS];
          memberBytes = new int[INITIAL_SLOTS / 3];
        }
        int existing = find(entries, count, header, from, nameEnd);
        int size = to - from;
        int newBytes = existing >= 0
            ? bytes - memberBytes[existing] + size
            : bytes + (count > 0 ? 1 : 0) + size;
        if (newBytes > MAX_BYTES) {
          dropped.increment();
          continue;
        }
        bytes = newBytes;
        String metadata = metadataFrom < to ? header.substring(metadataFrom, to) : "";
        int index = existing;
        if (index < 0) {
          index = count++;
          if (index * 3 == entries.length) {
            entries = Arrays.copyOf(entries, entries.length * 2);
            memberBytes = Arrays.copyOf(memberBytes, memberBytes.length * 2);
          }
          entries[index * 3] = header.substring(from, nameEnd);
        }
        entries[index * 3 + 1] = value;
        entries[index * 3 + 2] = metadata;
        memberBytes[index] = size;
      }
    }
    return count == 0 ? Baggage.empty() : Baggage.ofValidated(entries, count * 3);
  }

  private static int find(String[] entries, int count, String s, int from, int to) {
    int length = to - from;
    for (int i = 0; i < count; i++) {
      String name = entries[i * 3];
      if (name.length() == length && s.regionMatches(from, name, 0, length)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The header value for {@code baggage}, or "" when nothing can be written. Entries with a
   * name that is not a token are skipped and counted as invalid; metadata that breaks the
   * property grammar is left out; entries past the limits are dropped and counted.
   */
  static String format(Baggage baggage, LongAdder dropped, LongAdder invalid) {
    StringBuilder sb = new StringBuilder(64);
    int kept = 0;
    for (int i = 0; i < baggage.size(); i++) {
      String name = baggage.nameAt(i);
      if (name == null || !isToken(name, 0, name.length())) {
        invalid.increment();
        continue;
      }
      if (kept == MAX_MEMBERS) {
        dropped.increment();
        continue;
      }
      int mark = sb.length();
      if (kept > 0) {
        sb.append(',');
      }
      sb.append(name).append('=');
      String value = baggage.valueAt(i);
      if (value != null) {
        appendEncoded(sb, value);
      }
      String metadata = baggage.metadataAt(i);
      if (metadata != null
          && !metadata.isEmpty()
          && isProperties(metadata, skipOws(metadata, 0, metadata.length()), metadata.length())) {
        sb.append(';').append(metadata);
      }
      if (sb.length() > MAX_BYTES) {
        sb.setLength(mark);
        dropped.increment();
        continue;
      }
      kept++;
    }
    return sb.toString();
  }

  /** RFC 7230 {@code token}: one or more tchars. */
  static boolean isToken(CharSequence s, int from, int to) {
    if (from >= to) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (!isTchar(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isTchar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
  }

  /** US-ASCII except CTLs, whitespace, DQUOTE, comma, semicolon and backslash. */
  static boolean isBaggageOctet(char c) {
    return c == 0x21
        || (c >= 0x23 && c <= 0x2B)
        || (c >= 0x2D && c <= 0x3A)
        || (c >= 0x3C && c <= 0x5B)
        || (c >= 0x5D && c <= 0x7E);
  }

  /** Baggage-octets where every {@code %} starts a two-hex-digit escape. May be empty. */
  private static boolean isEncodedValue(CharSequence s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (!isBaggageOctet(c)) {
        return false;
      }
      if (c == '%') {
        if (i + 2 >= to || hexValue(s.charAt(i + 1)) < 0 || hexValue(s.charAt(i + 2)) < 0) {
          return false;
        }
        i += 2;
      }
    }
    return true;
  }

  /**
   * Whether {@code s[from, to)} is a property list: {@code property *(OWS ";" OWS property)},
   * each property {@code key OWS "=" OWS value} or {@code key}.
   */
  static boolean isProperties(CharSequence s, int from, int to) {
    int start = from;
    while (true) {
      int semicolon = indexOf(s, ';', start, to);
      int end = semicolon < 0 ? to : semicolon;
      int pFrom = skipOws(s, start, end);
      int pTo = trimOws(s, pFrom, end);
      int eq = indexOf(s, '=', pFrom, pTo);
      if (eq < 0) {
        if (!isToken(s, pFrom, pTo)) {
          return false;
        }
      } else {
        if (!isToken(s, pFrom, trimOws(s, pFrom, eq))) {
          return false;
        }
        for (int i = skipOws(s, eq + 1, pTo); i < pTo; i++) {
          if (!isBaggageOctet(s.charAt(i))) {
            return false;
          }
        }
      }
      if (semicolon < 0) {
        return true;
      }
      start = semicolon + 1;
    }
  }

  /** Percent-decodes a valid encoded value as UTF-8; null if the bytes are not UTF-8. */
  private static String decode(String s, int from, int to) {
    if (indexOf(s, '%', from, to) < 0) {
      return s.substring(from, to);
    }
    byte[] bytes = new byte[to - from];
    int n = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == '%') {
        bytes[n++] = (byte) ((hexValue(s.charAt(i + 1)) << 4) | hexValue(s.charAt(i + 2)));
        i += 2;
      } else {
        bytes[n++] = (byte) c;
      }
    }
    try {
      // newDecoder() reports malformed input instead of replacing it.
      CharBuffer chars = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, 0, n));
      return chars.toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static int hexValue(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  /**
   * Appends {@code value} percent-encoded as UTF-8, escaping only non-baggage-octets and
   * {@code %}. An unpaired surrogate is encoded as U+FFFD.
   */
  static void appendEncoded(StringBuilder sb, String value) {
    int length = value.length();
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if (c < 0x80) {
        if (isBaggageOctet(c) && c != '%') {
          sb.append(c);
        } else {
          appendEscape(sb, c);
        }
        continue;
      }
      int codePoint = c;
      if (Character.isHighSurrogate(c) && i + 1 < length
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        codePoint = Character.toCodePoint(c, value.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        codePoint = 0xFFFD;
      }
      if (codePoint < 0x800) {
        appendEscape(sb, 0xC0 | (codePoint >> 6));
        appendEscape(sb, 0x80 | (codePoint & 0x3F));
      } else if (codePoint < 0x10000) {
        appendEscape(sb, 0xE0 | (codePoint >> 12));
        appendEscape(sb, 0x80 | ((codePoint >> 6) & 0x3F));
        appendEscape(sb, 0x80 | (codePoint & 0x3F));
      } else {
        appendEscape(sb, 0xF0 | (codePoint >> 18));
        appendEscape(sb, 0x80 | ((codePoint >> 12) & 0x3F));
        appendEscape(sb, 0x80 | ((codePoint >> 6) & 0x3F));
        appendEscape(sb, 0x80 | (codePoint & 0x3F));
      }
    }
  }

  private static void appendEscape(StringBuilder sb, int b) {
    sb.append('%').append(UPPER_HEX[(b >> 4) & 0xF]).append(UPPER_HEX[b & 0xF]);
  }
}
