package dev.tracekit.collector.ingest;

import dev.tracekit.collector.ErrorBody;
import dev.tracekit.collector.ingest.IngestMetrics.Signal;
import dev.tracekit.collector.ingest.IngestPipeline.SaturatedException;
import dev.tracekit.collector.otlpjson.Decoded;
import dev.tracekit.collector.otlpjson.MalformedJsonException;
import dev.tracekit.collector.otlpjson.OtlpJsonDecoder;
import dev.tracekit.collector.storage.StoreUnavailableException;
import dev.tracekit.core.LogRecordData;
import dev.tracekit.core.SpanData;
import dev.tracekit.core.otlp.MalformedPayloadException;
import dev.tracekit.core.otlp.OtlpLogsCodec;
import dev.tracekit.core.otlp.OtlpTraceCodec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The ingest endpoints: OTLP/HTTP {@code POST /v1/traces} and {@code POST /v1/logs} (protobuf or
 * JSON, identity/gzip/lz4) and Zipkin v2 {@code POST /api/v2/spans} (JSON, identity/gzip).
 *
 * <p>Each request is read within its size limits, decompressed within the decompressed limit,
 * decoded and validated on the event loop (CPU only, bounded by those limits), then handed to the
 * {@link IngestPipeline}. Responses follow OTLP/HTTP: 200 with an
 * {@code Export*ServiceResponse} (a {@code partial_success} when some items were rejected), or a
 * {@code google.rpc.Status} with 400 (malformed), 413 (too large), 415 (unsupported type or
 * encoding), 503 + Retry-After (saturated or store unavailable; retry), 500 (the store refused
 * the batch). Zipkin gets 202 and errors as {@code {"error": "..."}}.
 *
 * <p>At most {@code maxConcurrentRequests} ingest requests are read and decoded at once (each may
 * hold a body up to the decompressed limit); beyond it the answer is 429 with Retry-After.
 */
public final class IngestHandler {

  private static final Logger log = LoggerFactory.getLogger(IngestHandler.class);
  private static final MediaType PROTOBUF = MediaType.parseMediaType("application/x-protobuf");
  private static final MediaType PROTOBUF_ALT = MediaType.parseMediaType("application/protobuf");

  private final IngestPipeline pipeline;
  private final IngestMetrics metrics;
  private final RequestBodies bodies;
  private final int maxSpansPerRequest;
  private final int maxLogsPerRequest;
  private final Duration commitTimeout;
  private final String retryAfterSeconds;
  private final int maxConcurrentRequests;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final IngestLimits limits;

  public IngestHandler(IngestPipeline pipeline, IngestMetrics metrics, int maxBodyBytes, int maxDecompressedBytes,
      int maxSpansPerRequest, int maxLogsPerRequest, int maxConcurrentRequests, Duration commitTimeout,
      Duration retryAfter, IngestLimits limits) {
    this.limits = limits;
    this.pipeline = pipeline;
    this.metrics = metrics;
    this.bodies = new RequestBodies(maxBodyBytes, maxDecompressedBytes);
    this.maxSpansPerRequest = maxSpansPerRequest;
    this.maxLogsPerRequest = maxLogsPerRequest;
    this.maxConcurrentRequests = maxConcurrentRequests;
    this.commitTimeout = commitTimeout;
    this.retryAfterSeconds = Long.toString(Math.max(1, (retryAfter.toMillis() + 999) / 1000));
  }

  /** {@code POST /v1/traces}. */
  public Mono<ServerResponse> traces(ServerRequest request) {
    return limited(() -> otlp(request, Signal.SPANS), request, false);
  }

  /** {@code POST /v1/logs}. */
  public Mono<ServerResponse> logs(ServerRequest request) {
    return limited(() -> otlp(request, Signal.LOGS), request, false);
  }

  /** {@code POST /api/v2/spans}. */
  public Mono<ServerResponse> zipkin(ServerRequest request) {
    return limited(() -> zipkinSpans(request), request, true);
  }

