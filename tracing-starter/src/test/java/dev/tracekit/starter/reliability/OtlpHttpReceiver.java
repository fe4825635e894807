package dev.tracekit.starter.reliability;

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
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * A real OTLP/HTTP receiver on a random loopback port: it decodes what the starter's exporters
 * send to {@code /v1/traces} and {@code /v1/logs} (protobuf, any compression) with the codec and
 * keeps the decompressed bodies too, so a test can search the exact bytes that arrived.
 */
final class OtlpHttpReceiver implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(2);
  private final List<SpanData> spans = new CopyOnWriteArrayList<>();
  private final List<LogRecordData> logs = new CopyOnWriteArrayList<>();
  private final List<byte[]> bodies = new CopyOnWriteArrayList<>();

  OtlpHttpReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/v1/traces", exchange -> receive(exchange, true));
    server.createContext("/v1/logs", exchange -> receive(exchange, false));
    server.start();
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void receive(HttpExchange exchange, boolean traces) throws IOException {
    byte[] wire;
    try (InputStream in = exchange.getRequestBody()) {
      wire = in.readAllBytes();
    }
    try {
      byte[] body = Compression.decompress(
          Compression.fromContentEncoding(exchange.getRequestHeaders().getFirst("Content-Encoding")), wire, 64 << 20);
      bodies.add(body);
      if (traces) {
        spans.addAll(OtlpTraceCodec.decode(body));
      } else {
        logs.addAll(OtlpLogsCodec.decode(body));
      }
      exchange.sendResponseHeaders(200, -1);
    } catch (RuntimeException e) {
      System.err.println("OtlpHttpReceiver: refused a body: " + e);
      exchange.sendResponseHeaders(400, -1);
    } finally {
      exchange.close();
    }
  }

  List<SpanData> spans() {
    return List.copyOf(spans);
  }

  List<LogRecordData> logs() {
    return List.copyOf(logs);
  }

  /** Every request body that arrived, decompressed. */
  List<byte[]> bodies() {
    return List.copyOf(bodies);
  }

  List<SpanData> awaitSpans(Predicate<List<SpanData>> condition) {
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(this::spans, condition);
    return spans();
  }

  List<LogRecordData> awaitLogs(Predicate<List<LogRecordData>> condition) {
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(this::logs, condition);
    return logs();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
