package dev.tracekit.collector.query;

import dev.tracekit.analysis.DependencyGraph;
import dev.tracekit.collector.ErrorBody;
import dev.tracekit.collector.storage.LogQuery;
import dev.tracekit.collector.storage.SpanStore;
import dev.tracekit.collector.storage.StoreUnavailableException;
import dev.tracekit.collector.storage.TraceQuery;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The query API (JSON). Store reads may block (PostgreSQL), so they run on a bounded scheduler,
 * never on an event loop; when its queue is full the API answers 503. Bad parameters get 400 with
 * {@code {"error": "..."}} naming the parameter; an unknown trace gets 404.
 */
public final class QueryHandler {

  private static final Logger log = LoggerFactory.getLogger(QueryHandler.class);
  private static final Duration DEFAULT_DEPENDENCY_WINDOW = Duration.ofHours(1);

  private final SpanStore store;
  private final Scheduler reads;
  private final int defaultLimit;
  private final int maxLimit;
  private final int dependenciesMaxTraces;

  public QueryHandler(SpanStore store, Scheduler reads, int defaultLimit, int maxLimit, int dependenciesMaxTraces) {
    this.store = store;
    this.reads = reads;
    this.defaultLimit = defaultLimit;
    this.maxLimit = maxLimit;
    this.dependenciesMaxTraces = dependenciesMaxTraces;
  }

  /**
   * {@code GET /api/traces/{traceId}?offset=&limit=}: the spans and logs of a trace, a page at a
   * time ({@link TracePage}: by default the first 10,000, so a huge trace does not fail the request).
   * {@code span=} instead of {@code offset} answers the page that holds that span, so that a link
   * to any span of a huge trace can be followed.
   */
  public Mono<ServerResponse> trace(ServerRequest request) {
    return respond(() -> {
      var traceId = QueryParams.traceId(request.pathVariable("traceId"));
      int limit = QueryParams.limit(request.queryParam("limit").orElse(null), TracePage.DEFAULT_LIMIT,
          TracePage.MAX_LIMIT);
      String span = request.queryParam("span").orElse(null);
      String offsetParam = request.queryParam("offset").orElse(null);
      if (span != null && offsetParam != null) {
        throw new BadRequestException("give offset or span, not both");
      }
      if (span != null) {
        long spanId = QueryParams.spanId(span);
        return store.getTrace(traceId).map(t -> TracePage.holding(t, spanId, limit)).orElse(null);
      }
      int offset = QueryParams.offset(offsetParam);
      return store.getTrace(traceId).map(t -> TracePage.of(t, offset, limit)).orElse(null);
    }, "trace not found");
  }

  /** {@code GET /api/traces?...}: trace search, newest first. */
  public Mono<ServerResponse> traces(ServerRequest request) {
    return respond(() -> store.findTraces(traceQuery(request)).stream().map(ApiJson.Summary::of).toList(), null);
  }

  TraceQuery traceQuery(ServerRequest request) {
    long now = nowNanos();
    TraceQuery.Builder query = TraceQuery.builder();
    request.queryParam("service").filter(s -> !s.isBlank()).ifPresent(query::service);
    request.queryParam("operation").filter(s -> !s.isBlank()).ifPresent(query::operation);
    for (String tag : request.queryParams().getOrDefault("tag", List.of())) {
      String[] kv = QueryParams.tag(tag);
      query.tag(kv[0], kv[1]);
    }
    request.queryParam("minDuration").ifPresent(v -> query.minDurationNanos(QueryParams.durationNanos("minDuration", v)));
    request.queryParam("maxDuration").ifPresent(v -> query.maxDurationNanos(QueryParams.durationNanos("maxDuration", v)));
    request.queryParam("start").ifPresent(v -> query.startEpochNanos(QueryParams.timeNanos("start", v, now)));
    request.queryParam("end").ifPresent(v -> query.endEpochNanos(QueryParams.timeNanos("end", v, now)));
    query.error(QueryParams.bool("error", request.queryParam("error").orElse(null)));
    query.limit(QueryParams.limit(request.queryParam("limit").orElse(null), defaultLimit, maxLimit));
    return query.build();
  }

