package dev.tracekit.core;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * An immutable, ordered set of typed attributes stored as a flat array of key/value pairs (no
 * map per span). Values are {@code String}, {@code Boolean}, {@code Long}, {@code Double} or a
 * {@code List} of those. Keys are unique; a later put of the same key replaces the value.
 */
public final class Attributes {

  private static final Attributes EMPTY = new Attributes(new Object[0], 0);

  private final Object[] pairs;
  private final int size;

  /** Wraps {@code pairs} without copying: the caller gives up ownership. */
  Attributes(Object[] pairs, int size) {
    this.pairs = pairs;
    this.size = size;
  }

  public static Attributes empty() {
    return EMPTY;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Attributes from a map; values of other types are stored as their {@code toString()}. */
  public static Attributes of(Map<String, ?> map) {
    Builder b = builder();
    map.forEach(b::put);
    return b.build();
  }

  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  public String keyAt(int index) {
    return (String) pairs[index * 2];
  }

  public Object valueAt(int index) {
    return pairs[index * 2 + 1];
  }

  /** The value for {@code key}, or null. */
  public Object get(String key) {
    for (int i = 0; i < size * 2; i += 2) {
      if (pairs[i].equals(key)) {
        return pairs[i + 1];
      }
    }
    return null;
  }

  /** The value for {@code key} as a string, or null. */
  public String getString(String key) {
    Object v = get(key);
    return v == null ? null : v.toString();
  }

  public void forEach(BiConsumer<String, Object> action) {
    for (int i = 0; i < size * 2; i += 2) {
      action.accept((String) pairs[i], pairs[i + 1]);
    }
  }

  public Map<String, Object> asMap() {
    Map<String, Object> map = new java.util.LinkedHashMap<>(size * 2);
    forEach(map::put);
    return map;
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    forEach(b::put);
    return b;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Attributes other) || other.size != size) {
      return false;
    }
    return Arrays.equals(pairs, 0, size * 2, other.pairs, 0, size * 2);
  }

  @Override
  public int hashCode() {
    int h = 1;
    for (int i = 0; i < size * 2; i++) {
      h = 31 * h + pairs[i].hashCode();
    }
    return h;
  }

  @Override
  public String toString() {
    return asMap().toString();
  }

  /** Normalizes a value to one of the supported types; null stays null. */
  static Object normalize(Object value) {
    if (value == null
        || value instanceof String
        || value instanceof Boolean
        || value instanceof Long
        || value instanceof Double) {
      return value;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Float) {
      return ((Float) value).doubleValue();
    }
    if (value instanceof List<?> list) {
      Object[] copy = new Object[list.size()];
      for (int i = 0; i < copy.length; i++) {
        copy[i] = normalize(list.get(i));
      }
      return List.of(copy);
    }
    return value.toString();
  }

  /** Collects attributes; not thread-safe. */
  public static final class Builder {
    private Object[] pairs = new Object[8];
    private int size;

    Builder() {}

    /** Adds or replaces {@code key}; a null key or value is ignored. */
    public Builder put(String key, Object value) {
      if (key == null || value == null) {
        return this;
      }
      Object v = normalize(value);
      for (int i = 0; i < size * 2; i += 2) {
        if (pairs[i].equals(key)) {
          pairs[i + 1] = v;
          return this;
        }
      }
      if (size * 2 == pairs.length) {
        pairs = Arrays.copyOf(pairs, pairs.length * 2);
      }
      pairs[size * 2] = key;
      pairs[size * 2 + 1] = v;
      size++;
      return this;
    }

    public Builder putAll(Attributes attributes) {
      attributes.forEach(this::put);
      return this;
    }

    public int size() {
      return size;
    }

    public Attributes build() {
      return size == 0 ? EMPTY : new Attributes(Arrays.copyOf(pairs, size * 2), size);
    }
  }
}
