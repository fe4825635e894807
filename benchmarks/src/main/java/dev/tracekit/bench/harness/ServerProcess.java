package dev.tracekit.bench.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A server under test in its own JVM on 127.0.0.1: started with a maximum heap and G1, ready once
 * its health URL answers 200, measured from outside (CPU time from /proc, heap after a full GC
 * through jcmd), stopped on close. Output goes to a log file, never to the harness's console.
 */
public final class ServerProcess implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2))
      .build();

  private final String name;
  private final Process process;
  private final int port;
  private final Path log;

  private ServerProcess(String name, Process process, int port, Path log) {
    this.name = name;
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** A free TCP port on 127.0.0.1 (closed again at once; the server binds it soon after). */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Starts {@code java <jvmArgs> -jar jar <args>} and waits until {@code healthPath} answers 200.
   *
   * @param args may contain {@code {port}}, replaced by the chosen port
   */
  public static ServerProcess start(String name, Path jar, int heapMb, List<String> args, Map<String, String> env,
      String healthPath, Path logDir) throws IOException, InterruptedException {
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // Only the maximum: three servers side by side on a shared machine should not commit it all up front.
    command.add("-Xmx" + heapMb + "m");
    command.add("-XX:+UseG1GC");
    command.add("-jar");
    command.add(jar.toString());
    for (String arg : args) {
      command.add(arg.replace("{port}", Integer.toString(port)));
    }
    Files.createDirectories(logDir);
    Path log = logDir.resolve(name + ".log");
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().putAll(new LinkedHashMap<>(env));
    Process process = builder.start();
    ServerProcess server = new ServerProcess(name, process, port, log);
    Runtime.getRuntime().addShutdownHook(new Thread(server::kill));
    try {
      server.awaitHealthy(healthPath);
    } catch (IOException | RuntimeException | InterruptedException e) {
      server.close();
      throw e;
    }
    return server;
  }

  private void awaitHealthy(String healthPath) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + healthPath)).timeout(Duration.ofSeconds(2)).build();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException(name + " exited with code " + process.exitValue() + " while starting; see " + log);
      }
      try {
        if (HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IOException(name + " did not become healthy at " + healthPath + " within " + START_TIMEOUT.toSeconds()
        + " s; see " + log);
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** User + system CPU time the server's JVM has used so far, all threads. */
  public long cpuNanos() {
    return ProcStat.cpuNanos(pid());
  }

  /** Resident set size of the server's JVM. */
  public long rssBytes() {
    return ProcStat.rssBytes(pid());
  }

  /** Runs a full GC in the server ({@code jcmd GC.run}) and returns the heap then in use. */
  public long heapUsedAfterFullGc() throws IOException, InterruptedException {
    jcmd("GC.run");
    return HeapInfo.usedBytes(jcmd("GC.heap_info"));
  }

  /** The top {@code lines} of the live-object histogram ({@code jcmd GC.class_histogram}, which runs a full GC). */
  public String classHistogram(int lines) throws IOException, InterruptedException {
    String[] all = jcmd("GC.class_histogram").split("\n");
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < Math.min(all.length, lines + 3); i++) {
      sb.append(all[i]).append('\n');
    }
    return sb.toString();
  }

  private String jcmd(String command) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process p = new ProcessBuilder(Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd", Long.toString(pid()), command)
        .redirectErrorStream(true)
        .start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IOException("jcmd " + pid() + " " + command + " failed: " + out);
    }
    return out;
  }

  private void kill() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }

  /** Stops the server (SIGTERM, then SIGKILL after 20 s). */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
