package dev.tracekit.bench.soak;

import dev.tracekit.core.Attributes;
import dev.tracekit.core.InstrumentationScope;
import dev.tracekit.core.Resource;
import dev.tracekit.core.SpanData;
import dev.tracekit.core.SpanKind;
import dev.tracekit.core.StatusCode;
import dev.tracekit.core.TraceContext;
import dev.tracekit.core.TraceFlags;
import dev.tracekit.core.TraceState;
import dev.tracekit.core.otlp.Compression;
import dev.tracekit.core.otlp.OtlpTraceCodec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends OTLP protobuf + LZ4 span batches to the collector at a fixed request rate from a few
 * threads, each batch new traces with fresh ids (so the store keeps evicting), and keeps the
 * latency of every request of the current window.
 */
final class SoakLoad {

  private static final String[] SERVICES = {"gateway-service", "auth-service", "data-service"};
  private static final String[] NAMES = {"GET /api/orders/{id}", "POST /auth/validate", "SELECT items", "GET /api/catalog"};

  private final URI uri;
  private final int spansPerRequest;
  private final long intervalNanos;
  private final int threads;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final Object lock = new Object();
  private long[] latencies = new long[4096];
  private int count;
  private long errors;
  private long spansSent;
  private volatile boolean running = true;
  private final List<Thread> workers = new ArrayList<>();

  /**
   * @param spansPerSecond the total rate; each thread sends its share in requests of
   *     {@code spansPerRequest} spans
   */
  SoakLoad(String base, int spansPerSecond, int spansPerRequest, int threads) {
    this.uri = URI.create(base + "/v1/traces");
    this.spansPerRequest = spansPerRequest;
    this.threads = threads;
    double requestsPerSecondPerThread = (double) spansPerSecond / spansPerRequest / threads;
    this.intervalNanos = (long) (1_000_000_000L / requestsPerSecondPerThread);
  }

  void start() {
    for (int i = 0; i < threads; i++) {
      long seed = 0x50A4L + i;
      Thread t = new Thread(() -> run(seed), "soak-load-" + i);
      t.setDaemon(true);
      workers.add(t);
      t.start();
    }
  }

  private void run(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    long next = System.nanoTime();
    while (running) {
      long wait = next - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
        continue;
      }
      // Behind schedule by more than a second (collector stalled): skip ahead instead of bursting.
      next = Math.max(next + intervalNanos, System.nanoTime() - 1_000_000_000L);
      byte[] body = Compression.LZ4.compress(OtlpTraceCodec.encode(batch(random)));
      HttpRequest request = HttpRequest.newBuilder(uri)
          .timeout(Duration.ofSeconds(30))
          .header("Content-Type", "application/x-protobuf")
          .header("Content-Encoding", "lz4")
          .POST(HttpRequest.BodyPublishers.ofByteArray(body))
          .build();
      long started = System.nanoTime();
      boolean ok;
      try {
        ok = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
      } catch (IOException e) {
        ok = false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      record(System.nanoTime() - started, ok);
    }
  }

  private List<SpanData> batch(SplittableRandom random) {
    List<SpanData> spans = new ArrayList<>(spansPerRequest);
    long now = System.currentTimeMillis() * 1_000_000L;
    long traceHigh = 0;
    long traceLow = 0;
    long rootId = 0;
    for (int i = 0; i < spansPerRequest; i++) {
      boolean root = i % 10 == 0;
      if (root) {
        traceHigh = random.nextLong();
        traceLow = random.nextLong() | 1;
        rootId = random.nextLong() | 1;
      }
      long spanId = root ? rootId : random.nextLong() | 1;
      long start = now + i * 100_000L;
      spans.add(SpanData.builder()
          .context(TraceContext.create(traceHigh, traceLow, spanId, TraceFlags.SAMPLED, TraceState.empty(), false))
          .parentSpanId(root ? 0 : rootId)
          .name(NAMES[i % NAMES.length])
          .kind(root ? SpanKind.SERVER : SpanKind.CLIENT)
          .startEpochNanos(start)
          .endEpochNanos(start + 1_000_000L + random.nextInt(50_000_000))
          .attributes(Attributes.builder()
              .put("http.request.method", "GET")
              .put("http.response.status_code", 200L)
              .put("url.path", "/api/orders/" + random.nextInt(10_000))
              .build())
          .status(i % 97 == 0 ? StatusCode.ERROR : StatusCode.UNSET, null)
          .resource(new Resource(Attributes.builder().put(Resource.SERVICE_NAME, SERVICES[i % SERVICES.length]).build()))
          .scope(new InstrumentationScope("soak", "1"))
          .build());
    }
    return spans;
  }

  private void record(long nanos, boolean ok) {
    synchronized (lock) {
      if (count == latencies.length) {
        latencies = Arrays.copyOf(latencies, count * 2);
      }
      latencies[count++] = nanos;
      if (ok) {
        spansSent += spansPerRequest;
      } else {
        errors++;
      }
    }
  }

  /** The requests since the last call: count, errors, p50 and p99 in milliseconds, spans accepted. */
  Window window() {
    long[] sorted;
    long errorCount;
    long spans;
    synchronized (lock) {
      sorted = Arrays.copyOf(latencies, count);
      count = 0;
      errorCount = errors;
      errors = 0;
      spans = spansSent;
      spansSent = 0;
    }
    Arrays.sort(sorted);
    return new Window(sorted.length, errorCount, percentileMillis(sorted, 0.50), percentileMillis(sorted, 0.99), spans);
  }

  private static double percentileMillis(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
  }

  void stop() throws InterruptedException {
    running = false;
    for (Thread t : workers) {
      t.join(35_000);
    }
  }

  record Window(int requests, long errors, double p50Millis, double p99Millis, long spansAccepted) {}
}