  /** {@code GET /api/services}. */
  public Mono<ServerResponse> services(ServerRequest request) {
    return respond(store::services, null);
  }

  /** {@code GET /api/services/{service}/operations}. */
  public Mono<ServerResponse> operations(ServerRequest request) {
    String service = request.pathVariable("service");
    return respond(() -> store.operations(service), null);
  }

  /**
   * {@code GET /api/dependencies?start=&end=}: service graph edges ({@link DependencyGraph}) over
   * the newest traces that start in the window; the last hour by default.
   */
  public Mono<ServerResponse> dependencies(ServerRequest request) {
    return respond(() -> {
      long now = nowNanos();
      long end = request.queryParam("end").map(v -> QueryParams.timeNanos("end", v, now)).orElse(now);
      long start = request.queryParam("start").map(v -> QueryParams.timeNanos("start", v, now))
          .orElse(end - DEFAULT_DEPENDENCY_WINDOW.toNanos());
      if (start > end) {
        throw new BadRequestException("start must not be after end");
      }
      DependencyGraph.Builder graph = DependencyGraph.builder();
      store.forEachTrace(start, end, dependenciesMaxTraces, graph::add);
      return graph.build();
    }, null);
  }

  /** {@code GET /api/logs?...}: log search, newest first. */
  public Mono<ServerResponse> logs(ServerRequest request) {
    return respond(() -> store.findLogs(logQuery(request)).stream().map(ApiJson.Log::of).toList(), null);
  }

  LogQuery logQuery(ServerRequest request) {
    long now = nowNanos();
    LogQuery.Builder query = LogQuery.builder();
    request.queryParam("traceId").filter(s -> !s.isBlank()).ifPresent(v -> query.traceId(QueryParams.traceId(v)));
    request.queryParam("spanId").filter(s -> !s.isBlank()).ifPresent(v -> query.spanId(QueryParams.spanId(v)));
    request.queryParam("service").filter(s -> !s.isBlank()).ifPresent(query::service);
    request.queryParam("level").filter(s -> !s.isBlank()).ifPresent(v -> query.minSeverity(QueryParams.level(v)));
    request.queryParam("q").filter(s -> !s.isEmpty()).ifPresent(query::text);
    request.queryParam("start").ifPresent(v -> query.startEpochNanos(QueryParams.timeNanos("start", v, now)));
    request.queryParam("end").ifPresent(v -> query.endEpochNanos(QueryParams.timeNanos("end", v, now)));
    query.limit(QueryParams.limit(request.queryParam("limit").orElse(null), 100, maxLimit));
    return query.build();
  }

  private static long nowNanos() {
    return System.currentTimeMillis() * 1_000_000L;
  }

  /**
   * Runs {@code read} on the read scheduler and answers 200 with its JSON, 404 with
   * {@code notFound} when it returns null, or the matching error status.
   */
  private Mono<ServerResponse> respond(Callable<Object> read, String notFound) {
    return Mono.fromCallable(read)
        .subscribeOn(reads)
        .flatMap(body -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(body))
        .switchIfEmpty(Mono.defer(() -> error(HttpStatus.NOT_FOUND, notFound)))
        .onErrorResume(BadRequestException.class, e -> error(HttpStatus.BAD_REQUEST, e.getMessage()))
        .onErrorResume(NotFoundException.class, e -> error(HttpStatus.NOT_FOUND, e.getMessage()))
        .onErrorResume(RejectedExecutionException.class,
            e -> error(HttpStatus.SERVICE_UNAVAILABLE, "too many queries in progress; retry shortly"))
        .onErrorResume(StoreUnavailableException.class, e -> error(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage()))
        .onErrorResume(e -> !(e instanceof BadRequestException || e instanceof NotFoundException), e -> {
          log.error("A query failed", e);
          return error(HttpStatus.INTERNAL_SERVER_ERROR, "the query failed: " + e.getMessage());
        });
  }

  private static Mono<ServerResponse> error(HttpStatus status, String message) {
    ServerResponse.BodyBuilder response = ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON);
    if (status == HttpStatus.SERVICE_UNAVAILABLE) {
      response.header(HttpHeaders.RETRY_AFTER, "1");
    }
    return response.bodyValue(ErrorBody.json(message));
  }
}
