package dev.tracekit.bench.soak;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The collector as a child process (its repackaged jar) on a free loopback port, with a GC log,
 * and the readings the soak takes from it: RSS from {@code /proc}, metrics from its actuator,
 * heap after GC from the GC log, a forced full GC through {@code jcmd}.
 */
final class CollectorProcess implements AutoCloseable {

  private static final Pattern GC_AFTER = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");
  private static final Pattern VALUE = Pattern.compile("\"statistic\":\"VALUE\",\"value\":([-0-9.Ee+]+)");

  private final Process process;
  private final int port;
  private final Path gcLog;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private long gcLogOffset;

  private CollectorProcess(Process process, int port, Path gcLog) {
    this.process = process;
    this.port = port;
    this.gcLog = gcLog;
  }

  static CollectorProcess start(Path jar, String heap, int maxSpans, Path workDir) throws IOException {
    int port = freePort();
    Path gcLog = workDir.resolve("collector-gc.log");
    Files.deleteIfExists(gcLog);
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xms" + heap, "-Xmx" + heap,
        "-Xlog:gc:file=" + gcLog,
        "-jar", jar.toString(),
        "--server.port=" + port,
        "--server.address=127.0.0.1",
        "--tracekit.collector.storage.type=memory",
        "--tracekit.collector.storage.memory.max-spans=" + maxSpans,
        "--tracekit.collector.storage.memory.max-logs=" + maxSpans,
        "--logging.level.root=WARN"));
    Process process = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(workDir.resolve("collector.out").toFile())
        .start();
    CollectorProcess collector = new CollectorProcess(process, port, gcLog);
    collector.awaitHealthy(Duration.ofSeconds(90));
    return collector;
  }

  String base() {
    return "http://127.0.0.1:" + port;
  }

  long pid() {
    return process.pid();
  }

  private void awaitHealthy(Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("the collector exited with " + process.exitValue() + " before it was healthy");
      }
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base() + "/actuator/health"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200 && r.body().contains("UP")) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for the collector", e);
      }
      sleep(250);
    }
    throw new IOException("the collector was not healthy within " + timeout.toSeconds() + " s");
  }

  /** Resident set size of the process in MiB, from /proc. */
  double rssMib() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
      }
    }
    return Double.NaN;
  }

  /** The VALUE measurement of an actuator metric, e.g. {@code jvm.memory.used?tag=area:heap}. */
  OptionalDouble metric(String nameAndTags) {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base() + "/actuator/metrics/" + nameAndTags))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
      Matcher m = VALUE.matcher(r.body());
      return r.statusCode() == 200 && m.find() ? OptionalDouble.of(Double.parseDouble(m.group(1))) : OptionalDouble.empty();
    } catch (IOException e) {
      return OptionalDouble.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalDouble.empty();
    }
  }

  /**
   * The lowest heap occupancy (MiB) right after a GC among the GC log lines written since the
   * last call; empty when no GC ran in between.
   */
  OptionalDouble heapAfterGcMibSinceLastCall() throws IOException {
    if (!Files.exists(gcLog)) {
      return OptionalDouble.empty();
    }
    byte[] all = Files.readAllBytes(gcLog);
    String fresh = new String(all, (int) Math.min(gcLogOffset, all.length), (int) Math.max(0, all.length - gcLogOffset),
        StandardCharsets.UTF_8);
    int lastNewline = fresh.lastIndexOf('\n');
    if (lastNewline < 0) {
      return OptionalDouble.empty();
    }
    gcLogOffset += fresh.substring(0, lastNewline + 1).getBytes(StandardCharsets.UTF_8).length;
    double min = Double.MAX_VALUE;
    Matcher m = GC_AFTER.matcher(fresh.substring(0, lastNewline));
    while (m.find()) {
      min = Math.min(min, Double.parseDouble(m.group(2)));
    }
    return min == Double.MAX_VALUE ? OptionalDouble.empty() : OptionalDouble.of(min);
  }

  /** Forces a full GC ({@code jcmd GC.run}) and returns the heap used after it, in MiB. */
  OptionalDouble liveHeapAfterFullGcMib() throws IOException {
    heapAfterGcMibSinceLastCall(); // skip what came before
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    try {
      Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid()), "GC.run")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return OptionalDouble.empty();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalDouble.empty();
    }
    sleep(500); // the log line is written right after the pause
    return heapAfterGcMibSinceLastCall();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
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
