package dev.tracekit.core;

import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * W3C Baggage: ordered name/value entries, each with optional metadata (the raw {@code ;}
 * properties). Immutable. Parsing and formatting of the header lives in the propagation
 * package.
 */
public final class Baggage {

  private static final Baggage EMPTY = new Baggage(new String[0]);

  /** name0, value0, metadata0, name1, ... (metadata is "" when absent). */
  private final String[] entries;

  private Baggage(String[] entries) {
    this.entries = entries;
  }

  public static Baggage empty() {
    return EMPTY;
  }

  /**
   * Builds baggage from already-validated {@code name, value, metadata} triples in header order
   * ({@code length} array slots, a multiple of 3). Used by the header parser, which has removed
   * duplicate names; metadata is "" when absent.
   */
  public static Baggage ofValidated(String[] nameValueMetadata, int length) {
    if (length < 3) {
      return EMPTY;
    }
    return new Baggage(Arrays.copyOf(nameValueMetadata, length - length % 3));
  }

  public boolean isEmpty() {
    return entries.length == 0;
  }

  public int size() {
    return entries.length / 3;
  }

  public String nameAt(int index) {
    return entries[index * 3];
  }

  public String valueAt(int index) {
    return entries[index * 3 + 1];
  }

  public String metadataAt(int index) {
    return entries[index * 3 + 2];
  }

  /** The value for {@code name}, or null. */
  public String get(String name) {
    for (int i = 0; i < entries.length; i += 3) {
      if (entries[i].equals(name)) {
        return entries[i + 1];
      }
    }
    return null;
  }

  /** A copy with {@code name=value} (replacing an existing entry in place, else appended). */
  public Baggage with(String name, String value) {
    return with(name, value, "");
  }

  public Baggage with(String name, String value, String metadata) {
    String meta = metadata == null ? "" : metadata;
    for (int i = 0; i < entries.length; i += 3) {
      if (entries[i].equals(name)) {
        String[] next = entries.clone();
        next[i + 1] = value;
        next[i + 2] = meta;
        return new Baggage(next);
      }
    }
    String[] next = Arrays.copyOf(entries, entries.length + 3);
    next[entries.length] = name;
    next[entries.length + 1] = value;
    next[entries.length + 2] = meta;
    return new Baggage(next);
  }

  public Baggage without(String name) {
    if (get(name) == null) {
      return this;
    }
    String[] next = new String[entries.length - 3];
    int j = 0;
    for (int i = 0; i < entries.length; i += 3) {
      if (!entries[i].equals(name)) {
        next[j++] = entries[i];
        next[j++] = entries[i + 1];
        next[j++] = entries[i + 2];
      }
    }
    return j == 0 ? EMPTY : new Baggage(next);
  }

  public void forEach(BiConsumer<String, String> action) {
    for (int i = 0; i < entries.length; i += 3) {
      action.accept(entries[i], entries[i + 1]);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Baggage b && Arrays.equals(entries, b.entries);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(entries);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Baggage{");
    forEach((k, v) -> sb.append(sb.length() > 8 ? "," : "").append(k).append('=').append(v));
    return sb.append('}').toString();
  }
}
