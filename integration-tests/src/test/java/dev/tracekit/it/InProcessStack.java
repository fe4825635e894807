package dev.tracekit.it;

import dev.tracekit.collector.CollectorApplication;
import dev.tracekit.demo.auth.AuthApplication;
import dev.tracekit.demo.data.DataApplication;
import dev.tracekit.demo.gateway.GatewayApplication;
import dev.tracekit.testcontainers.CollectorClient;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The collector and the three demo services in this JVM, each on a random port: the services
 * export to the collector (memory store), data-service uses embedded H2, the gateway calls
 * auth- and data-service.
 *
 * <p>All four share one classpath, so each sees the others' auto-configurations and libraries
 * (Tomcat and Netty, JDBC, Flyway, H2, the tracing starter). Each gets exactly what it has in
 * production: the demo services read only their own {@code <service>.yml}
 * ({@code spring.config.name}, set by their {@code builder()}), the collector only its
 * {@code application.yml}; the auto-configurations a service would not have are excluded.
 * Logback is one per JVM too: each service's log shipping leaves out the other applications'
 * loggers, so a service ships its own log lines (framework lines are shipped by all three).
 */
final class InProcessStack implements AutoCloseable {

  private static final String NO_JDBC = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
      + "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration";
  private static final String NETTY = "org.springframework.boot.tomcat.autoconfigure.reactive.TomcatReactiveWebServerAutoConfiguration";
  private static final String SHIPPING_DEFAULT_EXCLUSIONS = "dev.tracekit.core,jdk.internal.httpclient";
  private static final List<String> APPLICATION_PACKAGES = List.of("dev.tracekit.collector", "dev.tracekit.demo.gateway",
      "dev.tracekit.demo.auth", "dev.tracekit.demo.data");

  private final List<ConfigurableApplicationContext> started = new ArrayList<>();
  private final ConfigurableApplicationContext collector;
  private final ConfigurableApplicationContext gateway;

  private InProcessStack() {
    try {
      collector = remember(startCollector());
      String collectorUrl = url(collector);

      // auth- and data-service do not know each other: start them side by side.
      CompletableFuture<ConfigurableApplicationContext> auth = CompletableFuture.supplyAsync(
          () -> remember(AuthApplication.builder().run(service("dev.tracekit.demo.auth", collectorUrl,
              "--spring.autoconfigure.exclude=" + NO_JDBC))));
      CompletableFuture<ConfigurableApplicationContext> data = CompletableFuture.supplyAsync(
          () -> remember(DataApplication.builder().run(service("dev.tracekit.demo.data", collectorUrl))));
      String authUrl = url(auth.join());
      String dataUrl = url(data.join());

      gateway = remember(GatewayApplication.builder().run(service("dev.tracekit.demo.gateway", collectorUrl,
          "--spring.autoconfigure.exclude=" + NO_JDBC + "," + NETTY,
          "--demo.auth-url=" + authUrl,
          "--demo.data-url=" + dataUrl,
          // On a busy test machine a downstream answer may take long; timeouts are not what is tested here.
          "--demo.response-timeout=20s")));
    } catch (CompletionException e) {
      close();
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    } catch (RuntimeException | Error e) {
      close();
      throw e;
    }
  }

  static InProcessStack start() {
    return new InProcessStack();
  }

  /** The collector alone, on a random port, storing in memory. */
  static ConfigurableApplicationContext startCollector() {
    return new SpringApplicationBuilder(CollectorApplication.class).run(
        "--server.port=0",
        "--spring.main.web-application-type=reactive",
        "--spring.autoconfigure.exclude=" + NO_JDBC + "," + NETTY,
        // The collector does not trace itself (it would export to its own default port).
        "--tracekit.enabled=false",
        "--tracekit.collector.storage.type=memory");
  }

  static String url(ConfigurableApplicationContext context) {
    return "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  /**
   * A service's arguments: those common to the three services, then {@code extra}. The rest
   * of their settings come from their own yml.
   */
  private static String[] service(String ownPackage, String collectorUrl, String... extra) {
    List<String> args = new ArrayList<>(List.of(
        "--server.port=0",
        "--tracekit.exporter.endpoint=" + collectorUrl,
        "--tracekit.logging.ship=true",
        "--tracekit.logging.excluded-loggers=" + SHIPPING_DEFAULT_EXCLUSIONS + ","
            + String.join(",", APPLICATION_PACKAGES.stream().filter(p -> !p.equals(ownPackage)).toList())));
    args.addAll(List.of(extra));
    return args.toArray(String[]::new);
  }

  GatewayClient gateway() {
    return new GatewayClient(URI.create(url(gateway)));
  }

  CollectorClient collector() {
    return CollectorClient.of(URI.create(url(collector)));
  }

  private synchronized ConfigurableApplicationContext remember(ConfigurableApplicationContext context) {
    started.add(context);
    return context;
  }

  /** Stops the services first (they flush their last spans and logs), the collector last. */
  @Override
  public synchronized void close() {
    for (int i = started.size() - 1; i >= 0; i--) {
      started.get(i).close();
    }
    started.clear();
  }
}
