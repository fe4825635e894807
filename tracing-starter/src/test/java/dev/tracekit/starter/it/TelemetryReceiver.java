package dev.tracekit.starter.it;

import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tracekit.core.LogRecordData;
import dev.tracekit.core.SpanData;
import dev.tracekit.core.otlp.Compression;
import dev.tracekit.core.otlp.OtlpLogsCodec;
import dev.tracekit.core.otlp.OtlpTraceCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * A real OTLP/HTTP receiver for tests: a JDK HTTP server on a random loopback port that takes
 * {@code POST /v1/traces} and {@code /v1/logs}, decompresses by {@code Content-Encoding} and
 * decodes with TraceKit's codec. Test applications export to it over the network.
 */
final class TelemetryReceiver implements AutoCloseable {

  private static final int MAX_BODY = 16 * 1024 * 1024;

  private final List<SpanData> spans = new CopyOnWriteArrayList<>();
  private final List<LogRecordData> logs = new CopyOnWriteArrayList<>();
  private final List<String> encodings = new CopyOnWriteArrayList<>();
  private final AtomicInteger rejected = new AtomicInteger();
  private final ExecutorService executor = Executors.newFixedThreadPool(2);
  private final HttpServer server;

  TelemetryReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/v1/traces", exchange -> receive(exchange, OtlpTraceCodec::decode, spans));
    server.createContext("/v1/logs", exchange -> receive(exchange, OtlpLogsCodec::decode, logs));
    server.setExecutor(executor);
    server.start();
  }

  private <T> void receive(HttpExchange exchange, Function<byte[], List<T>> decoder, List<T> into)
      throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      List<T> decoded;
      try {
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        encodings.add(encoding == null ? "identity" : encoding);
        decoded = decoder.apply(Compression.decompress(Compression.fromContentEncoding(encoding), body, MAX_BODY));
      } catch (RuntimeException e) {
        rejected.incrementAndGet();
        exchange.sendResponseHeaders(400, -1);
        return;
      }
      into.addAll(decoded);
      exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
      exchange.sendResponseHeaders(200, -1);
    }
  }

  /** The base URL to give {@code tracekit.exporter.endpoint}. */
  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Makes {@code app} export its spans and logs to this receiver, in small batches. */
  SpringApplicationBuilder exportTo(SpringApplicationBuilder app) {
    return app.properties("tracekit.exporter.endpoint=" + endpoint(), "tracekit.exporter.schedule-delay=50ms");
  }

  List<SpanData> spans() {
    return List.copyOf(spans);
  }

  List<LogRecordData> logs() {
    return List.copyOf(logs);
  }

  /** The Content-Encoding of every request received. */
  List<String> encodings() {
    return List.copyOf(encodings);
  }

  /** Requests that could not be decompressed or decoded. */
  int rejected() {
    return rejected.get();
  }

  List<SpanData> trace(String traceId) {
    return spans.stream().filter(s -> s.traceIdHex().equals(traceId)).toList();
  }

  /** Waits (generously: the machine is slow, this is no timing assertion) until the spans satisfy {@code condition}. */
  List<SpanData> awaitSpans(Predicate<List<SpanData>> condition) {
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(this::spans, condition);
    return spans();
  }

  List<SpanData> awaitTrace(String traceId, int count) {
    awaitSpans(all -> all.stream().filter(s -> s.traceIdHex().equals(traceId)).count() >= count);
    return trace(traceId);
  }

  List<LogRecordData> awaitLogs(Predicate<List<LogRecordData>> condition) {
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(this::logs, condition);
    return logs();
  }

  void clear() {
    spans.clear();
    logs.clear();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
