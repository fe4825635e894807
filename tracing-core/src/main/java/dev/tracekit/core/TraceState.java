package dev.tracekit.core;

import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * The W3C {@code tracestate}: an ordered list of vendor entries, at most 32. Immutable. Parsing
 * and formatting of the header lives in the propagation package; this class only holds
 * entries that are already valid (keys and values per the W3C Trace Context Level 1 grammar,
 * see {@link #isValidKey} and {@link #isValidValue}).
 */
public final class TraceState {

  /** The maximum number of list members the W3C spec allows. */
  public static final int MAX_ENTRIES = 32;

  /** TraceKit's own vendor key. Our entry is kept leftmost whenever we write it. */
  public static final String VENDOR_KEY = "tk";

  private static final int MAX_KEY_LENGTH = 256;
  private static final int MAX_TENANT_LENGTH = 241;
  private static final int MAX_SYSTEM_LENGTH = 14;
  private static final int MAX_VALUE_LENGTH = 256;

  private static final TraceState EMPTY = new TraceState(new String[0]);

  /** key0, value0, key1, value1, ... in header order (leftmost first). */
  private final String[] entries;

  private TraceState(String[] entries) {
    this.entries = entries;
  }

  public static TraceState empty() {
    return EMPTY;
  }

  /**
   * Builds a trace state from already-validated key/value pairs in header order. Used by the
   * parser; duplicates are the caller's concern.
   */
  public static TraceState ofValidated(String[] keyValues, int length) {
    if (length == 0) {
      return EMPTY;
    }
    return new TraceState(Arrays.copyOf(keyValues, Math.min(length, MAX_ENTRIES * 2)));
  }

  public boolean isEmpty() {
    return entries.length == 0;
  }

  public int size() {
    return entries.length / 2;
  }

  public String keyAt(int index) {
    return entries[index * 2];
  }

  public String valueAt(int index) {
    return entries[index * 2 + 1];
  }

  /** The value for {@code key}, or null. */
  public String get(String key) {
    for (int i = 0; i < entries.length; i += 2) {
      if (entries[i].equals(key)) {
        return entries[i + 1];
      }
    }
    return null;
  }

  /** Our own vendor entry ({@link #VENDOR_KEY}), or null. */
  public String vendorEntry() {
    return get(VENDOR_KEY);
  }

  /**
   * A copy with our vendor entry set to {@code value} and moved to the front, as the spec asks
   * of the vendor that wrote {@code traceparent}. Returns this unchanged if {@code value} is not
   * a valid tracestate value.
   */
  public TraceState withVendorEntry(String value) {
    return with(VENDOR_KEY, value);
  }

  /**
   * A copy with {@code key=value} at the front (W3C: a mutated entry moves to the left); an
   * existing entry for the key is removed, and the rightmost entry is dropped past 32. An
   * invalid key or value (see {@link #isValidKey}, {@link #isValidValue}) is ignored and this
   * state returned unchanged, so nothing can later be written into a header that breaks it.
   */
  public TraceState with(String key, String value) {
    if (key == null
        || value == null
        || !isValidKey(key, 0, key.length())
        || !isValidValue(value, 0, value.length())) {
      return this;
    }
    String[] next = new String[Math.min(entries.length + 2, MAX_ENTRIES * 2)];
    next[0] = key;
    next[1] = value;
    int j = 2;
    for (int i = 0; i < entries.length && j < next.length; i += 2) {
      if (!entries[i].equals(key)) {
        next[j++] = entries[i];
        next[j++] = entries[i + 1];
      }
    }
    return new TraceState(j == next.length ? next : Arrays.copyOf(next, j));
  }

  /** A copy without {@code key}. */
  public TraceState without(String key) {
    if (get(key) == null) {
      return this;
    }
    String[] next = new String[entries.length - 2];
    int j = 0;
    for (int i = 0; i < entries.length; i += 2) {
      if (!entries[i].equals(key)) {
        next[j++] = entries[i];
        next[j++] = entries[i + 1];
      }
    }
    return j == 0 ? EMPTY : new TraceState(next);
  }

  /**
   * Whether {@code s[from, to)} is a valid tracestate key (W3C Trace Context Level 1): a simple
   * key {@code lcalpha 0*255(keychar)}, or a multi-tenant key {@code tenant@system} with a
   * tenant of {@code (lcalpha / DIGIT) 0*240(keychar)} and a system of
   * {@code lcalpha 0*13(keychar)}, where keychar is {@code a-z 0-9 _ - * /}.
   */
  public static boolean isValidKey(CharSequence s, int from, int to) {
    int length = to - from;
    if (length <= 0 || length > MAX_KEY_LENGTH) {
      return false;
    }
    int at = -1;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == '@') {
        if (at >= 0) {
          return false;
        }
        at = i;
      } else if (!isKeyChar(c)) {
        return false;
      }
    }
    char first = s.charAt(from);
    if (at < 0) {
      return isLcAlpha(first);
    }
    int tenantLength = at - from;
    int systemLength = to - at - 1;
    return tenantLength >= 1
        && tenantLength <= MAX_TENANT_LENGTH
        && (isLcAlpha(first) || isDigit(first))
        && systemLength >= 1
        && systemLength <= MAX_SYSTEM_LENGTH
        && isLcAlpha(s.charAt(at + 1));
  }

  /**
   * Whether {@code s[from, to)} is a valid tracestate value: 1 to 256 printable ASCII chars
   * (0x20-0x7E) other than {@code ,} and {@code =}, not ending with a space.
   */
  public static boolean isValidValue(CharSequence s, int from, int to) {
    int length = to - from;
    if (length <= 0 || length > MAX_VALUE_LENGTH || s.charAt(to - 1) == ' ') {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7E || c == ',' || c == '=') {
        return false;
      }
    }
    return true;
  }

  private static boolean isLcAlpha(char c) {
    return c >= 'a' && c <= 'z';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isKeyChar(char c) {
    return isLcAlpha(c) || isDigit(c) || c == '_' || c == '-' || c == '*' || c == '/';
  }

  public void forEach(BiConsumer<String, String> action) {
    for (int i = 0; i < entries.length; i += 2) {
      action.accept(entries[i], entries[i + 1]);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TraceState other && Arrays.equals(entries, other.entries);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(entries);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < entries.length; i += 2) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(entries[i]).append('=').append(entries[i + 1]);
    }
    return sb.toString();
  }
}
