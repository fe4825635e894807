package dev.tracekit.core.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tracekit.core.DropReason;
import dev.tracekit.core.Span;
import dev.tracekit.core.TraceKit;
import dev.tracekit.core.TraceKitMetrics;
import dev.tracekit.core.otlp.Compression;
import dev.tracekit.core.otlp.OtlpTraceCodec;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The whole SDK against a real receiver that first refuses (503, then 429, both with
 * {@code Retry-After: 1}) and then answers slowly, while the application ends spans much faster
 * than they can be delivered: the exporter waits as told between attempts, its threads do not
 * pile up, the buffer never holds more than its bound, and every span is exported or counted as
 * dropped.
 */
class ExporterBackPressureTest {

  private static final int QUEUE = 128;

  /** The receiver's script: how the n-th request (from 0) is answered. */
  private static final class Receiver implements AutoCloseable {
    final HttpServer server;
    final ExecutorService executor = Executors.newFixedThreadPool(4);
    final AtomicInteger requests = new AtomicInteger();
    final List<long[]> arrivals = new ArrayList<>(); // {nanoTime, status answered}
    final AtomicLong spansReceived = new AtomicLong();

    Receiver() throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.setExecutor(executor);
      server.createContext("/v1/traces", this::handle);
      server.start();
    }

    String endpoint() {
      return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      int n = requests.getAndIncrement();
      int status = n < 3 ? 503 : n < 5 ? 429 : 200;
      synchronized (arrivals) {
        arrivals.add(new long[] {System.nanoTime(), status});
      }
      if (status == 200) {
        sleep(200); // a slow receiver: the exporter waits within its timeout
        spansReceived.addAndGet(OtlpTraceCodec.decode(Compression.decompress(Compression.LZ4, body, 1 << 24)).size());
      } else {
        exchange.getResponseHeaders().set("Retry-After", "1");
      }
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    }

    @Override
    public void close() {
      server.stop(0);
      executor.shutdownNow();
    }
  }

  @Test
  void retryAfterIsHonouredThreadsDoNotPileUpTheBufferStaysBoundedAndEverySpanIsAccountedFor() throws Exception {
    int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
    Set<Thread> existing = Thread.getAllStackTraces().keySet();
    TraceKitMetrics metrics = new TraceKitMetrics();
    int maxThreads = 0;
    int maxQueueDepth = 0;
    try (Receiver receiver = new Receiver()) {
      TraceKit tracing = TraceKit.builder()
          .serviceName("back-pressure")
          .metrics(metrics)
          .maxQueueSize(QUEUE)
          .maxExportBatchSize(32)
          .scheduleDelay(Duration.ofMillis(50))
          .spanExporter(OtlpHttpSpanExporter.builder()
              .endpoint(receiver.endpoint())
              .compression(Compression.LZ4)
              .timeout(Duration.ofSeconds(5))
              .maxRetries(10)
              .initialBackoff(Duration.ofMillis(10))
              .maxBackoff(Duration.ofSeconds(5))
              .listener(metrics)
              .build())
          .build();
      // The application ends spans far faster than a refusing, then slow, receiver takes them.
      for (int i = 0; i < 4_000; i++) {
        Span span = tracing.tracer().spanBuilder("op " + (i % 10)).startSpan();
        span.end();
        if (i % 50 == 0) {
          Thread.sleep(5);
          maxThreads = Math.max(maxThreads, ManagementFactory.getThreadMXBean().getThreadCount());
          maxQueueDepth = Math.max(maxQueueDepth, metrics.queueDepth());
        }
      }
      assertThat(tracing.shutdown(Duration.ofSeconds(60))).isTrue();

      List<long[]> arrivals;
      synchronized (receiver.arrivals) {
        arrivals = List.copyOf(receiver.arrivals);
      }
      assertThat(arrivals.size()).isGreaterThan(5);
      for (int i = 1; i < 6; i++) {
        long gapMillis = (arrivals.get(i)[0] - arrivals.get(i - 1)[0]) / 1_000_000;
        // Retry-After: 1 second (the computed backoff would be tens of milliseconds).
        assertThat(gapMillis).as("gap before attempt %d after a %d", i, arrivals.get(i - 1)[1]).isGreaterThanOrEqualTo(990);
      }
      assertThat(metrics.exportRetries()).isEqualTo(5);
      assertThat(receiver.spansReceived.get()).isEqualTo(metrics.spansExported());
    }
    assertThat(metrics.spansEnded()).isEqualTo(4_000);
    assertThat(metrics.spansDropped(DropReason.QUEUE_FULL)).isPositive();
    assertThat(metrics.spansExported() + metrics.spansLost()).isEqualTo(metrics.spansEnded());
    assertThat(maxQueueDepth).isLessThanOrEqualTo(QUEUE);
    // One exporter thread plus the HTTP client's few, however many attempts were made.
    assertThat(maxThreads - threadsBefore).isLessThanOrEqualTo(12);
    // After shutdown the exporter's own threads end (bounded wait: they are interrupted).
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!newTracekitThreads(existing).isEmpty() && System.nanoTime() < deadline) {
      sleep(50);
    }
    assertThat(newTracekitThreads(existing)).isEmpty();
  }

  /** TraceKit threads alive now that were not there before the test (other tests' are not ours). */
  private static List<String> newTracekitThreads(Set<Thread> existing) {
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).filter(t -> !existing.contains(t))
        .map(Thread::getName)
        .filter(n -> n.startsWith("tracekit-")).toList();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
