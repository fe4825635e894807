package dev.tracekit.collector.storage;

/**
 * How a tag search compares attribute values: as text. Strings as they are, numbers and booleans
 * as Java prints them ({@code 500}, {@code 1.5}, {@code true}), lists as {@code [a, b]}. Every
 * store must use this one function so that a search means the same everywhere.
 */
public final class AttributeText {

  private AttributeText() {}

  public static String of(Object value) {
    return String.valueOf(value);
  }
}
