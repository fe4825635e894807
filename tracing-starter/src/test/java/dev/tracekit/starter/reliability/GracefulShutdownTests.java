package dev.tracekit.starter.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.core.LogRecordData;
import dev.tracekit.core.SpanData;
import dev.tracekit.core.SpanKind;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * An application process that receives SIGTERM delivers everything it still holds: spans and
 * logs queued behind a one-hour schedule delay arrive at the receiver before the process exits.
 */
class GracefulShutdownTests {

  private static final int REQUESTS = 40;

  @Test
  void sigtermFlushesEveryQueuedSpanAndLogBeforeTheProcessExits() throws Exception {
    int port = freePort();
    Path log = Path.of("target", "fault-tests", "shutdown-app.log");
    Files.createDirectories(log.getParent());
    try (OtlpHttpReceiver receiver = new OtlpHttpReceiver()) {
      List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx256m", "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
          ShutdownApp.class.getName(),
          "--server.port=" + port, "--server.address=127.0.0.1", "--spring.application.name=shutdown-app",
          "--tracekit.exporter.endpoint=" + receiver.endpoint(),
          // Nothing is sent before the shutdown: no batch fills, no delay runs out.
          "--tracekit.exporter.schedule-delay=1h", "--tracekit.exporter.max-batch-size=2048",
          "--tracekit.exporter.max-queue-size=4096", "--tracekit.exporter.shutdown-timeout=30s"));
      Process app = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      try {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        awaitServing(app, http, port);
        for (int n = 1; n <= REQUESTS; n++) {
          HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(
              "http://127.0.0.1:" + port + "/work?n=" + n)).build(), HttpResponse.BodyHandlers.ofString());
          assertThat(r.statusCode()).isEqualTo(200);
        }
        assertThat(receiver.spans()).as("nothing is exported before the shutdown").isEmpty();

        app.destroy(); // SIGTERM
        assertThat(app.waitFor(60, TimeUnit.SECONDS)).as("the process exits").isTrue();
      } finally {
        app.destroyForcibly();
      }

      Set<String> workSpans = receiver.spans().stream()
          .filter(s -> s.kind() == SpanKind.SERVER && s.name().equals("GET /work"))
          .map(SpanData::spanIdHex).collect(Collectors.toSet());
      // One warm-up request may have been answered before the app was fully up; at least all of ours.
      assertThat(workSpans.size()).isGreaterThanOrEqualTo(REQUESTS);
      Set<String> workLogs = receiver.logs().stream().map(LogRecordData::body)
          .filter(b -> b.startsWith("work item ")).collect(Collectors.toSet());
      for (int n = 1; n <= REQUESTS; n++) {
        assertThat(workLogs).contains("work item " + n);
      }
    }
  }

  /** Waits (bounded) until the app answers; the warm-up call uses n=0. */
  private static void awaitServing(Process app, HttpClient http, int port) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      if (!app.isAlive()) {
        throw new AssertionError("the application exited with " + app.exitValue());
      }
      try {
        if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/work?n=0"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the application did not answer within 120 s");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
