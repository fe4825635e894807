package dev.tracekit.starter.jdbc;

import dev.tracekit.core.Context;
import dev.tracekit.core.Span;
import dev.tracekit.core.Tracer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Wraps each connection a data source hands out, except inside a trace that records nothing.
 * The database (system, name, host) is read from the first connection's JDBC URL, once; the
 * tracer is looked up then too, so that wrapping the data source at startup initialises nothing
 * early.
 *
 * <p>A connection taken while an unsampled span is current is handed out as it is: its
 * statements would only make no-op spans, and the proxies cost reflection on every JDBC call
 * (most requests are unsampled at a low sampling rate). A connection taken outside any trace is
 * wrapped, since a long-lived one may serve traced requests later.
 */
final class TracingDataSourceInterceptor implements MethodInterceptor {

  private static final Log logger = LogFactory.getLog(TracingDataSourceInterceptor.class);

  private final String beanName;
  private final Supplier<Tracer> tracer;
  private final Supplier<TraceKitJdbcProperties> properties;
  private volatile JdbcSpans spans;

  TracingDataSourceInterceptor(
      String beanName, Supplier<Tracer> tracer, Supplier<TraceKitJdbcProperties> properties) {
    this.beanName = beanName;
    this.tracer = tracer;
    this.properties = properties;
  }

  @Override
  public Object invoke(MethodInvocation invocation) throws Throwable {
    Object result = invocation.proceed();
    if (result instanceof Connection connection && "getConnection".equals(invocation.getMethod().getName())) {
      if (inUnsampledTrace()) {
        return connection;
      }
      JdbcSpans s = spans(connection);
      return s == null ? connection : TracingConnectionHandler.wrap(connection, s);
    }
    return result;
  }

  private static boolean inUnsampledTrace() {
    Span current = Context.currentSpan();
    return current.context().isValid() && !current.isRecording();
  }

  private JdbcSpans spans(Connection connection) {
    JdbcSpans s = spans;
    if (s == null) {
      Tracer t = tracer.get();
      if (t == null) {
        return null;
      }
      TraceKitJdbcProperties p = properties.get();
      s = new JdbcSpans(t, database(connection), p.isRootSpans(), p.getMaxQueryLength());
      spans = s;
    }
    return s;
  }

  private DatabaseInfo database(Connection connection) {
    try {
      return DatabaseInfo.fromJdbcUrl(connection.getMetaData().getURL());
    } catch (SQLException | RuntimeException e) {
      logger.warn(
          "Could not read the JDBC URL of data source '" + beanName + "' (" + e + "); its spans will say"
              + " db.system=other_sql and carry no server address.");
      return DatabaseInfo.UNKNOWN;
    }
  }

  /** Whether {@code dataSource} can be proxied by subclassing (keeps its concrete type for injection). */
  static boolean canSubclass(DataSource dataSource) {
    Class<?> type = dataSource.getClass();
    if (java.lang.reflect.Modifier.isFinal(type.getModifiers())) {
      return false;
    }
    try {
      return !java.lang.reflect.Modifier.isFinal(type.getMethod("getConnection").getModifiers())
          && !java.lang.reflect.Modifier.isFinal(
              type.getMethod("getConnection", String.class, String.class).getModifiers());
    } catch (NoSuchMethodException impossible) {
      return false;
    }
  }
}
