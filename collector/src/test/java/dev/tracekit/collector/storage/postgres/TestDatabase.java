package dev.tracekit.collector.storage.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

/**
 * The machine's PostgreSQL (127.0.0.1:5432, database {@code test}, trust auth), in a schema of
 * the test's own so that tests and builds running side by side never see each other's rows.
 */
public final class TestDatabase {

  public static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
  public static final String USER = "postgres";

  private TestDatabase() {}

  /** A fresh schema name; nothing is created until a store opens it. */
  public static String uniqueSchema() {
    return "tk_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  }

  public static PostgresSettings settings(String schema) {
    return new PostgresSettings(URL, USER, "", schema, 2, Duration.ofSeconds(5), 0);
  }

  public static void execute(String sql) {
    try (Connection c = DriverManager.getConnection(URL, USER, ""); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not run '" + sql + "' on the test database: " + e.getMessage(), e);
    }
  }

  public static void dropSchema(String schema) {
    execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
  }
}
