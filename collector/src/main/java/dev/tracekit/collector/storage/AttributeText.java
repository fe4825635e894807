package dev.tracekit.collector.storage;

/**
 * How a tag search compares attribute values: as text. Strings as they are, numbers and booleans
 * as Java prints them ({@code 500}, {@code 1.5}, {@code true}), lists as {@code [a, b]}. Every
 * store must use this one function so that a search means the same everywhere.
 */
public final class AttributeText {

  private static final int MIN_LONG_HASH = Long.toString(Long.MIN_VALUE).hashCode();

  private AttributeText() {}

  public static String of(Object value) {
    return String.valueOf(value);
  }

  /**
   * {@code of(value).hashCode()}, without building the text of integers and booleans: the
   * memory store hashes every attribute of every span it stores.
   */
  public static int hashOf(Object value) {
    if (value instanceof String s) {
      return s.hashCode();
    }
    if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return decimalHash(((Number) value).longValue());
    }
    if (value instanceof Boolean b) {
      return Boolean.toString(b).hashCode();
    }
    return of(value).hashCode();
  }

  /** {@code Long.toString(v).hashCode()}, digit by digit. */
  private static int decimalHash(long v) {
    if (v == Long.MIN_VALUE) {
      return MIN_LONG_HASH;
    }
    int h = 0;
    if (v < 0) {
      h = '-';
      v = -v;
    }
    long unit = 1;
    while (unit <= v / 10) {
      unit *= 10;
    }
    for (; unit > 0; unit /= 10) {
      h = 31 * h + (char) ('0' + (v / unit) % 10);
    }
    return h;
  }
}
