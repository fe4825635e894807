package dev.tracekit.core;

import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * The W3C {@code tracestate}: an ordered list of vendor entries, at most 32. Immutable. Parsing
 * and formatting of the header lives in the propagation package; this class only holds
 * entries that are already valid.
 */
public final class TraceState {

  /** The maximum number of list members the W3C spec allows. */
  public static final int MAX_ENTRIES = 32;

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

  /**
   * A copy with {@code key=value} at the front (W3C: a mutated entry moves to the left); an
   * existing entry for the key is removed, and the rightmost entry is dropped past 32.
   */
  public TraceState with(String key, String value) {
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
