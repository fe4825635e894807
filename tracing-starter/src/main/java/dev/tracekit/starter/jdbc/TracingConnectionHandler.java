package dev.tracekit.starter.jdbc;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;

/**
 * Wraps the statements a connection creates so that their executions are traced; every other
 * call (transactions, metadata, close) goes straight to the pool's connection. Prepared
 * statements are described (sanitized, named) once, when prepared.
 */
final class TracingConnectionHandler extends JdbcProxyHandler {

  private static final ClassLoader LOADER = TracingConnectionHandler.class.getClassLoader();
  private static final Class<?>[] CONNECTION = {Connection.class};

  private final JdbcSpans spans;

  private TracingConnectionHandler(Connection target, JdbcSpans spans) {
    super(target);
    this.spans = spans;
  }

  static Connection wrap(Connection target, JdbcSpans spans) {
    return (Connection) Proxy.newProxyInstance(LOADER, CONNECTION, new TracingConnectionHandler(target, spans));
  }

  @Override
  Object handle(Object proxy, Method method, Object[] args) throws Throwable {
    switch (method.getName()) {
      case "createStatement" -> {
        return TracingStatementHandler.statement((Statement) invokeTarget(method, args), (Connection) proxy, spans);
      }
      case "prepareStatement" -> {
        PreparedStatement statement = (PreparedStatement) invokeTarget(method, args);
        return TracingStatementHandler.prepared(statement, (Connection) proxy, spans, spans.describe((String) args[0]));
      }
      case "prepareCall" -> {
        CallableStatement statement = (CallableStatement) invokeTarget(method, args);
        return TracingStatementHandler.callable(statement, (Connection) proxy, spans, spans.describe((String) args[0]));
      }
      default -> {
        return invokeTarget(method, args);
      }
    }
  }
}
