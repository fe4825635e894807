package dev.tracekit.starter.jdbc;

import static dev.tracekit.starter.testsupport.InMemoryTraceKit.exportedSpan;
import static dev.tracekit.starter.testsupport.InMemoryTraceKit.exportedSpans;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.tracekit.core.Context;
import dev.tracekit.core.Scope;
import dev.tracekit.core.SpanData;
import dev.tracekit.core.SpanKind;
import dev.tracekit.starter.testsupport.InMemoryTraceKit;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

/** Spring Boot's own Hikari data source on a real in-memory H2 database. */
class TraceKitJdbcAutoConfigurationTests {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  DataSourceAutoConfiguration.class,
                  JdbcTemplateAutoConfiguration.class,
                  TraceKitJdbcAutoConfiguration.class))
          .withUserConfiguration(InMemoryTraceKit.class)
          .withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

  @Test
  void shouldTraceTheDataSourceAndKeepItsType() {
    runner.run(context -> {
      DataSource dataSource = context.getBean(DataSource.class);
      assertThat(dataSource).isInstanceOf(TracedDataSource.class).isInstanceOf(HikariDataSource.class);
      assertThat(context.getBean(HikariDataSource.class)).isSameAs(dataSource);
      assertThat(dataSource.unwrap(HikariDataSource.class)).isNotNull();
    });
  }

  @Test
  void queryInsideATraceIsOneClientSpanWithOpenTelemetryAttributes() {
    runner.run(context -> {
      JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
      jdbc.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, customer VARCHAR(40), total BIGINT)");
      dev.tracekit.core.Span request =
          context.getBean(dev.tracekit.core.Tracer.class).spanBuilder("request").startSpan();
      try (Scope ignored = Context.current().with(request).makeCurrent()) {
        jdbc.update("INSERT INTO orders VALUES (1, 'alice', 120)");
        jdbc.queryForList("SELECT id, total FROM orders WHERE customer = ?", "alice");
      } finally {
        request.end();
      }
      assertThat(exportedSpans(context)).extracting(SpanData::name)
          .as("the CREATE ran outside any trace, so it made no span")
          .containsExactlyInAnyOrder("request", "INSERT orders", "SELECT orders");
      SpanData insert = exportedSpan(context, "INSERT orders");
      assertThat(insert.kind()).isEqualTo(SpanKind.CLIENT);
      assertThat(insert.parentSpanIdHex()).isEqualTo(request.context().spanIdHex());
      assertThat(insert.attributes().get("db.query.text")).isEqualTo("INSERT INTO orders VALUES (?, ?, ?)");
      SpanData select = exportedSpan(context, "SELECT orders");
      assertThat(select.attributes().get("db.system")).isEqualTo("h2");
      assertThat(select.attributes().get("db.operation.name")).isEqualTo("SELECT");
      assertThat(select.attributes().get("db.collection.name")).isEqualTo("orders");
      assertThat(select.attributes().get("db.query.text"))
          .isEqualTo("SELECT id, total FROM orders WHERE customer = ?");
      assertThat(select.attributes().get("db.namespace")).isNotNull();
      assertThat(select.attributes().get("server.address")).as("in-memory H2 has no server").isNull();
    });
  }

  @Test
  void disabledByTracekitJdbcEnabledFalse() {
    runner.withPropertyValues("tracekit.jdbc.enabled=false").run(context ->
        assertThat(context.getBean(DataSource.class)).isNotInstanceOf(TracedDataSource.class));
  }

  @Test
  void disabledByTracekitEnabledFalse() {
    runner.withPropertyValues("tracekit.enabled=false").run(context ->
        assertThat(context.getBean(DataSource.class)).isNotInstanceOf(TracedDataSource.class));
  }

  @Test
  void backsOffWithoutTraceKitTracer() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, TraceKitJdbcAutoConfiguration.class))
        .withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID())
        .run(context -> assertThat(context.getBean(DataSource.class)).isNotInstanceOf(TracedDataSource.class));
  }
}
