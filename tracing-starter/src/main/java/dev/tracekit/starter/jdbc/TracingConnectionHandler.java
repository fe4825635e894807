package dev.tracekit.starter.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
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
final class TracingConnectionHandler implements InvocationHandler {

  private static final ClassLoader LOADER = TracingConnectionHandler.class.getClassLoader();
  private static final Class<?>[] CONNECTION = {Connection.class};

  private final Connection target;
  private final JdbcSpans spans;

  private TracingConnectionHandler(Connection target, JdbcSpans spans) {
    this.target = target;
    this.spans = spans;
  }

  static Connection wrap(Connection target, JdbcSpans spans) {
    return (Connection) Proxy.newProxyInstance(LOADER, CONNECTION, new TracingConnectionHandler(target, spans));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
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
      case "isWrapperFor" -> {
        Class<?> type = (Class<?>) args[0];
        return type.isInstance(proxy) || target.isWrapperFor(type);
      }
      case "unwrap" -> {
        Class<?> type = (Class<?>) args[0];
        return type.isInstance(proxy) ? proxy : target.unwrap(type);
      }
      case "equals" -> {
        return proxy == args[0];
      }
      case "hashCode" -> {
        return System.identityHashCode(proxy);
      }
      case "toString" -> {
        return "Traced[" + target + "]";
      }
      default -> {
        return invokeTarget(method, args);
      }
    }
  }

  private Object invokeTarget(Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
