package dev.tracekit.starter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DatabaseInfoTests {

  @Test
  void h2InMemoryHasNameButNoServer() {
    assertThat(DatabaseInfo.fromJdbcUrl("jdbc:h2:mem:orders;DB_CLOSE_DELAY=-1"))
        .isEqualTo(new DatabaseInfo("h2", "orders", null, 0));
  }

  @Test
  void h2OverTcpHasServer() {
    assertThat(DatabaseInfo.fromJdbcUrl("jdbc:h2:tcp://db.local:9092/~/data/shop"))
        .isEqualTo(new DatabaseInfo("h2", "shop", "db.local", 9092));
  }

  @Test
  void postgresqlHostPortAndDatabase() {
    assertThat(DatabaseInfo.fromJdbcUrl("jdbc:postgresql://127.0.0.1:5432/test?sslmode=disable"))
        .isEqualTo(new DatabaseInfo("postgresql", "test", "127.0.0.1", 5432));
    assertThat(DatabaseInfo.fromJdbcUrl("jdbc:postgresql://pg1,pg2:5433/app"))
        .isEqualTo(new DatabaseInfo("postgresql", "app", "pg1", 0));
  }

  @Test
  void mysqlWithoutPortAndWithCredentials() {
    assertThat(DatabaseInfo.fromJdbcUrl("jdbc:mysql://user:pw@mysql.internal/shop"))
        .isEqualTo(new DatabaseInfo("mysql", "shop", "mysql.internal", 0));
  }

  @Test
  void ipv6Host() {
    assertThat(DatabaseInfo.fromJdbcUrl("jdbc:postgresql://[::1]:6543/db"))
        .isEqualTo(new DatabaseInfo("postgresql", "db", "::1", 6543));
  }

  @Test
  void sqlServerIsMssqlWithDatabaseNameParameter() {
    assertThat(DatabaseInfo.fromJdbcUrl("jdbc:sqlserver://sql1\\inst:1433;databaseName=Sales;encrypt=true"))
        .isEqualTo(new DatabaseInfo("mssql", "Sales", "sql1", 1433));
  }

  @Test
  void oracleThinSidAndServiceForms() {
    assertThat(DatabaseInfo.fromJdbcUrl("jdbc:oracle:thin:@ora:1521:ORCL"))
        .isEqualTo(new DatabaseInfo("oracle", "ORCL", "ora", 1521));
    assertThat(DatabaseInfo.fromJdbcUrl("jdbc:oracle:thin:@//ora:1522/svc"))
        .isEqualTo(new DatabaseInfo("oracle", "svc", "ora", 1522));
  }

  @Test
  void wrappingDriversAreSeenThrough() {
    assertThat(DatabaseInfo.fromJdbcUrl("jdbc:tc:postgresql:15:///test").system()).isEqualTo("postgresql");
    assertThat(DatabaseInfo.fromJdbcUrl("jdbc:p6spy:mysql://h:3307/x"))
        .isEqualTo(new DatabaseInfo("mysql", "x", "h", 3307));
  }

  @Test
  void unknownOrMalformedUrlsNeverThrow() {
    assertThat(DatabaseInfo.fromJdbcUrl(null)).isEqualTo(DatabaseInfo.UNKNOWN);
    assertThat(DatabaseInfo.fromJdbcUrl("not a url")).isEqualTo(DatabaseInfo.UNKNOWN);
    assertThat(DatabaseInfo.fromJdbcUrl("jdbc:")).isEqualTo(DatabaseInfo.UNKNOWN);
    assertThat(DatabaseInfo.fromJdbcUrl("jdbc:postgresql://[::1")).isEqualTo(DatabaseInfo.UNKNOWN);
    assertThat(DatabaseInfo.fromJdbcUrl("jdbc:foodb:whatever").system()).isEqualTo("foodb");
  }
}
