package dev.tracekit.bench.ingest;

import static dev.tracekit.bench.ingest.IngestReport.fmt;

import dev.tracekit.bench.harness.Machine;
import dev.tracekit.bench.spans.GeneratedTraces;
import dev.tracekit.bench.spans.TraceGenerator;
import dev.tracekit.core.SpanData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Issue 8 part 2 (and part 3 at memory): collector ingest against Zipkin server, same spans,
 * same run, alternating. Three servers run side by side with the same heap: our collector fed
 * OTLP protobuf + LZ4, a second one fed Zipkin v2 JSON (like for like), and Zipkin with its
 * in-memory storage fed the same JSON. Each round sends fresh spans to each in turn (the order
 * rotates); memory per span is read at the checkpoints; with {@code --query}, query latency is
 * measured on the loaded stores at the end.
 *
 * <p>Options: {@code --collector-jar}, {@code --zipkin-jar}, {@code --out DIR}, {@code --logs DIR},
 * {@code --rounds 10}, {@code --round-spans 100000}, {@code --warmup-rounds 1} (rounds left out of the medians:
 * the JIT's warm-up; their spans are stored and count towards the checkpoints like the others),
 * {@code --batch 512}, {@code --connections 4},
 * {@code --heap-mb 4096}, {@code --memory-at 500000,1000000}, {@code --query},
 * {@code --query-requests 1000}, {@code --command "scripts/bench ingest"}, {@code --only otlp,json,zipkin}
 * (a subset of the three servers, for a quick look; {@code --zipkin-jar} is then needed only with
 * {@code zipkin}).
 */
public final class IngestRun {

  static final String ZIPKIN = "Zipkin 3.5.1";
  static final String OURS_OTLP = "TraceKit";
  static final String OURS_JSON = "TraceKit (like for like)";

  private IngestRun() {}

  private record Contender(SpanServer server, WireFormat format) {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    String loadBefore = Machine.loadAverage();
    Path out = args.path("out");
    Path logs = args.path("logs");
    int rounds = args.integer("rounds", 10);
    int warmupRounds = args.integer("warmup-rounds", rounds >= 3 ? 1 : 0);
    if (warmupRounds < 0 || warmupRounds >= rounds) {
      throw new IllegalArgumentException("--warmup-rounds must leave at least one of the " + rounds + " rounds");
    }
    int tracesPerRound = args.integer("round-spans", 100_000) / TraceGenerator.SPANS_PER_TRACE;
    int roundSpans = tracesPerRound * TraceGenerator.SPANS_PER_TRACE;
    int batchSize = args.integer("batch", 512);
    int connections = args.integer("connections", 4);
    int heapMb = args.integer("heap-mb", 4096);
    List<Long> checkpoints = args.longs("memory-at", "500000,1000000");
    boolean query = args.flag("query");
    int queryRequests = args.integer("query-requests", 1000);
    long queryBudget = args.integer("query-seconds", 60) * 1_000_000_000L;
    long total = (long) rounds * roundSpans;
    long maxSpans = total + roundSpans;
    Files.createDirectories(out);

    System.out.printf("ingest: %d rounds × %,d spans to each of 3 servers (heap %d MB each), %d connections, batches of %d%n",
        rounds, roundSpans, heapMb, connections, batchSize);
    System.out.println("ingest: starting our collector twice and Zipkin (in-memory) ...");
    List<Contender> contenders = start(args, heapMb, maxSpans, logs);
    List<IngestSession.Round> results = new ArrayList<>();
    List<IngestSession.Memory> memories = new ArrayList<>();
    List<QueryProbe.Result> queries = new ArrayList<>();
    List<String> checks = new ArrayList<>();
    boolean allStored = true;
    try (LoadClient client = new LoadClient(connections)) {
      IngestSession session = new IngestSession(client);
      Map<String, Long> baselines = new HashMap<>();
      for (Contender c : contenders) {
        baselines.put(c.server().label(), c.server().process().heapUsedAfterFullGc());
      }
      long[] traceIds = new long[(int) (total / TraceGenerator.SPANS_PER_TRACE * 2)];
      long stored = 0;
      long started = System.nanoTime();
      for (int round = 1; round <= rounds; round++) {
        GeneratedTraces traces = TraceGenerator.startingNow(round).generate(tracesPerRound);
        System.arraycopy(traces.traceIds(), 0, traceIds, (round - 1) * tracesPerRound * 2, tracesPerRound * 2);
        List<List<SpanData>> batches = traces.batches(batchSize);
        Map<WireFormat, List<LoadClient.Body>> bodies = new HashMap<>();
        for (WireFormat format : WireFormat.values()) {
          bodies.put(format, IngestSession.encode(batches, format));
        }
        for (int i = 0; i < contenders.size(); i++) {
          Contender c = contenders.get((i + round - 1) % contenders.size());
          IngestSession.Round r = session.round(c.server(), c.format(), bodies.get(c.format()), stored, round);
          results.add(r);
          System.out.println(IngestSession.progress(r));
        }
        stored += roundSpans;
        if (stored == checkpoints.get(checkpoints.size() - 1)) {
          for (Contender c : contenders) {
            if (!c.server().label().equals(OURS_JSON)) {
              Files.writeString(out.resolve("ingest-histogram-" + (c.server() instanceof ZipkinServer ? "zipkin" : "tracekit")
                  + ".txt"), "Live objects in " + c.server().label() + " with " + IngestReport.spansLabel(stored)
                  + " spans stored (jcmd GC.class_histogram, top 40):\n" + c.server().process().classHistogram(40));
            }
          }
        }
        for (long checkpoint : checkpoints) {
          if (stored == checkpoint) {
            for (Contender c : contenders) {
              IngestSession.Memory m = IngestSession.memory(c.server(), stored, baselines.get(c.server().label()));
              memories.add(m);
              System.out.printf("  memory at %s spans: %-26s %,.0f B/span (heap %,.0f MB after full GC)%n",
                  IngestReport.spansLabel(stored), m.system(), m.bytesPerSpan(), m.heapUsedBytes() / 1e6);
            }
          }
        }
        System.out.printf("ingest: round %d of %d done, %.0f s elapsed%n", round, rounds,
            (System.nanoTime() - started) / 1e9);
      }
      for (Contender c : contenders) {
        StoredCheck.Outcome check = StoredCheck.check(c.server(), stored, traceIds, 50, TraceGenerator.SPANS_PER_TRACE);
        checks.add(check.text());
        allStored &= check.ok();
        System.out.println("  " + check.text());
      }
      if (query) {
        System.out.printf("query: %d trace-by-id and %d search requests per store at %s spans ...%n", queryRequests,
            queryRequests, IngestReport.spansLabel(stored));
        for (Contender c : contenders) {
          if (c.server().label().equals(OURS_JSON)) {
            continue; // the same store as OURS_OTLP
          }
          QueryProbe.Result byId = QueryProbe.traceById(c.server(), traceIds, queryRequests, QueryProbe.WARMUP_REQUESTS,
              TraceGenerator.SPANS_PER_TRACE, queryBudget);
          System.out.println(byId.progress());
          QueryProbe.Result search = QueryProbe.search(c.server(), queryRequests, QueryProbe.WARMUP_REQUESTS, queryBudget);
          System.out.println(search.progress());
          queries.add(byId);
          queries.add(search);
        }
      }
    } finally {
      contenders.forEach(c -> c.server().close());
    }

    String command = args.string("command", "scripts/bench ingest");
    Files.writeString(out.resolve("ingest-rounds.csv"), IngestReport.roundsCsv(results, warmupRounds));
    Files.writeString(out.resolve("ingest-memory.csv"), IngestReport.memoryCsv(memories));
    Files.writeString(out.resolve("ingest.md"), ingestMarkdown(command, loadBefore, results, memories, checkpoints,
        checks, rounds, warmupRounds, roundSpans, batchSize, connections, heapMb));
    if (query) {
      Files.writeString(out.resolve("query-memory.csv"), QueryReport.csv(queries));
      Files.writeString(out.resolve("query-memory.md"), queryMarkdown(command, loadBefore, queries, total, queryRequests,
          queryBudget / 1_000_000_000L));
    }
    System.out.println("ingest: wrote " + out.resolve("ingest.md") + (query ? " and query-memory.md" : ""));
    if (!allStored) {
      System.err.println("ingest: a server did not store everything it acknowledged; the figures are not valid");
      System.exit(1);
    }
  }

  private static List<Contender> start(Args args, int heapMb, long maxSpans, Path logs) throws Exception {
    Path collectorJar = args.path("collector-jar");
    // --only otlp,json,zipkin picks a subset, for a quick look at one server; published runs take all three.
    List<String> only = List.of(args.string("only", "otlp,json,zipkin").split(","));
    ExecutorService starter = Executors.newFixedThreadPool(3);
    try {
      List<Future<Contender>> started = new ArrayList<>();
      if (only.contains("otlp")) {
        started.add(starter.submit(() -> new Contender(
            TraceKitCollector.memory(OURS_OTLP, collectorJar, heapMb, maxSpans, logs), WireFormat.OTLP_LZ4)));
      }
      if (only.contains("json")) {
        started.add(starter.submit(() -> new Contender(
            TraceKitCollector.memory(OURS_JSON, collectorJar, heapMb, maxSpans, logs), WireFormat.ZIPKIN_JSON)));
      }
      if (only.contains("zipkin")) {
        Path zipkinJar = args.path("zipkin-jar");
        started.add(starter.submit(() -> new Contender(
            ZipkinServer.memory(ZIPKIN, zipkinJar, heapMb, maxSpans, logs), WireFormat.ZIPKIN_JSON)));
      }
      List<Contender> contenders = new ArrayList<>();
      for (Future<Contender> f : started) {
        contenders.add(f.get());
      }
      return contenders;
    } finally {
      starter.shutdown();
    }
  }

  private static String ingestMarkdown(String command, String loadBefore, List<IngestSession.Round> rounds,
      List<IngestSession.Memory> memories, List<Long> checkpoints, List<String> checks, int roundCount, int warmup,
      int roundSpans, int batchSize, int connections, int heapMb) {
    List<IngestReport.Summary> summaries = IngestReport.summarize(rounds, warmup);
    StringBuilder md = new StringBuilder(Machine.header(command, loadBefore)).append('\n');
    md.append(fmt("%d rounds; each round sends %,d new spans (%,d traces of 8 spans, batches of %d spans, each batch from "
        + "one service) over %d keep-alive HTTP/1.1 connections to each server in turn, the order rotating every round. "
        + "A round ends when the server reports every span stored. Spans/s and CPU are medians over rounds %d–%d%s. "
        + "Each server: its own JVM, -Xmx %d MB, G1; the load client runs in one more JVM on the same 2 cores.%n%n",
        roundCount, roundSpans, roundSpans / 8, batchSize, connections, warmup + 1, roundCount,
        warmup == 0 ? "" : warmup == 1 ? " (round 1 warms up the JIT)"
            : fmt(" (rounds 1–%d, %,d spans, warm up the JIT; their spans are stored too)", warmup,
                (long) warmup * roundSpans), heapMb));
    md.append(IngestReport.throughputTable(summaries, ZIPKIN)).append('\n');
    if (!memories.isEmpty()) {
      md.append("Memory per stored span: heap in use after a full GC (`jcmd GC.run`) minus the empty server's, "
          + "divided by the spans stored.\n\n");
      md.append(IngestReport.memoryTable(memories, ZIPKIN, checkpoints)).append('\n');
    }
    IngestReport.Summary ours = IngestReport.find(summaries, OURS_OTLP);
    IngestReport.Summary oursJson = IngestReport.find(summaries, OURS_JSON);
    IngestReport.Summary zipkin = IngestReport.find(summaries, ZIPKIN);
    md.append("Goals:\n\n");
    if (ours != null && zipkin != null) {
      double r = ours.medianSpansPerSecond() / zipkin.medianSpansPerSecond();
      md.append(IngestReport.goal("ingest ≥ 10× Zipkin's spans/s", r >= 10, fmt("%.1f× with OTLP + LZ4", r)
          + (oursJson == null ? "" : fmt(", %.1f× like for like (both fed Zipkin JSON)",
              oursJson.medianSpansPerSecond() / zipkin.medianSpansPerSecond()))));
    }
    Map<String, Map<Long, IngestSession.Memory>> mem = IngestReport.bySystem(memories);
    long last = checkpoints.get(checkpoints.size() - 1);
    if (mem.containsKey(OURS_OTLP) && mem.containsKey(ZIPKIN) && mem.get(OURS_OTLP).containsKey(last)
        && mem.get(ZIPKIN).containsKey(last)) {
      double r = mem.get(OURS_OTLP).get(last).bytesPerSpan() / mem.get(ZIPKIN).get(last).bytesPerSpan();
      md.append(IngestReport.goal("memory per span ≤ ¼ of Zipkin's", r <= 0.25,
          fmt("%.2f× Zipkin's at %s spans (%,.0f against %,.0f B/span)", r, IngestReport.spansLabel(last),
              mem.get(OURS_OTLP).get(last).bytesPerSpan(), mem.get(ZIPKIN).get(last).bytesPerSpan())));
    }
    md.append("\nStored what was sent:\n\n");
    for (String check : checks) {
      md.append("- ").append(check).append('\n');
    }
    return md.toString();
  }

  private static String queryMarkdown(String command, String loadBefore, List<QueryProbe.Result> queries, long spans,
      int requests, long budgetSeconds) {
    StringBuilder md = new StringBuilder(Machine.header(command, loadBefore)).append('\n');
    md.append(fmt("At %s spans (%,d traces) in each store, right after the ingest run: %d sequential requests per query "
        + "after %d warm-up ones or %d s of them, whichever ends first (fewer when a query kind runs past %d s: the "
        + "errors column shows how many were measured), one kept-alive connection of a blocking HTTP/1.1 client that "
        + "adds little of its own (the JDK `HttpClient` added ~0.5 ms to the median and ~5 ms to the 99th percentile "
        + "of a trivial request here). Trace by id: random stored traces. Search: traces with a "
        + "`data-service` span tagged `customer.tier=gold|silver|bronze` and at least 100/150/200 ms long (the nine "
        + "combinations in turn), newest 20. Zipkin answers a search with the whole traces, TraceKit with one summary "
        + "per trace (see bytes per answer).%n%n", IngestReport.spansLabel(spans), spans / 8, requests,
        QueryProbe.WARMUP_REQUESTS, QueryProbe.WARMUP_SECONDS, budgetSeconds));
    md.append(QueryReport.table(queries, ZIPKIN)).append('\n');
    md.append("Goals (memory store):\n\n");
    for (QueryProbe.Result r : queries) {
      if (r.system().equals(OURS_OTLP)) {
        md.append(r.query().equals("search")
            ? QueryReport.goal("search at " + IngestReport.spansLabel(spans) + " spans", r, 50)
            : QueryReport.goal("trace by id at " + IngestReport.spansLabel(spans) + " spans", r, 5));
      }
    }
    return md.toString();
  }
}
