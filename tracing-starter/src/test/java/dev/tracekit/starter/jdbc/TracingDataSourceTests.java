package dev.tracekit.starter.jdbc;

import static dev.tracekit.starter.testsupport.InMemoryTraceKit.exportedSpan;
import static dev.tracekit.starter.testsupport.InMemoryTraceKit.exportedSpans;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracekit.core.Context;
import dev.tracekit.core.Scope;
import dev.tracekit.core.SpanData;
import dev.tracekit.core.StatusCode;
import dev.tracekit.core.TraceContext;
import dev.tracekit.core.TraceState;
import dev.tracekit.starter.testsupport.InMemoryTraceKit;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Plain JDBC against a user-defined (non-pooled) H2 data source. */
class TracingDataSourceTests {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(TraceKitJdbcAutoConfiguration.class))
          .withUserConfiguration(InMemoryTraceKit.class, H2.class);

  @Configuration(proxyBeanMethods = false)
  static class H2 {
    @Bean
    DataSource dataSource() throws SQLException {
      JdbcDataSource dataSource = new JdbcDataSource();
      dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
      try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(40), price INT)");
      }
      return dataSource;
    }
  }

  /** Runs {@code work} on a connection inside a span named "parent" and returns that span. */
  private static dev.tracekit.core.Span inParentSpan(AssertableApplicationContext context, JdbcWork work)
      throws Exception {
    dev.tracekit.core.Span parent =
        context.getBean(dev.tracekit.core.Tracer.class).spanBuilder("parent").startSpan();
    try (Scope ignored = Context.current().with(parent).makeCurrent();
        Connection connection = context.getBean(DataSource.class).getConnection()) {
      work.run(connection);
    } finally {
      parent.end();
    }
    return parent;
  }

  interface JdbcWork {
    void run(Connection connection) throws Exception;
  }

  @Test
  void eachExecutionIsOneSpanAndConnectionsAndResultSetsAreNone() {
    runner.run(context -> {
      dev.tracekit.core.Span parent = inParentSpan(context, connection -> {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO items VALUES (?, ?, ?)")) {
          insert.setInt(1, 1);
          insert.setString(2, "pen");
          insert.setInt(3, 3);
          insert.executeUpdate();
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT name FROM items WHERE id = ?")) {
          for (int id = 1; id <= 3; id++) {
            select.setInt(1, id);
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                rows.getString(1);
              }
            }
          }
        }
      });
      assertThat(exportedSpans(context)).extracting(SpanData::name)
          .containsExactlyInAnyOrder("parent", "INSERT items", "SELECT items", "SELECT items", "SELECT items");
      assertThat(exportedSpans(context)).filteredOn(s -> s.name().startsWith("SELECT"))
          .allSatisfy(s -> {
            assertThat(s.parentSpanIdHex()).isEqualTo(parent.context().spanIdHex());
            assertThat(s.attributes().get("db.query.text")).isEqualTo("SELECT name FROM items WHERE id = ?");
          });
    });
  }

  @Test
  void literalsOfPlainStatementsNeverReachTheSpan() {
    runner.run(context -> {
      inParentSpan(context, connection -> {
        try (Statement statement = connection.createStatement()) {
          statement.executeQuery("SELECT * FROM items WHERE name = 'secret-token' AND price IN (10, 20, 30)").close();
        }
      });
      assertThat(exportedSpan(context, "SELECT items").attributes().get("db.query.text"))
          .isEqualTo("SELECT * FROM items WHERE name = ? AND price IN (?)");
    });
  }

  @Test
  void batchIsOneSpanWithItsSize() {
    runner.run(context -> {
      inParentSpan(context, connection -> {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO items VALUES (?, ?, ?)")) {
          for (int id = 10; id < 15; id++) {
            insert.setInt(1, id);
            insert.setString(2, "item" + id);
            insert.setInt(3, id);
            insert.addBatch();
          }
          insert.executeBatch();
        }
      });
      SpanData batch = exportedSpan(context, "BATCH INSERT items");
      assertThat(batch.attributes().get("db.operation.batch.size")).isEqualTo(5L);
      assertThat(batch.attributes().get("db.operation.name")).isEqualTo("BATCH INSERT");
      assertThat(exportedSpans(context)).hasSize(2);
    });
  }

  @Test
  void failingStatementMarksTheSpanAndStillThrows() {
    runner.run(context -> {
      inParentSpan(context, connection -> {
        try (Statement statement = connection.createStatement()) {
          assertThatThrownBy(() -> statement.executeQuery("SELECT * FROM no_such_table"))
              .isInstanceOf(SQLException.class);
        }
      });
      SpanData failed = exportedSpan(context, "SELECT no_such_table");
      assertThat(failed.statusCode()).isEqualTo(StatusCode.ERROR);
      assertThat(failed.events()).extracting(e -> e.name()).contains("exception");
    });
  }

  @Test
  void statementOutsideATraceMakesNoSpanUnlessRootSpansAreOn() {
    runner.run(context -> {
      try (Connection c = context.getBean(DataSource.class).getConnection(); Statement s = c.createStatement()) {
        s.executeQuery("SELECT COUNT(*) FROM items").close();
      }
      assertThat(exportedSpans(context)).isEmpty();
    });
    runner.withPropertyValues("tracekit.jdbc.root-spans=true").run(context -> {
      try (Connection c = context.getBean(DataSource.class).getConnection(); Statement s = c.createStatement()) {
        s.executeQuery("SELECT COUNT(*) FROM items").close();
      }
      assertThat(exportedSpan(context, "SELECT items").parentSpanId()).isZero();
    });
  }

  @Test
  void aConnectionTakenInAnUnsampledTraceIsTheDriversOwnAndItsStatementsMakeNoSpans() {
    runner.run(context -> {
      // A caller's traceparent with sampled=0, as an unsampled request's server span carries it.
      dev.tracekit.core.Span unsampled =
          context.getBean(dev.tracekit.core.Tracer.class).spanBuilder("request")
              .setParent(Context.root().with(dev.tracekit.core.Span.wrap(
                  TraceContext.create(7L, 8L, 9L, 0, TraceState.empty(), true))))
              .startSpan();
      assertThat(unsampled.isRecording()).isFalse();
      try (Scope ignored = Context.current().with(unsampled).makeCurrent();
          Connection connection = context.getBean(DataSource.class).getConnection();
          Statement statement = connection.createStatement()) {
        assertThat(Proxy.isProxyClass(connection.getClass())).as("no proxy around the driver's connection").isFalse();
        statement.executeQuery("SELECT COUNT(*) FROM items").close();
      }
      // Taken outside any trace, a connection is still traced: it may serve a traced request later.
      try (Connection connection = context.getBean(DataSource.class).getConnection()) {
        assertThat(Proxy.isProxyClass(connection.getClass())).isTrue();
      }
      inParentSpan(context, connection -> {
        try (Statement statement = connection.createStatement()) {
          statement.executeQuery("SELECT COUNT(*) FROM items").close();
        }
      });
      assertThat(exportedSpans(context)).extracting(SpanData::name).containsExactlyInAnyOrder("parent", "SELECT items");
    });
  }

  @Test
  void wrappersUnwrapToTheDriversObjectsAndStatementsReturnTheTracedConnection() {
    runner.run(context -> {
      DataSource dataSource = context.getBean(DataSource.class);
      assertThat(dataSource.unwrap(JdbcDataSource.class)).isInstanceOf(JdbcDataSource.class);
      try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
        assertThat(statement.getConnection()).isSameAs(connection);
        assertThat(connection.isWrapperFor(org.h2.jdbc.JdbcConnection.class)).isTrue();
        assertThat(connection.unwrap(org.h2.jdbc.JdbcConnection.class)).isInstanceOf(org.h2.jdbc.JdbcConnection.class);
      }
    });
  }
}
