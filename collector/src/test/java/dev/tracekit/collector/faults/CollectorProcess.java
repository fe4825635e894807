package dev.tracekit.collector.faults;

import dev.tracekit.collector.CollectorApplication;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The collector as a separate JVM (this module's classes and dependencies, the class path the
 * tests run with), so a test can kill it with SIGKILL and start it again on the same port.
 */
final class CollectorProcess implements AutoCloseable {

  private final int port = InProcessCollector.freePort();
  private final List<String> arguments;
  private final Path log;
  private Process process;

  CollectorProcess(Path log, String... properties) {
    this.log = log;
    this.arguments = new ArrayList<>();
    for (String p : properties) {
      arguments.add("--" + p);
    }
    arguments.add("--server.port=" + port);
    arguments.add("--server.address=127.0.0.1");
  }

  int port() {
    return port;
  }

  /** Starts the JVM and waits until its health endpoint answers UP. */
  CollectorProcess start() throws IOException {
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-cp", classPath, CollectorApplication.class.getName()));
    command.addAll(arguments);
    Files.createDirectories(log.getParent());
    process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("the collector exited with " + process.exitValue() + "; see " + log);
      }
      try {
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/health")).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.ofString());
        if (health.statusCode() == 200) {
          return this;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
      sleep(200);
    }
    throw new IOException("the collector was not healthy within 120 s; see " + log);
  }

  /** SIGKILL: no shutdown hook, no graceful drain. Waits until the process is gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      kill();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