  /** Runs {@code handler} unless {@code maxConcurrentRequests} are already in progress (then 429). */
  private Mono<ServerResponse> limited(Supplier<Mono<ServerResponse>> handler, ServerRequest request, boolean zipkin) {
    return Mono.defer(() -> {
      if (inFlight.incrementAndGet() > maxConcurrentRequests) {
        inFlight.decrementAndGet();
        IngestException busy = IngestException.tooManyRequests(
            "more than " + maxConcurrentRequests + " ingest requests in progress; retry later");
        if (zipkin) {
          return zipkinError(IngestMetrics.ZIPKIN, busy);
        }
        boolean proto = request.headers().contentType().map(t -> PROTOBUF.isCompatibleWith(t)).orElse(false);
        return otlpError(!proto, proto ? IngestMetrics.PROTO : IngestMetrics.JSON, busy);
      }
      return handler.get().doFinally(signal -> inFlight.decrementAndGet());
    });
  }

  private Mono<ServerResponse> zipkinSpans(ServerRequest request) {
    long started = System.nanoTime();
    String transport = IngestMetrics.ZIPKIN;
    MediaType type = request.headers().contentType().orElse(MediaType.APPLICATION_JSON);
    String encoding = request.headers().firstHeader(HttpHeaders.CONTENT_ENCODING);
    Mono<ServerResponse> response = !MediaType.APPLICATION_JSON.isCompatibleWith(type)
        ? Mono.error(IngestException.unsupported("unsupported_media_type",
            "Content-Type " + type + " is not supported: send Zipkin v2 JSON (application/json)"))
        : bodies.read(request)
            .map(body -> admitted(Signal.SPANS, transport, SpanValidator.validate(
                decodeOrFail(() -> ZipkinJsonDecoder.decode(bodies.decompress(encoding, body)))), maxSpansPerRequest))
            .flatMap(decoded -> submit(transport, decoded.items(), List.of()))
            .then(ServerResponse.accepted().build());
    return response
        .onErrorResume(IngestException.class, e -> zipkinError(transport, e))
        .doOnSuccess(r -> metrics.latency(transport, System.nanoTime() - started));
  }

  private Mono<ServerResponse> otlp(ServerRequest request, Signal signal) {
    long started = System.nanoTime();
    MediaType type = request.headers().contentType().orElse(null);
    boolean json = type != null && MediaType.APPLICATION_JSON.isCompatibleWith(type);
    boolean proto = type != null && (PROTOBUF.isCompatibleWith(type) || PROTOBUF_ALT.isCompatibleWith(type));
    String transport = json ? IngestMetrics.JSON : IngestMetrics.PROTO;
    String encoding = request.headers().firstHeader(HttpHeaders.CONTENT_ENCODING);
    long receivedNanos = System.currentTimeMillis() * 1_000_000L;
    Mono<ServerResponse> response = !json && !proto
        ? Mono.error(IngestException.unsupported("unsupported_media_type", "Content-Type "
            + (type == null ? "(none)" : type) + " is not supported: send application/x-protobuf or application/json"))
        : bodies.read(request).flatMap(body -> {
          byte[] plain = bodies.decompress(encoding, body);
          if (signal == Signal.SPANS) {
            Decoded<SpanData> decoded = admitted(signal, transport,
                SpanValidator.validate(decodeOrFail(() -> json ? OtlpJsonDecoder.decodeTraces(plain) : decodeProtoTraces(plain))),
                maxSpansPerRequest);
            return submit(transport, decoded.items(), List.of()).thenReturn(Outcome.of(decoded));
          }
          Decoded<LogRecordData> decoded = admitted(signal, transport,
              decodeOrFail(() -> json ? OtlpJsonDecoder.decodeLogs(plain) : decodeProtoLogs(plain)), maxLogsPerRequest);
          return submit(transport, List.of(), SpanValidator.withTimes(decoded.items(), receivedNanos))
              .thenReturn(Outcome.of(decoded));
        })
        .flatMap(outcome -> ServerResponse.ok()
            .contentType(json ? MediaType.APPLICATION_JSON : PROTOBUF)
            .bodyValue(OtlpResponses.export(json, signal, outcome.rejected(), outcome.message())));
    // A request of unknown type is answered in JSON: there is no telling what the client reads.
    return response
        .onErrorResume(IngestException.class, e -> otlpError(json || !proto, transport, e))
        .doOnSuccess(r -> metrics.latency(transport, System.nanoTime() - started));
  }

