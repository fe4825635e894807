package dev.tracekit.collector.storage.postgres;

import dev.tracekit.collector.storage.LogQuery;
import dev.tracekit.collector.storage.TraceQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** The SQL of the PostgreSQL store. Values always travel as parameters, never in the text. */
final class PostgresSql {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * The earliest root wins: a candidate replaces the stored root when it starts earlier (or at
   * the same time with a smaller span id), as the memory store decides.
   */
  private static final String NEW_ROOT_WINS = "EXCLUDED.root_start IS NOT NULL AND (traces.root_start IS NULL"
      + " OR (EXCLUDED.root_start, EXCLUDED.root_span_id) < (traces.root_start, traces.root_span_id))";
  private static final String NEW_FIRST_WINS =
      "(EXCLUDED.first_start, EXCLUDED.first_span_id) < (traces.first_start, traces.first_span_id)";

  private PostgresSql() {}

  /**
   * Inserts {@code rows} spans, skipping those already stored, and folds the ones actually
   * inserted into their traces' summary rows and into the operations table, in one statement.
   */
  static String insertSpans(int rows) {
    StringBuilder sql = new StringBuilder(512 + rows * 40);
    sql.append("WITH ins AS (INSERT INTO spans (trace_id, span_id, parent_span_id, service, name,"
        + " start_nanos, end_nanos, error, tags, payload) VALUES ");
    for (int i = 0; i < rows; i++) {
      sql.append(i == 0 ? "" : ",").append("(?,?,?,?,?,?,?,?,?::jsonb,?)");
    }
    sql.append(" ON CONFLICT (trace_id, span_id) DO NOTHING"
        + " RETURNING trace_id, span_id, parent_span_id, service, name, start_nanos, end_nanos, error),"
        + " agg AS (SELECT trace_id, min(start_nanos) AS start_nanos, max(end_nanos) AS end_nanos,"
        + " count(*)::int AS span_count, (count(*) FILTER (WHERE error))::int AS error_count,"
        + " array_agg(DISTINCT service) AS services FROM ins GROUP BY trace_id),"
        + " root AS (SELECT DISTINCT ON (trace_id) trace_id, name, service, start_nanos, span_id FROM ins"
        + " WHERE parent_span_id IS NULL ORDER BY trace_id, start_nanos, span_id),"
        + " earliest AS (SELECT DISTINCT ON (trace_id) trace_id, name, service, start_nanos, span_id FROM ins"
        + " ORDER BY trace_id, start_nanos, span_id),"
        + " ops AS (INSERT INTO operations (service, name) SELECT DISTINCT service, name FROM ins"
        + " ORDER BY 1, 2 ON CONFLICT DO NOTHING)"
        + " INSERT INTO traces (trace_id, start_nanos, end_nanos, span_count, error_count, services,"
        + " root_name, root_service, root_start, root_span_id, first_name, first_service, first_start, first_span_id)"
        + " SELECT a.trace_id, a.start_nanos, a.end_nanos, a.span_count, a.error_count, a.services,"
        + " r.name, r.service, r.start_nanos, r.span_id, e.name, e.service, e.start_nanos, e.span_id"
        + " FROM agg a JOIN earliest e USING (trace_id) LEFT JOIN root r USING (trace_id) ORDER BY a.trace_id"
        + " ON CONFLICT (trace_id) DO UPDATE SET"
        + " start_nanos = LEAST(traces.start_nanos, EXCLUDED.start_nanos),"
        + " end_nanos = GREATEST(traces.end_nanos, EXCLUDED.end_nanos),"
        + " span_count = traces.span_count + EXCLUDED.span_count,"
        + " error_count = traces.error_count + EXCLUDED.error_count,"
        + " services = ARRAY(SELECT DISTINCT u.s FROM unnest(traces.services || EXCLUDED.services) AS u(s)),");
    for (String column : List.of("root_name", "root_service", "root_start", "root_span_id")) {
      sql.append(' ').append(column).append(" = CASE WHEN ").append(NEW_ROOT_WINS)
          .append(" THEN EXCLUDED.").append(column).append(" ELSE traces.").append(column).append(" END,");
    }
    List<String> firstColumns = List.of("first_name", "first_service", "first_start", "first_span_id");
    for (int i = 0; i < firstColumns.size(); i++) {
      String column = firstColumns.get(i);
      sql.append(' ').append(column).append(" = CASE WHEN ").append(NEW_FIRST_WINS)
          .append(" THEN EXCLUDED.").append(column).append(" ELSE traces.").append(column).append(" END")
          .append(i < firstColumns.size() - 1 ? "," : "");
    }
    return sql.toString();
  }

