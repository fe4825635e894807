package dev.tracekit.bench.ingest;

import dev.tracekit.bench.harness.Stats;
import dev.tracekit.core.Ids;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.ToIntFunction;

/**
 * Query latency as one client sees it: sequential GETs over a kept-alive connection
 * ({@link SocketHttpClient}, which adds little of its own), each timed from sending the request
 * to having read the whole answer. Warm-up requests go first and are not counted; they stop
 * early after {@value #WARMUP_SECONDS} s, so a slow server does not spend minutes warming up.
 * An answer that is not 200, or not what the query must return (a trace with all its spans, a
 * non-empty search), counts as an error. A slow server gets fewer requests: a query
 * kind stops after its time budget once {@value #MIN_REQUESTS} requests are measured, and the
 * result says how many were.
 */
final class QueryProbe {

  static final String SEARCH_SERVICE = "data-service";
  static final String SEARCH_TAG = "customer.tier";
  private static final String[] TIERS = {"gold", "silver", "bronze"};
  private static final long[] MIN_DURATIONS_MS = {100, 150, 200};
  static final int SEARCH_LIMIT = 20;
  static final int MIN_REQUESTS = 20;
  static final int WARMUP_SECONDS = 15;
  /** Per query kind; after 200, both servers were still compiling the query path (p50 twice the warm one). */
  static final int WARMUP_REQUESTS = 2_000;

  /** Latencies and answers of one query kind on one server. */
  record Result(String system, String query, int requests, long p50Nanos, long p99Nanos, double meanNanos,
      long maxNanos, double meanResults, double meanBytes, int errors) {

    String progress() {
      return String.format(Locale.ROOT, "  %-26s %-12s p50 %8.2f ms  p99 %8.2f ms  mean %d results, %,.0f B  errors %d",
          system, query, p50Nanos / 1e6, p99Nanos / 1e6, Math.round(meanResults), meanBytes, errors);
    }
  }

  private QueryProbe() {}

  /** Trace by id for {@code requests} trace ids drawn (seeded) from {@code traceIds}. */
  static Result traceById(SpanServer server, long[] traceIds, int requests, int warmup, int spansPerTrace,
      long budgetNanos) throws IOException {
    SplittableRandom random = new SplittableRandom(7);
    List<URI> uris = new ArrayList<>();
    for (int i = 0; i < warmup + requests; i++) {
      int t = random.nextInt(traceIds.length / 2);
      uris.add(server.traceUri(Ids.toHex(traceIds[2 * t], traceIds[2 * t + 1])));
    }
    return measure(server.label(), "trace by id", uris, warmup, server::spansInTrace, n -> n == spansPerTrace,
        budgetNanos);
  }

  /**
   * Searches for traces with a {@value #SEARCH_SERVICE} span tagged {@code customer.tier=<tier>}
   * of at least 100, 150 or 200 ms, rotating through the nine combinations, newest
   * {@value #SEARCH_LIMIT}.
   */
  static Result search(SpanServer server, int requests, int warmup, long budgetNanos)
      throws IOException {
    List<URI> uris = new ArrayList<>();
    for (int i = 0; i < warmup + requests; i++) {
      uris.add(server.searchUri(SEARCH_SERVICE, MIN_DURATIONS_MS[i % 3], SEARCH_TAG, TIERS[(i / 3) % 3], SEARCH_LIMIT));
    }
    return measure(server.label(), "search", uris, warmup, server::tracesInSearch, n -> n > 0, budgetNanos);
  }

  private static Result measure(String system, String query, List<URI> uris, int warmup, ToIntFunction<byte[]> results,
      java.util.function.IntPredicate valid, long budgetNanos) throws IOException {
    long[] latencies = new long[uris.size() - warmup];
    int measured = 0;
    long totalResults = 0;
    long totalBytes = 0;
    int errors = 0;
    try (SocketHttpClient client = new SocketHttpClient(uris.get(0))) {
      long warmupEnd = System.nanoTime() + WARMUP_SECONDS * 1_000_000_000L;
      for (int i = 0; i < warmup && System.nanoTime() - warmupEnd < 0; i++) {
        client.get(uris.get(i));
      }
      long deadline = System.nanoTime() + budgetNanos;
      for (int i = warmup; i < uris.size(); i++) {
        if (measured >= MIN_REQUESTS && System.nanoTime() - deadline > 0) {
          break;
        }
        long started = System.nanoTime();
        SocketHttpClient.Response response = client.get(uris.get(i));
        long elapsed = System.nanoTime() - started;
        int n = response.status() == 200 ? results.applyAsInt(response.body()) : -1;
        if (n < 0 || !valid.test(n)) {
          errors++;
        }
        latencies[measured++] = elapsed;
        totalResults += Math.max(n, 0);
        totalBytes += response.body().length;
      }
    }
    latencies = java.util.Arrays.copyOf(latencies, measured);
    return new Result(system, query, measured, Stats.percentile(latencies, 50), Stats.percentile(latencies, 99),
        Stats.mean(latencies), Stats.percentile(latencies, 100), (double) totalResults / measured,
        (double) totalBytes / measured, errors);
  }
}
