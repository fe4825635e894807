package dev.tracekit.collector.analysis;

import dev.tracekit.analysis.TextReport;
import dev.tracekit.analysis.TraceAnalysis;
import dev.tracekit.analysis.TraceAnalyzer;
import dev.tracekit.collector.ErrorBody;
import dev.tracekit.collector.storage.SpanStore;
import dev.tracekit.collector.storage.StoreUnavailableException;
import dev.tracekit.collector.storage.StoredTrace;
import dev.tracekit.collector.storage.TraceId;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
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
 * {@code GET /api/traces/{traceId}/analysis} (the {@link TraceAnalysis} as JSON) and
 * {@code GET /api/traces/{traceId}/report} (the same as plain text, {@link TextReport}). A
 * malformed id gets 400, a trace without stored spans 404, both with {@code {"error": "..."}}.
 *
 * <p>Reading and analysing run on their own small bounded pool: a big trace takes real CPU, and
 * a burst of analyses must neither block an event loop nor starve the search API's readers.
 * When the pool's queue is full the answer is 503 with Retry-After.
 */
public final class AnalysisHandler implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AnalysisHandler.class);
  private static final MediaType TEXT_UTF8 = new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8);

  private final SpanStore store;
  private final TraceAnalyzer analyzer;
  private final Scheduler workers;

  /**
   * @param workers runs store reads and analyses; disposed by {@link #close()}
   */
  public AnalysisHandler(SpanStore store, TraceAnalyzer analyzer, Scheduler workers) {
    this.store = store;
    this.analyzer = analyzer;
    this.workers = workers;
  }

  /** {@code GET /api/traces/{traceId}/analysis}. */
  public Mono<ServerResponse> analysis(ServerRequest request) {
    return respond(request, analysis -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(analysis));
  }

  /** {@code GET /api/traces/{traceId}/report}. */
  public Mono<ServerResponse> report(ServerRequest request) {
    return respond(request, analysis -> ServerResponse.ok().contentType(TEXT_UTF8)
        .bodyValue(TextReport.render(analysis)));
  }

  private Mono<ServerResponse> respond(ServerRequest request, Function<TraceAnalysis, Mono<ServerResponse>> render) {
    String raw = request.pathVariable("traceId");
    TraceId traceId;
    try {
      traceId = TraceId.parse(raw.trim());
    } catch (IllegalArgumentException e) {
      return error(HttpStatus.BAD_REQUEST, e.getMessage() + ", got '" + abbreviate(raw) + "'");
    }
    return Mono.fromCallable(() -> analyze(traceId))
        .subscribeOn(workers)
        .flatMap(found -> found.isPresent()
            ? render.apply(found.get())
            : error(HttpStatus.NOT_FOUND, "no spans stored for trace " + traceId.toHex()))
        .onErrorResume(RejectedExecutionException.class,
            e -> error(HttpStatus.SERVICE_UNAVAILABLE, "too many analyses in progress; retry shortly"))
        .onErrorResume(StoreUnavailableException.class, e -> error(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage()))
        .onErrorResume(e -> !(e instanceof RejectedExecutionException || e instanceof StoreUnavailableException), e -> {
          log.error("Analysing trace {} failed", traceId.toHex(), e);
          return error(HttpStatus.INTERNAL_SERVER_ERROR, "the analysis failed: " + e.getMessage());
        });
  }

  private Optional<TraceAnalysis> analyze(TraceId traceId) {
    Optional<StoredTrace> trace = store.getTrace(traceId);
    if (trace.isEmpty() || trace.get().spans().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(analyzer.analyze(trace.get().spans()));
  }

  private static Mono<ServerResponse> error(HttpStatus status, String message) {
    ServerResponse.BodyBuilder response = ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON);
    if (status == HttpStatus.SERVICE_UNAVAILABLE) {
      response.header(HttpHeaders.RETRY_AFTER, "1");
    }
    return response.bodyValue(ErrorBody.json(message));
  }

  private static String abbreviate(String s) {
    return s.length() <= 64 ? s : s.substring(0, 64) + "...";
  }

  @Override
  public void close() {
    workers.dispose();
  }
}
