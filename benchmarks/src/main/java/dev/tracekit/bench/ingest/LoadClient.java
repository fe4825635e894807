package dev.tracekit.bench.ingest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Posts pre-encoded batches as fast as the server takes them: a fixed number of workers, each a
 * keep-alive HTTP/1.1 connection of the JDK client, sending the next batch as soon as the last is
 * answered. A 503 or 429 (the server is saturated and says so) is retried after a short pause, as
 * an exporter would; every non-2xx answer is counted, and a batch that still fails after
 * {@value #MAX_ATTEMPTS} attempts counts as lost.
 */
final class LoadClient implements AutoCloseable {

  private static final int MAX_ATTEMPTS = 200;
  private static final long RETRY_PAUSE_MS = 5;

  private final int connections;
  private final ExecutorService workers;
  private final HttpClient client;

  LoadClient(int connections) {
    this.connections = connections;
    this.workers = Executors.newFixedThreadPool(connections, r -> {
      Thread t = new Thread(r, "load-client");
      t.setDaemon(true);
      return t;
    });
    this.client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .executor(Executors.newFixedThreadPool(2, r -> {
          Thread t = new Thread(r, "load-client-io");
          t.setDaemon(true);
          return t;
        }))
        .build();
  }

  /** What one burst of batches met. */
  record Outcome(long spansAcknowledged, long spansLost, Map<Integer, Long> non2xx, long ioErrors, long elapsedNanos) {

    long non2xxTotal() {
      return non2xx.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /** One encoded batch and the spans it holds. */
  record Body(byte[] bytes, int spans) {}

  /** Sends every body to {@code base + format.path} and returns when all are answered. */
  Outcome send(String base, WireFormat format, List<Body> bodies) throws InterruptedException {
    URI uri = URI.create(base + format.path);
    List<HttpRequest> requests = new ArrayList<>(bodies.size());
    for (Body body : bodies) {
      HttpRequest.Builder request = HttpRequest.newBuilder(uri)
          .timeout(Duration.ofSeconds(60))
          .header("Content-Type", format.contentType)
          .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
      if (format.contentEncoding != null) {
        request.header("Content-Encoding", format.contentEncoding);
      }
      requests.add(request.build());
    }
    AtomicInteger next = new AtomicInteger();
    AtomicLong acknowledged = new AtomicLong();
    AtomicLong lost = new AtomicLong();
    AtomicLong ioErrors = new AtomicLong();
    Map<Integer, Long> non2xx = new TreeMap<>();
    long started = System.nanoTime();
    List<Future<?>> running = new ArrayList<>();
    for (int w = 0; w < connections; w++) {
      running.add(workers.submit(() -> {
        int i;
        while ((i = next.getAndIncrement()) < requests.size()) {
          boolean done = false;
          for (int attempt = 1; attempt <= MAX_ATTEMPTS && !done; attempt++) {
            int status;
            try {
              status = client.send(requests.get(i), HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
              ioErrors.incrementAndGet();
              pause();
              continue;
            }
            if (status / 100 == 2) {
              acknowledged.addAndGet(bodies.get(i).spans());
              done = true;
              continue;
            }
            synchronized (non2xx) {
              non2xx.merge(status, 1L, Long::sum);
            }
            if (status != 503 && status != 429) {
              break;
            }
            pause();
          }
          if (!done) {
            lost.addAndGet(bodies.get(i).spans());
          }
        }
        return null;
      }));
    }
    for (Future<?> f : running) {
      try {
        f.get();
      } catch (ExecutionException e) {
        throw new IllegalStateException("a load worker failed", e.getCause());
      }
    }
    long elapsed = System.nanoTime() - started;
    return new Outcome(acknowledged.get(), lost.get(), Map.copyOf(non2xx), ioErrors.get(), elapsed);
  }

  private static void pause() {
    try {
      Thread.sleep(RETRY_PAUSE_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    workers.shutdownNow();
  }
}
