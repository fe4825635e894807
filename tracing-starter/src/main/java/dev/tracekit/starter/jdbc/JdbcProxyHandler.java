package dev.tracekit.starter.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Wrapper;

/**
 * What every traced JDBC proxy answers alike: the {@link Wrapper} methods (the proxy wraps its
 * target, so callers can still reach the driver's object), identity-based {@code equals} and
 * {@code hashCode}, and passing other calls on to the target with the target's own exception.
 */
abstract class JdbcProxyHandler implements InvocationHandler {

  private final Wrapper target;

  JdbcProxyHandler(Wrapper target) {
    this.target = target;
  }

  @Override
  public final Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    return switch (method.getName()) {
      case "isWrapperFor" -> {
        Class<?> type = (Class<?>) args[0];
        yield type.isInstance(proxy) || target.isWrapperFor(type);
      }
      case "unwrap" -> {
        Class<?> type = (Class<?>) args[0];
        yield type.isInstance(proxy) ? proxy : target.unwrap(type);
      }
      case "equals" -> proxy == args[0];
      case "hashCode" -> System.identityHashCode(proxy);
      case "toString" -> "Traced[" + target + "]";
      default -> handle(proxy, method, args);
    };
  }

  /** Any other call: traced by the subclass, or {@link #invokeTarget passed on}. */
  abstract Object handle(Object proxy, Method method, Object[] args) throws Throwable;

  /** Calls {@code method} on the target, throwing what the target threw. */
  final Object invokeTarget(Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
