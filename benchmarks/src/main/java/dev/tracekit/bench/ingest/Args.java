package dev.tracekit.bench.ingest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} and {@code --flag} command-line options with defaults. */
final class Args {

  private final Map<String, String> values = new HashMap<>();

  Args(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --option, got '" + args[i] + "'");
      }
      String name = args[i].substring(2);
      int eq = name.indexOf('=');
      if (eq > 0) {
        values.put(name.substring(0, eq), name.substring(eq + 1));
      } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
        values.put(name, args[++i]);
      } else {
        values.put(name, "true");
      }
    }
  }

  String string(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  Path path(String name) {
    String v = values.get(name);
    if (v == null) {
      throw new IllegalArgumentException("missing --" + name);
    }
    return Path.of(v);
  }

  int integer(String name, int fallback) {
    return values.containsKey(name) ? Integer.parseInt(values.get(name).replace("_", "")) : fallback;
  }

  boolean flag(String name) {
    return Boolean.parseBoolean(values.getOrDefault(name, "false"));
  }

  List<Long> longs(String name, String fallback) {
    List<Long> out = new ArrayList<>();
    for (String s : values.getOrDefault(name, fallback).split(",")) {
      out.add(Long.parseLong(s.trim().replace("_", "")));
    }
    return out;
  }
}