  static String insertLogs(int rows) {
    StringBuilder sql = new StringBuilder(128 + rows * 16);
    sql.append("INSERT INTO logs (time_nanos, trace_id, span_id, service, severity, body, payload) VALUES ");
    for (int i = 0; i < rows; i++) {
      sql.append(i == 0 ? "" : ",").append("(?,?,?,?,?,?,?)");
    }
    return sql.toString();
  }

  /** A trace search, newest first; each criterion narrows with its own index. */
  static Statement findTraces(TraceQuery query) {
    Statement s = new Statement("SELECT trace_id, start_nanos, end_nanos, span_count, error_count, services,"
        + " root_name, root_service, first_name, first_service FROM traces t"
        + " WHERE t.start_nanos >= ? AND t.start_nanos <= ?");
    s.params.add(query.startEpochNanos());
    s.params.add(query.endEpochNanos());
    if (query.minDurationNanos() > 0) {
      s.and("t.duration_nanos >= ?", query.minDurationNanos());
    }
    if (query.maxDurationNanos() < Long.MAX_VALUE) {
      s.and("t.duration_nanos <= ?", query.maxDurationNanos());
    }
    if (query.error() != null) {
      s.sql.append(query.error() ? " AND t.error_count > 0" : " AND t.error_count = 0");
    }
    if (query.service() != null) {
      s.and("t.services @> ARRAY[?]::text[]", Text.searchable(query.service()));
      if (query.operation() != null) {
        s.and("EXISTS (SELECT 1 FROM spans s WHERE s.trace_id = t.trace_id AND s.service = ? AND s.name = ?)",
            Text.searchable(query.service()), Text.searchable(query.operation()));
      }
    } else if (query.operation() != null) {
      s.and("EXISTS (SELECT 1 FROM spans s WHERE s.trace_id = t.trace_id AND s.name = ?)",
          Text.searchable(query.operation()));
    }
    for (Map.Entry<String, String> tag : query.tags().entrySet()) {
      s.and("EXISTS (SELECT 1 FROM spans s WHERE s.trace_id = t.trace_id AND s.tags @> ?::jsonb)",
          JSON.writeValueAsString(Map.of(Text.searchable(tag.getKey()), Text.searchable(tag.getValue()))));
    }
    s.sql.append(" ORDER BY t.start_nanos DESC, t.trace_id DESC LIMIT ?");
    s.params.add(query.limit());
    return s;
  }

  /** A log search, newest first. */
  static Statement findLogs(LogQuery query) {
    Statement s = new Statement("SELECT payload FROM logs WHERE time_nanos >= ? AND time_nanos <= ?");
    s.params.add(query.startEpochNanos());
    s.params.add(query.endEpochNanos());
    if (query.traceId() != null) {
      s.and("trace_id = ?", query.traceId().toBytes());
    }
    if (query.spanId() != 0) {
      s.and("span_id = ?", query.spanId());
    }
    if (query.service() != null) {
      s.and("service = ?", Text.searchable(query.service()));
    }
    if (query.minSeverity() > 0) {
      s.and("severity >= ?", query.minSeverity());
    }
    if (query.text() != null) {
      s.and("body ILIKE ? ESCAPE '\\'", "%" + likeEscape(Text.searchable(query.text())) + "%");
    }
    s.sql.append(" ORDER BY time_nanos DESC, id DESC LIMIT ?");
    s.params.add(query.limit());
    return s;
  }

  private static String likeEscape(String s) {
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  /** SQL text with its parameters in order. */
  static final class Statement {
    final StringBuilder sql;
    final List<Object> params = new ArrayList<>();

    Statement(String select) {
      this.sql = new StringBuilder(select);
    }

    void and(String condition, Object... values) {
      sql.append(" AND ").append(condition);
      params.addAll(List.of(values));
    }

    PreparedStatement prepare(Connection c) throws SQLException {
      PreparedStatement ps = c.prepareStatement(sql.toString());
      try {
        for (int i = 0; i < params.size(); i++) {
          Object v = params.get(i);
          if (v instanceof Long l) {
            ps.setLong(i + 1, l);
          } else if (v instanceof Integer n) {
            ps.setInt(i + 1, n);
          } else if (v instanceof byte[] b) {
            ps.setBytes(i + 1, b);
          } else {
            ps.setString(i + 1, (String) v);
          }
        }
        return ps;
      } catch (SQLException | RuntimeException e) {
        ps.close();
        throw e;
      }
    }
  }
}
