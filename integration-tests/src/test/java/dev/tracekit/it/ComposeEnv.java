package dev.tracekit.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The project's {@code .env}, as a user gets it: {@code scripts/compose-env} creates it (or fills
 * in missing tokens), and docker-compose.yml reads the collector's tokens from it. Tests read the
 * same file to send the tokens.
 */
final class ComposeEnv {

  static final String INGEST_TOKEN = "TRACEKIT_INGEST_TOKEN";
  static final String QUERY_TOKEN = "TRACEKIT_QUERY_TOKEN";

  private final Map<String, String> values;

  private ComposeEnv(Map<String, String> values) {
    this.values = values;
  }

  /** Runs scripts/compose-env, then reads the .env it made sure of. */
  static ComposeEnv prepare() {
    Path root = Project.root();
    try {
      Process script = new ProcessBuilder("bash", root.resolve("scripts/compose-env").toString())
          .redirectErrorStream(true)
          .start();
      String output = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!script.waitFor(1, TimeUnit.MINUTES) || script.exitValue() != 0) {
        throw new IllegalStateException("scripts/compose-env failed: " + output);
      }
      return new ComposeEnv(parse(Files.readAllLines(root.resolve(".env"), StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running scripts/compose-env", e);
    }
  }

  /** NAME=value lines; comments and blank lines skipped (the subset of .env syntax the script writes). */
  private static Map<String, String> parse(Iterable<String> lines) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : lines) {
      int eq = line.indexOf('=');
      if (!line.isBlank() && !line.startsWith("#") && eq > 0) {
        values.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
      }
    }
    return values;
  }

  /** A variable's value; fails when .env does not set it. */
  String get(String name) {
    String value = values.get(name);
    if (value == null || value.isEmpty()) {
      throw new IllegalStateException(".env does not set " + name + " (scripts/compose-env should have)");
    }
    return value;
  }
}
