package dev.tracekit.demo.gateway;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.UseMainMethod;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.JsonNode;

/**
 * The gateway on a random port, wired to the real auth-service and data-service of
 * {@link Backends}. Their jars put JDBC, Flyway and Tomcat on this classpath: the exclusions
 * keep the gateway as it runs in production (no DataSource, Netty).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, useMainMethod = UseMainMethod.ALWAYS,
        properties = {GatewayTestBase.AS_IN_PRODUCTION, GatewayTestBase.PATIENT})
@Import(SpanCapture.class)
abstract class GatewayTestBase {

    static final String AS_IN_PRODUCTION = "spring.autoconfigure.exclude="
            + "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
            + "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration,"
            + "org.springframework.boot.tomcat.autoconfigure.reactive.TomcatReactiveWebServerAutoConfiguration";

    /** On a busy test machine a downstream answer may take long; timeouts have their own test. */
    static final String PATIENT = "demo.response-timeout=10s";

    static final String ALICE = "Bearer demo-token-alice";
    static final String BOB = "Bearer demo-token-bob";

    @DynamicPropertySource
    static void downstream(DynamicPropertyRegistry registry) {
        Backends backends = Backends.get();
        registry.add("demo.auth-url", backends::authUrl);
        registry.add("demo.data-url", backends::dataUrl);
    }

    @LocalServerPort
    int port;

    RestClient http;

    @BeforeEach
    void client() {
        http = RestClient.builder()
                .baseUrl("http://127.0.0.1:" + port)
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
    }

    static String newRequestId() {
        return "test-" + UUID.randomUUID();
    }

    ResponseEntity<JsonNode> get(String path, String authorization, String requestId, Map<String, String> headers) {
        return http.get().uri(path)
                .headers(h -> {
                    if (authorization != null) {
                        h.set(HttpHeaders.AUTHORIZATION, authorization);
                    }
                    h.set(DemoRequest.REQUEST_ID_HEADER, requestId);
                    headers.forEach(h::set);
                })
                .retrieve()
                .toEntity(JsonNode.class);
    }

    ResponseEntity<JsonNode> get(String path, String authorization) {
        return get(path, authorization, newRequestId(), Map.of());
    }

    static CallRecorder dataCalls() {
        return Backends.get().dataCalls();
    }

    static CallRecorder authCalls() {
        return Backends.get().authCalls();
    }
}
