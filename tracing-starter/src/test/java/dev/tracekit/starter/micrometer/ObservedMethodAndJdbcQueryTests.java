package dev.tracekit.starter.micrometer;

import static dev.tracekit.starter.testsupport.InMemoryTraceKit.exportedSpan;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.core.Context;
import dev.tracekit.core.Scope;
import dev.tracekit.core.SpanData;
import dev.tracekit.core.SpanKind;
import dev.tracekit.starter.jdbc.TraceKitJdbcAutoConfiguration;
import dev.tracekit.starter.testsupport.InMemoryTraceKit;
import io.micrometer.observation.annotation.Observed;
import io.micrometer.tracing.annotation.NewSpan;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.NoopTracerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An {@code @Observed} method (and a {@code @NewSpan} one) running a JDBC query inside a
 * request span: Spring Boot's aspects, Micrometer's handlers, our bridge and our JDBC spans
 * together give one trace, request → method → query.
 */
class ObservedMethodAndJdbcQueryTests {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  AopAutoConfiguration.class,
                  ObservationAutoConfiguration.class,
                  TraceKitMicrometerTracingAutoConfiguration.class,
                  MicrometerTracingAutoConfiguration.class,
                  NoopTracerAutoConfiguration.class,
                  DataSourceAutoConfiguration.class,
                  JdbcTemplateAutoConfiguration.class,
                  TraceKitJdbcAutoConfiguration.class))
          .withUserConfiguration(InMemoryTraceKit.class, Orders.class)
          .withPropertyValues(
              "management.observations.annotations.enabled=true",
              "spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

  @Test
  void observedMethodAndItsQueryAreChildrenOfTheRequestSpan() {
    runner.run(context -> {
      OrderService orders = context.getBean(OrderService.class);
      orders.createSchema();
      dev.tracekit.core.Span request =
          context.getBean(dev.tracekit.core.Tracer.class).spanBuilder("GET /orders/{id}").startSpan();
      try (Scope ignored = Context.current().with(request).makeCurrent()) {
        assertThat(orders.total(1)).isEqualTo(250L);
      } finally {
        request.end();
      }
      SpanData requestSpan = exportedSpan(context, "GET /orders/{id}");
      SpanData observed = exportedSpan(context, "order total");
      SpanData query = exportedSpan(context, "SELECT orders");
      assertThat(observed.parentSpanIdHex()).isEqualTo(requestSpan.spanIdHex());
      assertThat(query.parentSpanIdHex()).isEqualTo(observed.spanIdHex());
      assertThat(query.traceIdHex()).isEqualTo(requestSpan.traceIdHex());
      assertThat(query.kind()).isEqualTo(SpanKind.CLIENT);
      assertThat(query.attributes().get("db.query.text")).isEqualTo("SELECT total FROM orders WHERE id = ?");
    });
  }

  @Test
  void newSpanMethodIsChildOfTheRequestSpan() {
    runner.run(context -> {
      OrderService orders = context.getBean(OrderService.class);
      orders.createSchema();
      dev.tracekit.core.Span request =
          context.getBean(dev.tracekit.core.Tracer.class).spanBuilder("request").startSpan();
      try (Scope ignored = Context.current().with(request).makeCurrent()) {
        assertThat(orders.count()).isEqualTo(1);
      } finally {
        request.end();
      }
      SpanData counted = exportedSpan(context, "count-orders");
      assertThat(counted.parentSpanIdHex()).isEqualTo(request.context().spanIdHex());
      assertThat(exportedSpan(context, "SELECT orders").parentSpanIdHex()).isEqualTo(counted.spanIdHex());
    });
  }

  @Configuration(proxyBeanMethods = false)
  static class Orders {
    @Bean
    OrderService orderService(JdbcTemplate jdbc) {
      return new OrderService(jdbc);
    }
  }

  static class OrderService {
    private final JdbcTemplate jdbc;

    OrderService(JdbcTemplate jdbc) {
      this.jdbc = jdbc;
    }

    public void createSchema() {
      jdbc.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, total BIGINT)");
      jdbc.execute("INSERT INTO orders VALUES (1, 250)");
    }

    @Observed(name = "orders.total", contextualName = "order total")
    public Long total(long id) {
      return jdbc.queryForObject("SELECT total FROM orders WHERE id = ?", Long.class, id);
    }

    @NewSpan("count-orders")
    public Integer count() {
      return jdbc.queryForObject("SELECT COUNT(*) FROM orders", Integer.class);
    }
  }
}
