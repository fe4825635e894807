package dev.tracekit.starter.jdbc;

import dev.tracekit.core.Tracer;
import javax.sql.DataSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;

/**
 * Wraps every {@link DataSource} bean so that each statement the application runs gives one
 * CLIENT span.
 *
 * <p>Why our own proxy rather than datasource-micrometer through the Micrometer bridge: that
 * route makes three spans per query (connection, query, result set) which we would have to
 * suppress, stacks datasource-proxy, an observation and the bridge on every statement, names
 * its tags {@code jdbc.*} so they would need renaming, and records the raw SQL (values
 * included). Here a statement costs one span start and end, the SQL is sanitized once per
 * distinct statement, and the attributes are OpenTelemetry's from the start. When
 * datasource-micrometer's auto-configuration is present we back off (see {@link
 * TraceKitJdbcAutoConfiguration}) so a query never has two spans.
 *
 * <p>The data source is proxied by subclassing when it can be, so it keeps its type (a bean
 * declared as {@code HikariDataSource} can still be injected as one, and closes on shutdown);
 * otherwise by its interfaces. Either way {@code unwrap} reaches the real one.
 */
final class TracingDataSourcePostProcessor implements BeanPostProcessor, Ordered {

  private static final Log logger = LogFactory.getLog(TracingDataSourcePostProcessor.class);

  private final ObjectProvider<Tracer> tracer;
  private final ObjectProvider<TraceKitJdbcProperties> properties;

  TracingDataSourcePostProcessor(
      ObjectProvider<Tracer> tracer, ObjectProvider<TraceKitJdbcProperties> properties) {
    this.tracer = tracer;
    this.properties = properties;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof DataSource dataSource
        && !(bean instanceof TracedDataSource)
        && !ScopedProxyUtils.isScopedTarget(beanName)) {
      return wrap(dataSource, beanName);
    }
    return bean;
  }

  private Object wrap(DataSource dataSource, String beanName) {
    TracingDataSourceInterceptor interceptor =
        new TracingDataSourceInterceptor(
            beanName, tracer::getIfAvailable, () -> properties.getIfAvailable(TraceKitJdbcProperties::new));
    if (TracingDataSourceInterceptor.canSubclass(dataSource)) {
      try {
        return proxy(dataSource, interceptor, true);
      } catch (RuntimeException e) {
        logger.debug("Could not subclass data source '" + beanName + "'; proxying its interfaces instead: " + e);
      }
    }
    return proxy(dataSource, interceptor, false);
  }

  private static Object proxy(DataSource dataSource, TracingDataSourceInterceptor interceptor, boolean subclass) {
    ProxyFactory factory = new ProxyFactory(dataSource);
    factory.setProxyTargetClass(subclass);
    factory.addInterface(TracedDataSource.class);
    factory.addAdvice(interceptor);
    return factory.getProxy(dataSource.getClass().getClassLoader());
  }

  /** Late, so that the data source is wrapped after other post-processors have done their work. */
  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE - 10;
  }
}
