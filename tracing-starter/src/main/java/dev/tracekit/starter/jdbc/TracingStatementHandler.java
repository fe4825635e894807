package dev.tracekit.starter.jdbc;

import dev.tracekit.core.Span;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;

/**
 * Gives each execution of a statement ({@code execute*}, {@code executeBatch}) one CLIENT
 * span; every other call goes straight to the driver's statement. Result sets are not
 * wrapped: the span covers the execution, not the reading of rows.
 */
final class TracingStatementHandler extends JdbcProxyHandler {

  /** Statements of a plain Statement's batch kept for the span text; the count goes on. */
  private static final int MAX_BATCH_DESCRIPTIONS = 32;

  private static final ClassLoader LOADER = TracingStatementHandler.class.getClassLoader();
  private static final Class<?>[] STATEMENT = {Statement.class};
  private static final Class<?>[] PREPARED = {PreparedStatement.class};
  private static final Class<?>[] CALLABLE = {CallableStatement.class};

  private final Connection connection;
  private final JdbcSpans spans;
  /** The prepared statement's SQL; null for a plain Statement, whose SQL comes with each call. */
  private final StatementDescription prepared;
  private StatementDescription[] batch;
  private int batchCount;

  private TracingStatementHandler(
      Statement target, Connection connection, JdbcSpans spans, StatementDescription prepared) {
    super(target);
    this.connection = connection;
    this.spans = spans;
    this.prepared = prepared;
  }

  static Statement statement(Statement target, Connection connection, JdbcSpans spans) {
    return (Statement)
        Proxy.newProxyInstance(LOADER, STATEMENT, new TracingStatementHandler(target, connection, spans, null));
  }

  static PreparedStatement prepared(
      PreparedStatement target, Connection connection, JdbcSpans spans, StatementDescription sql) {
    return (PreparedStatement)
        Proxy.newProxyInstance(LOADER, PREPARED, new TracingStatementHandler(target, connection, spans, sql));
  }

  static CallableStatement callable(
      CallableStatement target, Connection connection, JdbcSpans spans, StatementDescription sql) {
    return (CallableStatement)
        Proxy.newProxyInstance(LOADER, CALLABLE, new TracingStatementHandler(target, connection, spans, sql));
  }

  @Override
  Object handle(Object proxy, Method method, Object[] args) throws Throwable {
    switch (method.getName()) {
      case "execute", "executeQuery", "executeUpdate", "executeLargeUpdate" -> {
        StatementDescription statement =
            args != null && args.length > 0 && args[0] instanceof String sql ? spans.describe(sql) : prepared;
        return traced(method, args, statement, 1);
      }
      case "executeBatch", "executeLargeBatch" -> {
        int size = batchCount;
        StatementDescription statement = batchDescription(size);
        clearBatch();
        return traced(method, args, statement, size);
      }
      case "addBatch" -> {
        Object result = invokeTarget(method, args);
        addToBatch(args);
        return result;
      }
      case "clearBatch" -> {
        Object result = invokeTarget(method, args);
        clearBatch();
        return result;
      }
      case "getConnection" -> {
        return connection;
      }
      default -> {
        return invokeTarget(method, args);
      }
    }
  }

  private void addToBatch(Object[] args) {
    batchCount++;
    if (prepared != null || args == null || args.length == 0 || !(args[0] instanceof String sql)) {
      return;
    }
    if (batch == null) {
      batch = new StatementDescription[4];
    }
    int index = batchCount - 1;
    if (index < MAX_BATCH_DESCRIPTIONS) {
      if (index == batch.length) {
        batch = java.util.Arrays.copyOf(batch, Math.min(batch.length * 2, MAX_BATCH_DESCRIPTIONS));
      }
      batch[index] = spans.describe(sql);
    }
  }

  private void clearBatch() {
    batchCount = 0;
    batch = null;
  }

  private StatementDescription batchDescription(int size) {
    if (prepared != null) {
      return size > 1 ? spans.asBatch(prepared) : prepared;
    }
    if (batch == null || size == 0) {
      return null;
    }
    return size == 1 ? batch[0] : spans.batch(batch, Math.min(size, MAX_BATCH_DESCRIPTIONS));
  }

  private Object traced(Method method, Object[] args, StatementDescription statement, int batchSize)
      throws Throwable {
    Span span = statement == null ? null : spans.start(statement, batchSize);
    Object result;
    try {
      result = invokeTarget(method, args);
    } catch (Throwable e) {
      JdbcSpans.end(span, e);
      throw e;
    }
    JdbcSpans.end(span, null);
    return result;
  }
}
