package dev.tracekit.collector.faults;

import dev.tracekit.collector.CollectorApplication;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A whole collector application started and stopped on a fixed loopback port, so a test can take
 * it away from its clients and bring it back where they expect it.
 */
final class InProcessCollector implements AutoCloseable {

  private final int port;
  private final List<String> properties;
  private ConfigurableApplicationContext context;

  InProcessCollector(String... properties) {
    this.port = freePort();
    this.properties = new ArrayList<>(List.of(properties));
    this.properties.add("server.port=" + port);
    this.properties.add("server.address=127.0.0.1");
    this.properties.add("spring.lifecycle.timeout-per-shutdown-phase=5s");
  }

  String base() {
    return "http://127.0.0.1:" + port;
  }

  int port() {
    return port;
  }

  InProcessCollector start() {
    if (context == null) {
      // As command-line arguments: they win over application.yml (default properties would not).
      context = new SpringApplicationBuilder(CollectorApplication.class)
          .run(properties.stream().map(p -> "--" + p).toArray(String[]::new));
    }
    return this;
  }

  void stop() {
    if (context != null) {
      context.close();
      context = null;
    }
  }

  @Override
  public void close() {
    stop();
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port", e);
    }
  }
}
