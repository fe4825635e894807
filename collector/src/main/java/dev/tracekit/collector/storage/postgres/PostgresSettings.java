package dev.tracekit.collector.storage.postgres;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How to reach the database: JDBC URL, credentials, the schema the store owns (created and
 * migrated on start), the pool size, how long to wait for a connection, and how many times to
 * retry the first connection while the database starts.
 */
public record PostgresSettings(
    String url,
    String username,
    String password,
    String schema,
    int poolSize,
    Duration connectionTimeout,
    int connectRetries) {

  private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  public PostgresSettings {
    Objects.requireNonNull(url, "url");
    if (!SCHEMA.matcher(schema).matches()) {
      throw new IllegalArgumentException("schema must be a lowercase SQL identifier ([a-z_][a-z0-9_]*), got '" + schema + "'");
    }
    if (poolSize < 1) {
      throw new IllegalArgumentException("pool size must be at least 1");
    }
    password = password == null ? "" : password;
  }
}
