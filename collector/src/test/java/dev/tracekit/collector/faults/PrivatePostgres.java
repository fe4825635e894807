package dev.tracekit.collector.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the test's own (initdb + pg_ctl into a temporary directory, on a free
 * loopback port), so a test can stop and start it without touching the machine's shared server.
 * As root, the server runs as the {@code postgres} user (initdb refuses root).
 */
final class PrivatePostgres implements AutoCloseable {

  private static final Path BIN = Path.of(System.getProperty("tracekit.postgres.bin", "/usr/lib/postgresql/15/bin"));

  private final Path dir;
  private final Path data;
  private final int port;
  private final boolean asPostgresUser;

  private PrivatePostgres(Path dir, int port, boolean asPostgresUser) {
    this.dir = dir;
    this.data = dir.resolve("data");
    this.port = port;
    this.asPostgresUser = asPostgresUser;
  }

  /** Creates a cluster (trust auth, user postgres) and starts it. */
  static PrivatePostgres start() throws IOException {
    if (!Files.isExecutable(BIN.resolve("initdb"))) {
      throw new IllegalStateException("PostgreSQL server binaries not found in " + BIN
          + " (set -Dtracekit.postgres.bin): these fault tests start a private server");
    }
    boolean root = "root".equals(System.getProperty("user.name"));
    Path dir = Files.createTempDirectory("tracekit-pg-");
    if (root) {
      UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
      Files.setOwner(dir, postgres);
    }
    PrivatePostgres pg = new PrivatePostgres(dir, InProcessCollector.freePort(), root);
    pg.run(60, BIN.resolve("initdb").toString(), "-D", pg.data.toString(), "-U", "postgres", "-A", "trust",
        "--no-sync", "-E", "UTF8", "--locale=C");
    pg.startServer();
    return pg;
  }

  String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  /** Starts the server and waits until it accepts connections. */
  void startServer() throws IOException {
    run(120, BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("server.log").toString(),
        "-w", "-t", "60", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c max_connections=40"
            + " -c shared_buffers=16MB",
        "start");
  }

  /** Stops the server (fast: open connections are terminated) and waits until it is down. */
  void stopServer() throws IOException {
    run(120, BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "-t", "60", "stop");
  }

  @Override
  public void close() throws IOException {
    try {
      run(60, BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop");
    } catch (IOException | IllegalStateException e) {
      // already stopped
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private void run(int timeoutSeconds, String... command) throws IOException {
    List<String> full = new ArrayList<>();
    if (asPostgresUser) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(List.of(command));
    Path out = Files.createTempFile("tracekit-pg-cmd-", ".log");
    try {
      Process p = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true)
          .redirectOutput(out.toFile()).start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed with " + p.exitValue() + ": "
            + Files.readString(out));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } finally {
      Files.deleteIfExists(out);
    }
  }
}
