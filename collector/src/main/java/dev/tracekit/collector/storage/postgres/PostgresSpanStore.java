package dev.tracekit.collector.storage.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tracekit.collector.storage.LogQuery;
import dev.tracekit.collector.storage.SpanOrder;
import dev.tracekit.collector.storage.SpanStore;
import dev.tracekit.collector.storage.StoreStats;
import dev.tracekit.collector.storage.StoreUnavailableException;
import dev.tracekit.collector.storage.StoredTrace;
import dev.tracekit.collector.storage.TraceId;
import dev.tracekit.collector.storage.TraceQuery;
import dev.tracekit.collector.storage.TraceSummary;
import dev.tracekit.core.LogRecordData;
import dev.tracekit.core.SpanData;
import dev.tracekit.core.otlp.OtlpLogsCodec;
import dev.tracekit.core.otlp.OtlpTraceCodec;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable store: PostgreSQL, shared by any number of collectors. Spans go in with multi-row
 * {@code INSERT ... ON CONFLICT DO NOTHING} (a retried batch inserts nothing twice) and, in the
 * same statement, update a per-trace summary row that searches read; a whole
 * {@link #write} is one transaction, so a batch is either all there or not at all. Each span and
 * log is kept whole as OTLP protobuf (the shared codec) in a {@code payload} column; the other columns are indexed for
 * the queries (see the Flyway migrations beside this class).
 */
public final class PostgresSpanStore implements SpanStore {

  private static final Logger log = LoggerFactory.getLogger(PostgresSpanStore.class);
  private static final String MIGRATIONS = "classpath:dev/tracekit/collector/storage/postgres/migration";
  /** Rows per INSERT statement: 10 parameters each, well under PostgreSQL's 65,535. */
  private static final int ROWS_PER_STATEMENT = 500;
  private static final int PURGE_CHUNK = 1_000;
  private static final int MAX_ATTEMPTS = 3;

  private final HikariDataSource dataSource;
  private final String schema;
  private final ScheduledExecutorService statsRefresher;
  private final AtomicLong expiredSpans = new AtomicLong();
  private volatile StoreStats stats = new StoreStats(0, 0, 0, 0, 0);

  private PostgresSpanStore(HikariDataSource dataSource, String schema) {
    this.dataSource = dataSource;
    this.schema = schema;
    this.statsRefresher = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "tracekit-postgres-stats");
      t.setDaemon(true);
      return t;
    });
    statsRefresher.scheduleWithFixedDelay(this::refreshStats, 0, 30, TimeUnit.SECONDS);
  }

  /**
   * Opens a pool, creates the schema if needed and applies the migrations (Flyway locks, so
   * several collectors may start at once).
   */
  public static PostgresSpanStore open(PostgresSettings settings) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("tracekit-postgres");
    config.setJdbcUrl(settings.url());
    config.setUsername(settings.username());
    config.setPassword(settings.password());
    config.setSchema(settings.schema());
    config.setMaximumPoolSize(settings.poolSize());
    config.setConnectionTimeout(settings.connectionTimeout().toMillis());
    // Flyway waits for the database below; the pool itself must not fail while it starts.
    config.setInitializationFailTimeout(-1);
    HikariDataSource dataSource = new HikariDataSource(config);
    try {
      Flyway.configure()
          .dataSource(dataSource)
          .schemas(settings.schema())
          .createSchemas(true)
          .locations(MIGRATIONS)
          .connectRetries(settings.connectRetries())
          .load()
          .migrate();
    } catch (RuntimeException e) {
      dataSource.close();
      throw new IllegalStateException("Could not prepare the PostgreSQL schema '" + settings.schema() + "' at "
          + settings.url() + ": " + e.getMessage() + ". Check tracekit.collector.storage.postgres.* and that the "
          + "database is up.", e);
    }
    return new PostgresSpanStore(dataSource, settings.schema());
  }

  @Override
  public boolean durable() {
    return true;
  }

  @Override
  public void write(List<SpanData> spans, List<LogRecordData> logs) {
    if (spans.isEmpty() && logs.isEmpty()) {
      return;
    }
    // Sorted so that concurrent collectors lock rows in one order and cannot deadlock.
    List<SpanRow> spanRows = spans.stream().map(SpanRow::of).sorted().toList();
    List<LogRow> logRows = logs.stream().map(LogRow::of).toList();
    for (int attempt = 1; ; attempt++) {
      try (Connection c = dataSource.getConnection()) {
        c.setAutoCommit(false);
        try {
          for (int i = 0; i < spanRows.size(); i += ROWS_PER_STATEMENT) {
            insertSpans(c, spanRows.subList(i, Math.min(spanRows.size(), i + ROWS_PER_STATEMENT)));
          }
          for (int i = 0; i < logRows.size(); i += ROWS_PER_STATEMENT) {
            insertLogs(c, logRows.subList(i, Math.min(logRows.size(), i + ROWS_PER_STATEMENT)));
          }
          c.commit();
          return;
        } catch (SQLException | RuntimeException e) {
          rollbackQuietly(c);
          throw e;
        }
      } catch (SQLException e) {
        if (isRetryableConflict(e) && attempt < MAX_ATTEMPTS) {
          continue;
        }
        throw failure("store a batch of " + spans.size() + " spans and " + logs.size() + " logs", e);
      }
    }
  }

  private static void insertSpans(Connection c, List<SpanRow> rows) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(PostgresSql.insertSpans(rows.size()))) {
      int p = 1;
      for (SpanRow row : rows) {
        ps.setBytes(p++, row.traceId());
        ps.setLong(p++, row.spanId());
        if (row.parentSpanId() == 0) {
          ps.setNull(p++, java.sql.Types.BIGINT);
        } else {
          ps.setLong(p++, row.parentSpanId());
        }
        ps.setString(p++, row.service());
        ps.setString(p++, row.name());
        ps.setLong(p++, row.startNanos());
        ps.setLong(p++, row.endNanos());
        ps.setBoolean(p++, row.error());
        ps.setString(p++, row.tagsJson());
        ps.setBytes(p++, row.payload());
      }
      ps.execute();
    }
  }

  private static void insertLogs(Connection c, List<LogRow> rows) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(PostgresSql.insertLogs(rows.size()))) {
      int p = 1;
      for (LogRow row : rows) {
        ps.setLong(p++, row.timeNanos());
        ps.setBytes(p++, row.traceId());
        if (row.spanId() == 0) {
          ps.setNull(p++, java.sql.Types.BIGINT);
        } else {
          ps.setLong(p++, row.spanId());
        }
        ps.setString(p++, row.service());
        ps.setShort(p++, (short) row.severity());
        ps.setString(p++, row.body());
        ps.setBytes(p++, row.payload());
      }
      ps.executeUpdate();
    }
  }

  @Override
  public Optional<StoredTrace> getTrace(TraceId traceId) {
    return read("read trace " + traceId, c -> {
      List<SpanData> spans = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT payload FROM spans WHERE trace_id = ?")) {
        ps.setBytes(1, traceId.toBytes());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            spans.add(decodeSpan(rs.getBytes(1)));
          }
        }
      }
      List<LogRecordData> logs = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT payload FROM logs WHERE trace_id = ? ORDER BY time_nanos, id")) {
        ps.setBytes(1, traceId.toBytes());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            logs.add(decodeLog(rs.getBytes(1)));
          }
        }
      }
      if (spans.isEmpty() && logs.isEmpty()) {
        return Optional.empty();
      }
      spans.sort(SpanOrder.BY_START);
      return Optional.of(new StoredTrace(traceId, spans, logs));
    });
  }

  @Override
  public List<TraceSummary> findTraces(TraceQuery query) {
    PostgresSql.Statement sql = PostgresSql.findTraces(query);
    return read("search traces", c -> {
      try (PreparedStatement ps = sql.prepare(c); ResultSet rs = ps.executeQuery()) {
        List<TraceSummary> result = new ArrayList<>();
        while (rs.next()) {
          result.add(summary(rs));
        }
        return result;
      }
    });
  }

  private static TraceSummary summary(ResultSet rs) throws SQLException {
    Array array = rs.getArray("services");
    String[] services = (String[]) array.getArray();
    Arrays.sort(services);
    boolean rootMissing = rs.getString("root_name") == null;
    long start = rs.getLong("start_nanos");
    return new TraceSummary(
        TraceId.fromBytes(rs.getBytes("trace_id")),
        rs.getString(rootMissing ? "first_name" : "root_name"),
        rs.getString(rootMissing ? "first_service" : "root_service"),
        rootMissing,
        start,
        rs.getLong("end_nanos") - start,
        rs.getInt("span_count"),
        rs.getInt("error_count"),
        List.of(services));
  }

  @Override
  public List<String> services() {
    return read("list services", c -> strings(c, "SELECT DISTINCT service FROM operations", null));
  }

  @Override
  public List<String> operations(String service) {
    return read("list operations", c -> strings(c, "SELECT name FROM operations WHERE service = ?", service));
  }

  private static List<String> strings(Connection c, String sql, String parameter) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      if (parameter != null) {
        ps.setString(1, parameter);
      }
      List<String> result = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          result.add(rs.getString(1));
        }
      }
      // Sorted here, not in SQL: the database's collation would order differently from Java.
      result.sort(Comparator.naturalOrder());
      return result;
    }
  }

  @Override
  public List<LogRecordData> findLogs(LogQuery query) {
    PostgresSql.Statement sql = PostgresSql.findLogs(query);
    return read("search logs", c -> {
      try (PreparedStatement ps = sql.prepare(c); ResultSet rs = ps.executeQuery()) {
        List<LogRecordData> result = new ArrayList<>();
        while (rs.next()) {
          result.add(decodeLog(rs.getBytes(1)));
        }
        return result;
      }
    });
  }

  @Override
  public void forEachTrace(long startEpochNanos, long endEpochNanos, int maxTraces, Consumer<List<SpanData>> action) {
    read("read traces for the dependency graph", c -> {
      c.setAutoCommit(false); // lets the driver stream rows with a cursor
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT s.trace_id, s.payload FROM spans s JOIN (SELECT trace_id FROM traces"
              + " WHERE start_nanos BETWEEN ? AND ? ORDER BY start_nanos DESC LIMIT ?) t USING (trace_id)"
              + " ORDER BY s.trace_id")) {
        ps.setFetchSize(1_000);
        ps.setLong(1, startEpochNanos);
        ps.setLong(2, endEpochNanos);
        ps.setInt(3, maxTraces);
        try (ResultSet rs = ps.executeQuery()) {
          byte[] current = null;
          List<SpanData> trace = new ArrayList<>();
          while (rs.next()) {
            byte[] traceId = rs.getBytes(1);
            if (current != null && !Arrays.equals(current, traceId)) {
              action.accept(trace);
              trace = new ArrayList<>();
            }
            current = traceId;
            trace.add(decodeSpan(rs.getBytes(2)));
          }
          if (!trace.isEmpty()) {
            action.accept(trace);
          }
        }
      } finally {
        c.rollback();
      }
      return null;
    });
  }

  @Override
  public long purgeBefore(long cutoffEpochNanos) {
    long removedSpans = 0;
    try (Connection c = dataSource.getConnection()) {
      // SKIP LOCKED: collectors sharing the database purge side by side without waiting.
      try (PreparedStatement ps = c.prepareStatement("WITH old AS (SELECT trace_id FROM traces WHERE start_nanos < ?"
          + " ORDER BY start_nanos LIMIT " + PURGE_CHUNK + " FOR UPDATE SKIP LOCKED),"
          + " gone AS (DELETE FROM traces t USING old WHERE t.trace_id = old.trace_id RETURNING t.trace_id),"
          + " spans_gone AS (DELETE FROM spans s USING gone WHERE s.trace_id = gone.trace_id RETURNING 1)"
          + " SELECT (SELECT count(*) FROM gone), (SELECT count(*) FROM spans_gone)")) {
        ps.setLong(1, cutoffEpochNanos);
        long traces;
        do {
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            traces = rs.getLong(1);
            removedSpans += rs.getLong(2);
          }
        } while (traces == PURGE_CHUNK);
      }
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM logs WHERE id IN (SELECT id FROM logs"
          + " WHERE time_nanos < ? ORDER BY time_nanos LIMIT " + PURGE_CHUNK * 10 + ")")) {
        ps.setLong(1, cutoffEpochNanos);
        while (ps.executeUpdate() == PURGE_CHUNK * 10) {
          // keep deleting in bounded chunks
        }
      }
      if (removedSpans > 0) {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM operations o WHERE NOT EXISTS"
            + " (SELECT 1 FROM spans s WHERE s.service = o.service AND s.name = o.name)")) {
          ps.executeUpdate();
        }
      }
    } catch (SQLException e) {
      throw failure("delete data older than the retention", e);
    }
    expiredSpans.addAndGet(removedSpans);
    return removedSpans;
  }

  @Override
  public StoreStats stats() {
    return stats;
  }

  /** Row estimates from the planner's statistics: counting exactly would scan the tables. */
  private void refreshStats() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT c.relname, greatest(c.reltuples, 0)::bigint FROM pg_class c"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname IN ('spans', 'traces', 'logs')")) {
      ps.setString(1, schema);
      long spans = 0;
      long traces = 0;
      long logs = 0;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          switch (rs.getString(1)) {
            case "spans" -> spans = rs.getLong(2);
            case "traces" -> traces = rs.getLong(2);
            default -> logs = rs.getLong(2);
          }
        }
      }
      stats = new StoreStats(spans, traces, logs, 0, expiredSpans.get());
    } catch (SQLException | RuntimeException e) {
      log.debug("Could not refresh PostgreSQL table statistics; the store size gauges keep their last values", e);
    }
  }

  @Override
  public void close() {
    statsRefresher.shutdownNow();
    dataSource.close();
  }

  private static SpanData decodeSpan(byte[] payload) {
    return OtlpTraceCodec.decode(payload).get(0);
  }

  private static LogRecordData decodeLog(byte[] payload) {
    return OtlpLogsCodec.decode(payload).get(0);
  }

  private <T> T read(String what, SqlFunction<T> body) {
    try (Connection c = dataSource.getConnection()) {
      c.setReadOnly(true);
      return body.apply(c);
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  private static RuntimeException failure(String what, SQLException e) {
    if (isTransient(e)) {
      return new StoreUnavailableException("PostgreSQL is unavailable (could not " + what + "): " + e.getMessage(), e);
    }
    return new IllegalStateException("PostgreSQL refused to " + what + ": " + e.getMessage(), e);
  }

  /** Connection problems, resource limits, shutdowns, conflicts: worth retrying later. */
  private static boolean isTransient(SQLException e) {
    String state = e.getSQLState();
    return e instanceof SQLTransientException
        || state == null
        || state.startsWith("08") // connection exception
        || state.startsWith("53") // insufficient resources
        || state.startsWith("57") // operator intervention (shutdown, cancel)
        || state.startsWith("40"); // transaction rollback (deadlock, serialization)
  }

  private static boolean isRetryableConflict(SQLException e) {
    return "40P01".equals(e.getSQLState()) || "40001".equals(e.getSQLState());
  }

  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException e) {
      log.debug("Rollback failed after a failed write; the connection is discarded", e);
    }
  }

  @FunctionalInterface
  private interface SqlFunction<T> {
    T apply(Connection c) throws SQLException;
  }
}