  /** Protobuf through the shared codec; it refuses a request with any invalid id as a whole. */
  private static Decoded<SpanData> decodeProtoTraces(byte[] body) {
    return new Decoded<>(OtlpTraceCodec.decode(body), 0, null);
  }

  private static Decoded<LogRecordData> decodeProtoLogs(byte[] body) {
    return new Decoded<>(OtlpLogsCodec.decode(body), 0, null);
  }

  /** Counts what a request brought and refuses it whole when it carries more than the limit. */
  private <T> Decoded<T> admitted(Signal signal, String transport, Decoded<T> decoded, int limit) {
    int count = decoded.items().size() + decoded.rejected();
    metrics.received(signal, transport, count);
    if (decoded.items().size() > limit) {
      metrics.rejected(signal, transport, "too_many_in_request", count);
      String what = signal == Signal.SPANS ? "spans" : "log records";
      throw IngestException.tooLarge("too_many_in_request", "request carries " + decoded.items().size() + " " + what
          + ", more than the limit of " + limit + " per request; send smaller batches");
    }
    metrics.rejected(signal, transport, "invalid", decoded.rejected());
    return decoded;
  }

  /** Queues the batch; completes when it is stored (durable store) or queued (memory store). */
  private Mono<Void> submit(String transport, List<SpanData> spans, List<LogRecordData> logs) {
    if (spans.isEmpty() && logs.isEmpty()) {
      return Mono.empty();
    }
    CompletableFuture<Void> done;
    try {
      done = pipeline.submit(transport, limits.apply(transport, spans), logs);
    } catch (SaturatedException e) {
      metrics.dropped(Signal.SPANS, transport, e.reason(), spans.size());
      metrics.dropped(Signal.LOGS, transport, e.reason(), logs.size());
      return Mono.error(IngestException.unavailable(e.reason(), e.getMessage() + "; retry later"));
    }
    if (!pipeline.waitsForCommit()) {
      return Mono.empty();
    }
    return Mono.fromFuture(done, true)
        .timeout(commitTimeout)
        .onErrorMap(TimeoutException.class, e -> IngestException.unavailable("commit_timeout",
            "the store did not commit the batch within " + commitTimeout.toSeconds() + " s; retry later"))
        .onErrorMap(StoreUnavailableException.class, e -> IngestException.unavailable("store_unavailable",
            "the store is unavailable; retry later"))
        .onErrorMap(e -> !(e instanceof IngestException), e -> IngestException.internal("the store refused the batch: "
            + e.getMessage()));
  }

  private static <T> Decoded<T> decodeOrFail(Supplier<Decoded<T>> decode) {
    try {
      return decode.get();
    } catch (MalformedJsonException | MalformedPayloadException e) {
      throw IngestException.malformed(e.getMessage());
    }
  }

  private Mono<ServerResponse> otlpError(boolean json, String transport, IngestException e) {
    return error(transport, e, json ? MediaType.APPLICATION_JSON : PROTOBUF,
        ex -> OtlpResponses.status(json, ex.grpcCode(), ex.getMessage()));
  }

  private Mono<ServerResponse> zipkinError(String transport, IngestException e) {
    return error(transport, e, MediaType.APPLICATION_JSON, ex -> ErrorBody.json(ex.getMessage()));
  }

  private Mono<ServerResponse> error(String transport, IngestException e, MediaType type,
      Function<IngestException, byte[]> body) {
    if (e.status().is5xxServerError() && e.status() != HttpStatus.SERVICE_UNAVAILABLE) {
      log.warn("Ingest over {} failed: {}", transport, e.getMessage());
    }
    if (e.status().is4xxClientError() && !e.reason().equals("too_many_in_request")) {
      // Items refused for their number, or lost to saturation or the store, are counted per item;
      // the rest are refused before their items could be counted.
      metrics.requestRejected(transport, e.reason());
    }
    ServerResponse.BodyBuilder response = ServerResponse.status(e.status()).contentType(type);
    if (e.retryable()) {
      response.header(HttpHeaders.RETRY_AFTER, retryAfterSeconds);
    }
    return response.bodyValue(body.apply(e));
  }

  /** What the response reports: how many items were rejected and why the first was. */
  private record Outcome(int rejected, String message) {
    static Outcome of(Decoded<?> decoded) {
      return new Outcome(decoded.rejected(), decoded.rejectionMessage());
    }
  }
}
