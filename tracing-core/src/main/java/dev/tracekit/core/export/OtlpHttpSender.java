package dev.tracekit.core.export;

import dev.tracekit.core.ExportListener;
import dev.tracekit.core.ExportResult;
import dev.tracekit.core.otlp.Compression;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Encodes and POSTs one OTLP request with bounded retries. Compresses, reports sizes and retries to
 * the {@link ExportListener}, retries connection failures, timeouts and 429/502/503/504 with
 * {@link Backoff}, never retries other statuses, and gives up after {@code maxRetries} retries:
 * the batch is then dropped ({@link ExportResult#FAILURE}) and a rate-limited warning says why.
 *
 * <p>Runs on the exporter thread and blocks it for the whole exchange. The request goes out
 * through {@code sendAsync} and is awaited with the timeout because the JDK's request timeout
 * stops at the response headers: a receiver stalling in the body would otherwise hang the
 * exporter thread.
 */
final class OtlpHttpSender implements AutoCloseable {

  /** Bytes of a response body kept for error messages. */
  private static final int MAX_RESPONSE_BYTES = 4096;
  private static final AtomicInteger CLIENT_IDS = new AtomicInteger();

  private final URI uri;
  private final String what;
  private final Compression compression;
  private final Duration timeout;
  private final int maxRetries;
  private final ExportListener listener;
  private final Sleeper sleeper;
  private final Backoff backoff;
  private final FailureLog failureLog;
  private final ExecutorService executor;
  private final HttpClient client;
  private final HttpRequest.Builder template;
  private volatile boolean closed;

  OtlpHttpSender(OtlpHttpExporterBuilder<?> s, URI uri, String what) {
    this.uri = uri;
    this.what = what;
    this.compression = s.compression;
    this.timeout = s.timeout;
    this.maxRetries = s.maxRetries;
    this.listener = s.listener;
    this.sleeper = s.sleeper;
    this.backoff = new Backoff(s.initialBackoff, s.maxBackoff, s.jitter, s.clock);
    this.failureLog = new FailureLog(what, uri.toString(), s.nanoTime);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri)
        .timeout(s.timeout)
        .header("Content-Type", "application/x-protobuf");
    if (s.compression != Compression.NONE) {
      request.header("Content-Encoding", s.compression.contentEncoding());
    }
    for (Map.Entry<String, String> h : s.headers.entrySet()) {
      request.header(h.getKey(), h.getValue()); // throws IllegalArgumentException for restricted names
    }
    this.template = request;
    int id = CLIENT_IDS.incrementAndGet();
    AtomicInteger threads = new AtomicInteger();
    ThreadFactory daemons = r -> {
      Thread t = new Thread(r, "tracekit-otlp-http-" + id + "-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    this.executor = Executors.newCachedThreadPool(daemons);
    this.client = HttpClient.newBuilder()
        .connectTimeout(s.connectTimeout)
        // Plain HTTP/1.1: no h2c upgrade dance that some proxies and receivers mishandle.
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .executor(executor)
        .build();
  }

  URI uri() {
    return uri;
  }

  /**
   * Encodes a batch of {@code items} items with {@code encoder} and sends it; an empty batch
   * succeeds at once. Never throws.
   */
  ExportResult export(int items, Supplier<byte[]> encoder) {
    if (items == 0) {
      return ExportResult.SUCCESS;
    }
    byte[] encoded;
    try {
      encoded = encoder.get();
    } catch (RuntimeException e) { // a broken data implementation must not kill the exporter thread
      failureLog.dropped(items, "the batch could not be encoded (" + e + ")",
          "This is a bug in TraceKit or in a custom data implementation; please report it.");
      return ExportResult.FAILURE;
    }
    return send(encoded, items);
  }

  private ExportResult send(byte[] encoded, int items) {
    if (closed) {
      return ExportResult.FAILURE;
    }
    byte[] wire = compression.compress(encoded);
    listener.onEncoded(items, encoded.length, wire.length);
    for (int retry = 0; ; retry++) {
      Outcome outcome = attempt(wire);
      if (outcome.success()) {
        return ExportResult.SUCCESS;
      }
      int attempts = retry + 1;
      if (outcome.interrupted()) {
        Thread.currentThread().interrupt();
        failureLog.dropped(items, "interrupted during attempt " + attempts, "The exporter is shutting down.");
        return ExportResult.FAILURE;
      }
      if (!outcome.retryable() || retry >= maxRetries) {
        failureLog.dropped(items, outcome.problem() + (outcome.retryable() ? " after " + attempts + " attempts" : ""),
            outcome.advice());
        return ExportResult.FAILURE;
      }
      listener.onRetry(outcome.reason());
      try {
        sleeper.sleep(backoff.delayMillis(retry, outcome.retryAfter()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failureLog.dropped(items, "interrupted while waiting to retry", "The exporter is shutting down.");
        return ExportResult.FAILURE;
      }
    }
  }

  private Outcome attempt(byte[] wire) {
    HttpRequest request = template.copy().POST(HttpRequest.BodyPublishers.ofByteArray(wire)).build();
    CompletableFuture<HttpResponse<byte[]>> future;
    try {
      future = client.sendAsync(request, LimitedBody.handler(MAX_RESPONSE_BYTES));
    } catch (RuntimeException e) { // e.g. the executor was shut down by close()
      return Outcome.fail(e.toString(), "The exporter was closed.");
    }
    try {
      return classify(future.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      future.cancel(true);
      return Outcome.retry("timeout", "no complete response within " + timeout.toMillis() + " ms",
          "The receiver is slow or overloaded: raise the timeout or send smaller batches.", null);
    } catch (InterruptedException e) {
      future.cancel(true);
      return Outcome.INTERRUPTED;
    } catch (ExecutionException e) {
      return classify(e.getCause());
    }
  }

  private Outcome classify(HttpResponse<byte[]> response) {
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return Outcome.SUCCESS;
    }
    String problem = "HTTP " + status + detail(response);
    if (status == 429 || status == 502 || status == 503 || status == 504) {
      return Outcome.retry(String.valueOf(status), problem,
          "The receiver is overloaded or unavailable; batches are dropped after maxRetries (" + maxRetries
              + ") retries. Check the receiver's health.",
          response.headers().firstValue("Retry-After").orElse(null));
    }
    String advice = switch (status) {
      case 400 -> "The receiver refused the payload as invalid; not retried. Check that the endpoint is an"
          + " OTLP/HTTP protobuf receiver and that it accepts Content-Encoding " + compression.contentEncoding()
          + " (use compression GZIP or NONE for receivers without LZ4).";
      case 401, 403 -> "Check the authentication header configured for the exporter.";
      case 404, 405 -> "Check the endpoint: it is the receiver's base URL, TraceKit appends " + uri.getPath() + ".";
      case 413 -> "The batch is too large for the receiver: lower the export batch size.";
      case 415 -> "The receiver does not accept this encoding: use compression GZIP or NONE.";
      default -> "Not retried. Check the receiver's logs.";
    };
    return Outcome.fail(problem, advice);
  }

  private Outcome classify(Throwable cause) {
    if (cause instanceof HttpConnectTimeoutException) {
      return Outcome.retry("connect_timeout", "no connection within the connect timeout",
          "Check the endpoint host and the network path to it.", null);
    }
    if (cause instanceof HttpTimeoutException) {
      return Outcome.retry("timeout", "no response within " + timeout.toMillis() + " ms",
          "The receiver is slow or overloaded: raise the timeout or send smaller batches.", null);
    }
    if (cause instanceof ConnectException) {
      return Outcome.retry("connect", "cannot connect (" + cause.getClass().getSimpleName() + ")",
          "Check that the collector is running and that the endpoint is right.", null);
    }
    if (cause instanceof IOException) {
      return Outcome.retry("io", "I/O error: " + cause,
          "The connection broke; check the receiver and any proxy in between.", null);
    }
    return Outcome.fail("unexpected error: " + cause, "Not retried. Please report this.");
  }

  /** The start of a textual response body, for the log message. */
  private static String detail(HttpResponse<byte[]> response) {
    String type = response.headers().firstValue("Content-Type").orElse("");
    byte[] body = response.body();
    if (body == null || body.length == 0 || !(type.startsWith("text/") || type.contains("json"))) {
      return "";
    }
    String text = new String(body, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
    return " (" + (text.length() > 200 ? text.substring(0, 200) + "..." : text) + ")";
  }

  @Override
  public void close() {
    closed = true;
    executor.shutdownNow();
  }

  /** How one attempt ended; {@code reason} is short, for {@link ExportListener#onRetry}. */
  private record Outcome(
      boolean success, boolean retryable, boolean interrupted, String reason, String problem, String advice,
      String retryAfter) {

    static final Outcome SUCCESS = new Outcome(true, false, false, null, null, null, null);
    static final Outcome INTERRUPTED = new Outcome(false, false, true, "interrupted", null, null, null);

    static Outcome retry(String reason, String problem, String advice, String retryAfter) {
      return new Outcome(false, true, false, reason, problem, advice, retryAfter);
    }

    static Outcome fail(String problem, String advice) {
      return new Outcome(false, false, false, null, problem, advice, null);
    }
  }
}
