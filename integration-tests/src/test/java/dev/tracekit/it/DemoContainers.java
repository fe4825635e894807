package dev.tracekit.it;

import dev.tracekit.testcontainers.CollectorContainer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.lifecycle.Startable;

/**
 * The collector and the demo services as containers on one Docker network, from images built of
 * the project's Dockerfiles ({@link ModuleImage}), reachable there by their aliases (collector,
 * auth, data, gateway) as docker compose names them. {@link #removeImages()} removes every image
 * built, also after a failed start.
 */
final class DemoContainers {

  static final Duration STARTUP = Duration.ofMinutes(4);

  private final Network network;
  private final List<String> builtImages = new ArrayList<>();

  DemoContainers(Network network) {
    this.network = network;
  }

  /** The collector (memory store unless configured otherwise), alias {@code collector}. */
  CollectorContainer collector() {
    return new CollectorContainer(image("collector"))
        .withNetwork(network)
        .withNetworkAliases("collector");
  }

  /** A demo service exporting to the collector, ready once its health endpoint answers 200. */
  GenericContainer<?> service(String module, String alias, int port) {
    return new GenericContainer<>(image(module))
        .withNetwork(network)
        .withNetworkAliases(alias)
        .withExposedPorts(port)
        .withEnv("TRACEKIT_EXPORTER_ENDPOINT", "http://collector:" + CollectorContainer.PORT)
        .waitingFor(Wait.forHttp("/actuator/health").forPort(port).forStatusCode(200).withStartupTimeout(STARTUP));
  }

  /**
   * Stops what a test class started (null for what never started), closes its network and
   * removes the images this instance built.
   */
  static void stopAll(DemoContainers containers, Network network, Startable... started) {
    for (Startable container : started) {
      if (container != null) {
        container.stop();
      }
    }
    if (network != null) {
      network.close();
    }
    if (containers != null) {
      containers.removeImages();
    }
  }

  void removeImages() {
    DockerImages.remove(builtImages);
  }

  private ImageFromDockerfile image(String module) {
    ImageFromDockerfile image = ModuleImage.of(module);
    builtImages.add(image.getDockerImageName());
    return image;
  }
}
