package dev.tracekit.collector.faults;

import com.sun.net.httpserver.HttpServer;
import dev.tracekit.core.Context;
import dev.tracekit.core.Scope;
import dev.tracekit.core.Span;
import dev.tracekit.core.SpanKind;
import dev.tracekit.core.TraceKit;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small traced application: a real HTTP server whose handler records a SERVER span with one
 * child per request through the TraceKit SDK, as instrumentation in an application does, plus a
 * client that calls it and times each request.
 */
final class TracedApp implements AutoCloseable {

  /** Spans each request records. */
  static final int SPANS_PER_REQUEST = 2;

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(2);
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
  private long slowestNanos;

  TracedApp(TraceKit tracing) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/work", exchange -> {
      Span span = tracing.tracer().spanBuilder("GET /work").setKind(SpanKind.SERVER).startSpan();
      try (Scope ignored = Context.current().with(span).makeCurrent()) {
        Span child = tracing.tracer().spanBuilder("compute").startSpan();
        child.setAttribute("work.items", 3L);
        child.end();
        byte[] body = "done".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      } finally {
        span.end();
      }
    });
    server.start();
  }

  /** Sends {@code n} requests one after another; each must succeed. */
  void requests(int n) {
    for (int i = 0; i < n; i++) {
      long started = System.nanoTime();
      HttpResponse<String> response;
      try {
        response = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/work")).timeout(Duration.ofSeconds(30))
            .build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      if (response.statusCode() != 200) {
        throw new AssertionError("request " + i + " answered " + response.statusCode());
      }
      slowestNanos = Math.max(slowestNanos, System.nanoTime() - started);
    }
  }

  /** The longest request so far. */
  Duration slowestRequest() {
    return Duration.ofNanos(slowestNanos);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
