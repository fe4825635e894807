package dev.tracekit.starter.jdbc;

import dev.tracekit.core.Tracer;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * One CLIENT span per JDBC statement, for every {@link DataSource} bean: see {@link
 * TracingDataSourcePostProcessor} for how and why. Backs off when datasource-micrometer's
 * auto-configuration is on the class path: its observations already become TraceKit spans
 * through the Micrometer bridge, and two spans per query would be wrong.
 */
@AutoConfiguration(afterName = "dev.tracekit.starter.TraceKitAutoConfiguration")
@ConditionalOnClass({DataSource.class, Tracer.class})
@ConditionalOnBean(Tracer.class)
@ConditionalOnMissingClass("net.ttddyy.observation.boot.autoconfigure.DataSourceObservationAutoConfiguration")
@ConditionalOnBooleanProperty(name = "tracekit.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "tracekit.jdbc.enabled", matchIfMissing = true)
@EnableConfigurationProperties(TraceKitJdbcProperties.class)
public final class TraceKitJdbcAutoConfiguration {

  /** Static: a post-processor must not make this configuration (and its dependencies) early. */
  @Bean
  static TracingDataSourcePostProcessor traceKitDataSourcePostProcessor(
      ObjectProvider<Tracer> tracer, ObjectProvider<TraceKitJdbcProperties> properties) {
    return new TracingDataSourcePostProcessor(tracer, properties);
  }
}
