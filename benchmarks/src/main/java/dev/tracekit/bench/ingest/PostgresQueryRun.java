package dev.tracekit.bench.ingest;

import static dev.tracekit.bench.ingest.IngestReport.fmt;

import dev.tracekit.bench.harness.Machine;
import dev.tracekit.bench.harness.MarkdownTable;
import dev.tracekit.bench.harness.ProcStat;
import dev.tracekit.bench.harness.Stats;
import dev.tracekit.bench.spans.GeneratedTraces;
import dev.tracekit.bench.spans.TraceGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Issue 8 part 3, PostgreSQL: our collector with the PostgreSQL store in a scratch database
 * ({@code tracekit_bench}, created here and dropped at the end), loaded with fresh spans (OTLP +
 * LZ4; the collector answers after the commit), then asked the same trace-by-id and search
 * queries as the memory store. Reports the load rate, the collector's and PostgreSQL's CPU per
 * span, the database size per span and the query latencies.
 *
 * <p>Options: {@code --collector-jar}, {@code --out}, {@code --logs}, {@code --spans 1000000},
 * {@code --round-spans 100000}, {@code --heap-mb 4096}, {@code --batch 512},
 * {@code --connections 4}, {@code --query-requests 1000}, {@code --pg-host 127.0.0.1:5432},
 * {@code --pg-user postgres}, {@code --command}.
 */
public final class PostgresQueryRun {

  private static final String DATABASE = "tracekit_bench";
  static final String LABEL = "TraceKit (PostgreSQL)";

  private PostgresQueryRun() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    String loadBefore = Machine.loadAverage();
    Path out = args.path("out");
    int tracesPerRound = args.integer("round-spans", 100_000) / TraceGenerator.SPANS_PER_TRACE;
    int roundSpans = tracesPerRound * TraceGenerator.SPANS_PER_TRACE;
    long total = args.integer("spans", 1_000_000);
    int rounds = (int) (total / roundSpans);
    total = (long) rounds * roundSpans;
    int heapMb = args.integer("heap-mb", 4096);
    int batchSize = args.integer("batch", 512);
    int connections = args.integer("connections", 4);
    int queryRequests = args.integer("query-requests", 1000);
    long queryBudget = args.integer("query-seconds", 60) * 1_000_000_000L;
    String host = args.string("pg-host", "127.0.0.1:5432");
    String user = args.string("pg-user", "postgres");
    Files.createDirectories(out);

    System.out.printf("query-pg: PostgreSQL at %s, scratch database %s; loading %,d spans in rounds of %,d (OTLP + LZ4)%n",
        host, DATABASE, total, roundSpans);
    String adminUrl = "jdbc:postgresql://" + host + "/postgres";
    String benchUrl = "jdbc:postgresql://" + host + "/" + DATABASE;
    try (Connection admin = DriverManager.getConnection(adminUrl, user, ""); Statement s = admin.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
      s.execute("CREATE DATABASE " + DATABASE);
    } catch (SQLException e) {
      System.err.println("query-pg: cannot create the scratch database at " + adminUrl + " as " + user + ": "
          + e.getMessage().replaceAll("\\.$", "") + ". Start PostgreSQL (see ENVIRONMENT.md) or pass --pg-host/--pg-user.");
      System.exit(1);
    }
    List<IngestSession.Round> loadRounds = new ArrayList<>();
    List<QueryProbe.Result> queries = new ArrayList<>();
    long rowCount;
    long databaseBytes;
    double postgresCpuSeconds;
    double loadSeconds;
    String check;
    boolean ok;
    try {
      try (SpanServer server = TraceKitCollector.postgres(LABEL, args.path("collector-jar"), heapMb, benchUrl, user,
              args.path("logs"));
          LoadClient client = new LoadClient(connections)) {
        IngestSession session = new IngestSession(client);
        long[] traceIds = new long[(int) (total / TraceGenerator.SPANS_PER_TRACE * 2)];
        long stored = 0;
        long pgCpuBefore = postgresCpuNanos();
        long started = System.nanoTime();
        for (int round = 1; round <= rounds; round++) {
          GeneratedTraces traces = TraceGenerator.startingNow(2_000 + round).generate(tracesPerRound);
          System.arraycopy(traces.traceIds(), 0, traceIds, (round - 1) * tracesPerRound * 2, tracesPerRound * 2);
          IngestSession.Round r = session.round(server, WireFormat.OTLP_LZ4,
              IngestSession.encode(traces.batches(batchSize), WireFormat.OTLP_LZ4), stored, round);
          loadRounds.add(r);
          stored += r.spans();
          System.out.println(IngestSession.progress(r) + fmt("   %s in PostgreSQL, %.0f s elapsed",
              IngestReport.spansLabel(stored), (System.nanoTime() - started) / 1e9));
        }
        loadSeconds = (System.nanoTime() - started) / 1e9;
        postgresCpuSeconds = (postgresCpuNanos() - pgCpuBefore) / 1e9;
        try (Connection c = DriverManager.getConnection(benchUrl, user, ""); Statement s = c.createStatement()) {
          s.execute("ANALYZE");
          rowCount = single(s, "SELECT count(*) FROM tracekit.spans");
          databaseBytes = single(s, "SELECT pg_database_size('" + DATABASE + "')");
        }
        StoredCheck.Outcome outcome = StoredCheck.check(server, stored, traceIds, 50, TraceGenerator.SPANS_PER_TRACE);
        ok = outcome.ok() && rowCount == stored;
        check = outcome.text() + fmt("; the spans table holds %,d rows", rowCount);
        System.out.println("  " + check);
        System.out.printf("query-pg: %d trace-by-id and %d search requests at %s spans ...%n", queryRequests,
            queryRequests, IngestReport.spansLabel(stored));
        QueryProbe.Result byId = QueryProbe.traceById(server, traceIds, queryRequests, QueryProbe.WARMUP_REQUESTS,
            TraceGenerator.SPANS_PER_TRACE, queryBudget);
        System.out.println(byId.progress());
        QueryProbe.Result search = QueryProbe.search(server, queryRequests, QueryProbe.WARMUP_REQUESTS, queryBudget);
        System.out.println(search.progress());
        queries.add(byId);
        queries.add(search);
      }
    } finally {
      try (Connection admin = DriverManager.getConnection(adminUrl, user, ""); Statement s = admin.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
      }
    }

