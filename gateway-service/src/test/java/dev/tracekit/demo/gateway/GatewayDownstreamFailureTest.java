package dev.tracekit.demo.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.JsonNode;

/**
 * A data-service that is down or hangs must give the caller a prompt 502/504 JSON error, not
 * a hang. "Down" is a port nobody listens on; "hangs" is a real TCP server that accepts
 * connections and never answers. auth-service is the real one.
 */
class GatewayDownstreamFailureTest {

    private ConfigurableApplicationContext gateway;
    private final List<Socket> heldConnections = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws IOException {
        if (gateway != null) {
            gateway.close();
        }
        for (Socket socket : heldConnections) {
            socket.close();
        }
    }

    @Test
    void unreachableDataServiceIsAnswered502AfterRetrying() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        ResponseEntity<JsonNode> answer = startGateway("http://127.0.0.1:" + closedPort, "2s").get()
                .uri("/api/catalog").header(HttpHeaders.AUTHORIZATION, GatewayTestBase.ALICE)
                .retrieve().toEntity(JsonNode.class);

        assertThat(answer.getStatusCode().value()).isEqualTo(502);
        assertThat(answer.getBody().get("message").asString())
                .startsWith("data-service cannot be reached for GET /data/products");
    }

    @Test
    void silentDataServiceIsAnswered504AfterTheResponseTimeout() throws IOException {
        try (ServerSocket silent = new ServerSocket(0)) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (!silent.isClosed()) {
                        heldConnections.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            }, "silent-server");
            acceptor.setDaemon(true);
            acceptor.start();

            ResponseEntity<JsonNode> answer = startGateway("http://127.0.0.1:" + silent.getLocalPort(), "300ms").get()
                    .uri("/api/catalog").header(HttpHeaders.AUTHORIZATION, GatewayTestBase.ALICE)
                    .retrieve().toEntity(JsonNode.class);

            assertThat(answer.getStatusCode().value()).isEqualTo(504);
            assertThat(answer.getBody().get("message").asString())
                    .isEqualTo("data-service did not answer GET /data/products in time");
            assertThat(heldConnections).hasSize(1);
        }
    }

    private RestClient startGateway(String dataUrl, String responseTimeout) {
        gateway = GatewayApplication.builder().run("--server.port=0", "--" + GatewayTestBase.AS_IN_PRODUCTION,
                "--demo.auth-url=" + Backends.get().authUrl(), "--demo.data-url=" + dataUrl,
                "--demo.response-timeout=" + responseTimeout);
        int port = ((WebServerApplicationContext) gateway).getWebServer().getPort();
        return RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
    }
}
