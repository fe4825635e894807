package dev.tracekit.it;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;

/**
 * A container cut off its Docker network ({@code docker network disconnect}) until
 * {@link #close()} connects it again under the same alias, so the others find it by name again.
 * Meant for try-with-resources: the cut never outlives the block, whatever fails inside.
 *
 * <p>Docker publishes the container's ports again on reconnect, on new host ports when they were
 * chosen by Docker: {@link #hostPort} reads where a port is published now (Testcontainers'
 * {@code getMappedPort} keeps the one from the start).
 */
final class NetworkCut implements AutoCloseable {

  private final DockerClient docker = DockerClientFactory.instance().client();
  private final Network network;
  private final String containerId;
  private final String alias;
  private boolean restored;

  private NetworkCut(Network network, GenericContainer<?> container, String alias) {
    this.network = network;
    this.containerId = container.getContainerId();
    this.alias = alias;
  }

  /** Disconnects {@code container}, known on {@code network} as {@code alias}. */
  static NetworkCut of(Network network, GenericContainer<?> container, String alias) {
    NetworkCut cut = new NetworkCut(network, container, alias);
    cut.docker.disconnectFromNetworkCmd().withNetworkId(network.getId()).withContainerId(cut.containerId).exec();
    return cut;
  }

  /** The host port {@code container}'s {@code port} is published on at this moment. */
  static int hostPort(GenericContainer<?> container, int port) {
    Ports.Binding[] bindings = DockerClientFactory.instance().client().inspectContainerCmd(container.getContainerId())
        .exec().getNetworkSettings().getPorts().getBindings().get(ExposedPort.tcp(port));
    if (bindings == null || bindings.length == 0) {
      throw new IllegalStateException(container.getDockerImageName() + " does not publish port " + port + " now");
    }
    return Integer.parseInt(bindings[0].getHostPortSpec());
  }

  /** Connects the container again, with its alias (a new address, maybe: clients must resolve it again). */
  @Override
  public void close() {
    if (restored) {
      return;
    }
    restored = true;
    docker.connectToNetworkCmd().withNetworkId(network.getId()).withContainerId(containerId)
        .withContainerNetwork(new ContainerNetwork().withAliases(alias))
        .exec();
  }
}