    String command = args.string("command", "scripts/bench query-pg");
    Files.writeString(out.resolve("query-postgres-load.csv"), IngestReport.roundsCsv(loadRounds));
    Files.writeString(out.resolve("query-postgres.csv"), QueryReport.csv(queries));
    double[] rates = loadRounds.stream().mapToDouble(IngestSession.Round::spansPerSecond).toArray();
    double[] cpu = loadRounds.stream().mapToDouble(IngestSession.Round::cpuMicrosPerSpan).toArray();
    MarkdownTable load = MarkdownTable.of("spans loaded", "load spans/s (overall)", "spans/s per round (median)",
        "collector CPU µs/span", "PostgreSQL CPU µs/span", "database size", "bytes/span on disk")
        .numeric(0, 1, 2, 3, 4, 5, 6);
    load.row(fmt("%,d", total), fmt("%,.0f", total / loadSeconds), fmt("%,.0f", Stats.median(rates)),
        fmt("%.1f", Stats.median(cpu)), fmt("%.1f", postgresCpuSeconds * 1e6 / total),
        fmt("%,.0f MB", databaseBytes / 1e6), fmt("%,.0f", (double) databaseBytes / total));
    String md = Machine.header(command, loadBefore) + "\n"
        + fmt("Our collector with the PostgreSQL store (PostgreSQL 15 on the same machine, scratch database, the "
            + "collector's default pool), -Xmx %d MB. Loaded with %,d fresh spans in rounds of %,d (OTLP + LZ4, "
            + "batches of %d, %d connections; each answer comes after the commit). PostgreSQL CPU is the user + system "
            + "time of every `postgres` process over the load, so other databases' work on the machine counts too.%n%n",
            heapMb, total, roundSpans, batchSize, connections)
        + load.render() + "\n"
        + fmt("Then %d sequential requests per query (after %d warm-up ones or %d s of them; fewer when a query kind "
            + "runs past %d s), with the same client as for the memory store:%n%n", queryRequests,
            QueryProbe.WARMUP_REQUESTS, QueryProbe.WARMUP_SECONDS, queryBudget / 1_000_000_000L)
        + QueryReport.table(queries, IngestRun.ZIPKIN) + "\nStored what was sent: " + check + "\n";
    Files.writeString(out.resolve("query-postgres.md"), md);
    System.out.println("query-pg: wrote " + out.resolve("query-postgres.md"));
    if (!ok) {
      System.err.println("query-pg: the collector did not store everything it acknowledged; the figures are not valid");
      System.exit(1);
    }
  }

  private static long single(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** CPU time of every process named {@code postgres} (the server and its backends), from /proc. */
  private static long postgresCpuNanos() {
    return ProcessHandle.allProcesses()
        .filter(p -> isPostgres(p.pid()))
        .mapToLong(p -> {
          try {
            return ProcStat.cpuNanos(p.pid());
          } catch (IllegalStateException e) {
            return 0; // a backend that exited meanwhile
          }
        })
        .sum();
  }

  private static boolean isPostgres(long pid) {
    try {
      return Files.readString(Path.of("/proc", Long.toString(pid), "comm")).trim().equals("postgres");
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
