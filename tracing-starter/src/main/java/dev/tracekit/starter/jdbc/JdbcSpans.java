package dev.tracekit.starter.jdbc;

import dev.tracekit.core.Context;
import dev.tracekit.core.Span;
import dev.tracekit.core.SpanBuilder;
import dev.tracekit.core.SpanKind;
import dev.tracekit.core.StatusCode;
import dev.tracekit.core.Tracer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Starts and ends the CLIENT spans of one data source's statements, with OpenTelemetry's
 * database attributes, and turns SQL into {@link StatementDescription}s: sanitized once per
 * distinct statement text, through a bounded cache, since an application runs the same few
 * statements over and over.
 */
final class JdbcSpans {

  static final String DB_SYSTEM = "db.system";
  static final String DB_NAMESPACE = "db.namespace";
  static final String DB_QUERY_TEXT = "db.query.text";
  static final String DB_OPERATION_NAME = "db.operation.name";
  static final String DB_COLLECTION_NAME = "db.collection.name";
  static final String DB_BATCH_SIZE = "db.operation.batch.size";
  static final String SERVER_ADDRESS = "server.address";
  static final String SERVER_PORT = "server.port";

  /** Past this many distinct statements the cache starts over: bounded memory, and rare. */
  private static final int MAX_CACHED_STATEMENTS = 1024;

  private final Tracer tracer;
  private final DatabaseInfo database;
  private final boolean rootSpans;
  private final int maxQueryLength;
  private final ConcurrentMap<String, StatementDescription> described = new ConcurrentHashMap<>();

  JdbcSpans(Tracer tracer, DatabaseInfo database, boolean rootSpans, int maxQueryLength) {
    this.tracer = tracer;
    this.database = database;
    this.rootSpans = rootSpans;
    this.maxQueryLength = maxQueryLength;
  }

  DatabaseInfo database() {
    return database;
  }

  StatementDescription describe(String sql) {
    StatementDescription result = described.get(sql);
    if (result == null) {
      result = StatementDescription.of(SqlSanitizer.sanitize(sql, maxQueryLength), database);
      if (described.size() >= MAX_CACHED_STATEMENTS) {
        described.clear();
      }
      described.put(sql, result);
    }
    return result;
  }

  StatementDescription batch(StatementDescription[] statements, int count) {
    return StatementDescription.batch(statements, count, database, maxQueryLength);
  }

  StatementDescription asBatch(StatementDescription statement) {
    return statement.asBatch(database);
  }

  /**
   * The span of one execution, or null when there is no current trace and root spans are off
   * (statements run by schema initialisation or pool housekeeping start no trace of their own).
   */
  Span start(StatementDescription statement, int batchSize) {
    if (!rootSpans && !Context.currentSpan().context().isValid()) {
      return null;
    }
    try {
      return startSpan(statement, batchSize);
    } catch (RuntimeException e) {
      // Tracing must never fail the application's query.
      return null;
    }
  }

  private Span startSpan(StatementDescription statement, int batchSize) {
    SpanBuilder builder =
        tracer
            .spanBuilder(statement.spanName())
            .setKind(SpanKind.CLIENT)
            .setAttribute(DB_SYSTEM, database.system())
            .setAttribute(DB_QUERY_TEXT, statement.queryText());
    if (statement.operation() != null) {
      builder.setAttribute(DB_OPERATION_NAME, statement.operation());
    }
    if (statement.collection() != null) {
      builder.setAttribute(DB_COLLECTION_NAME, statement.collection());
    }
    if (database.namespace() != null) {
      builder.setAttribute(DB_NAMESPACE, database.namespace());
    }
    if (database.serverAddress() != null) {
      builder.setAttribute(SERVER_ADDRESS, database.serverAddress());
      if (database.serverPort() > 0) {
        builder.setAttribute(SERVER_PORT, (long) database.serverPort());
      }
    }
    if (batchSize > 1) {
      builder.setAttribute(DB_BATCH_SIZE, (long) batchSize);
    }
    return builder.startSpan();
  }

  static void end(Span span, Throwable error) {
    if (span == null) {
      return;
    }
    try {
      if (error != null) {
        span.recordException(error);
        span.setStatus(StatusCode.ERROR, error.getMessage());
      }
      span.end();
    } catch (RuntimeException e) {
      // Tracing must never fail the application's query.
    }
  }
}
