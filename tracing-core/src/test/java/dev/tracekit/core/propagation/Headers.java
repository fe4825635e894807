package dev.tracekit.core.propagation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An HTTP-like header carrier for tests: names case-insensitive, repeated headers kept in
 * order, {@code set} replaces every value of the name.
 */
final class Headers {

  static final TextMapGetter<Headers> GETTER =
      new TextMapGetter<>() {
        @Override
        public String get(Headers carrier, String key) {
          List<String> values = carrier.all(key);
          return values.isEmpty() ? null : values.get(0);
        }

        @Override
        public Iterable<String> getAll(Headers carrier, String key) {
          return carrier.all(key);
        }
      };

  static final TextMapSetter<Headers> SETTER = Headers::set;

  private final List<String[]> entries = new ArrayList<>();

  static Headers of(String... nameValues) {
    Headers headers = new Headers();
    for (int i = 0; i < nameValues.length; i += 2) {
      headers.add(nameValues[i], nameValues[i + 1]);
    }
    return headers;
  }

  Headers add(String name, String value) {
    entries.add(new String[] {name.toLowerCase(Locale.ROOT), value});
    return this;
  }

  void set(String name, String value) {
    String key = name.toLowerCase(Locale.ROOT);
    entries.removeIf(e -> e[0].equals(key));
    entries.add(new String[] {key, value});
  }

  List<String> all(String name) {
    String key = name.toLowerCase(Locale.ROOT);
    List<String> values = new ArrayList<>();
    for (String[] e : entries) {
      if (e[0].equals(key)) {
        values.add(e[1]);
      }
    }
    return values;
  }

  /** The only value of {@code name}, or null; fails if it was written twice. */
  String get(String name) {
    List<String> values = all(name);
    if (values.size() > 1) {
      throw new AssertionError("header written " + values.size() + " times: " + name);
    }
    return values.isEmpty() ? null : values.get(0);
  }

  int size() {
    return entries.size();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (String[] e : entries) {
      sb.append(e[0]).append(": ").append(e[1]).append('\n');
    }
    return sb.toString();
  }
}
