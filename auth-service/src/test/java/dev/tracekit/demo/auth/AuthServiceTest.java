package dev.tracekit.demo.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.UseMainMethod;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import dev.tracekit.core.SpanData;
import dev.tracekit.core.SpanKind;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, useMainMethod = UseMainMethod.ALWAYS)
@Import(SpanCapture.class)
class AuthServiceTest {

    @Autowired
    ApplicationContext application;

    @LocalServerPort
    int port;

    @Value("${spring.application.name}")
    String applicationName;

    RestClient http;

    @BeforeEach
    void client() {
        http = RestClient.builder()
                .baseUrl("http://127.0.0.1:" + port)
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
    }

    @Test
    void validTokenReturnsItsUser() {
        ResponseEntity<JsonNode> answer = validate("Bearer demo-token-alice");

        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(answer.getBody().get("id").asString()).isEqualTo("alice");
        assertThat(answer.getBody().get("customerId").asLong()).isEqualTo(1);
        assertThat(validate("bearer demo-token-bob").getBody().get("id").asString()).isEqualTo("bob");
    }

    @Test
    void missingAuthorizationIsRejectedWith401() {
        ResponseEntity<JsonNode> answer = validate(null);

        assertThat(answer.getStatusCode().value()).isEqualTo(401);
        assertThat(answer.getBody().get("message").asString()).contains("Authorization");
    }

    @Test
    void unknownTokenIsRejectedWith401AndBearerChallenge() {
        ResponseEntity<JsonNode> answer = validate("Bearer not-a-demo-token");

        assertThat(answer.getStatusCode().value()).isEqualTo(401);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
        assertThat(validate("Basic ZGVtbzpkZW1v").getStatusCode().value()).isEqualTo(401);
        assertThat(validate("Bearer ").getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void userLookupFindsKnownUsersOnly() {
        ResponseEntity<JsonNode> bob = http.get().uri("/auth/users/bob").retrieve().toEntity(JsonNode.class);
        ResponseEntity<JsonNode> nobody = http.get().uri("/auth/users/mallory").retrieve().toEntity(JsonNode.class);

        assertThat(bob.getStatusCode().value()).isEqualTo(200);
        assertThat(bob.getBody().get("customerId").asLong()).isEqualTo(2);
        assertThat(nobody.getStatusCode().value()).isEqualTo(404);
        assertThat(nobody.getBody().get("message").asString()).contains("mallory");
    }

    @Test
    void configurationComesFromAuthServiceYml() {
        assertThat(applicationName).isEqualTo("auth-service");
    }

    @Test
    void actuatorExposesHealthAndPrometheusOnly() {
        ResponseEntity<JsonNode> health = http.get().uri("/actuator/health").retrieve().toEntity(JsonNode.class);
        ResponseEntity<String> prometheus = http.get().uri("/actuator/prometheus").retrieve().toEntity(String.class);
        ResponseEntity<String> env = http.get().uri("/actuator/env").retrieve().toEntity(String.class);

        assertThat(health.getBody().get("status").asString()).isEqualTo("UP");
        assertThat(prometheus.getStatusCode().value()).isEqualTo(200);
        assertThat(prometheus.getBody()).contains("jvm_memory_used_bytes");
        assertThat(env.getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void validationContinuesTheCallersTraceAndCarriesTheScenario() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        ResponseEntity<JsonNode> answer = http.get().uri("/auth/validate")
                .header(HttpHeaders.AUTHORIZATION, "Bearer demo-token-alice")
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .header(ScenarioSpanTag.HEADER, "retries")
                .retrieve().toEntity(JsonNode.class);

        List<SpanData> spans = SpanCapture.trace(traceId, found -> !found.isEmpty(), application);

        assertThat(SpanCapture.traceId(answer.getHeaders().getFirst("traceresponse"))).isEqualTo(traceId);
        assertThat(spans).singleElement().satisfies(server -> {
            assertThat(server.kind()).isEqualTo(SpanKind.SERVER);
            assertThat(server.name()).isEqualTo("GET /auth/validate");
            assertThat(server.parentSpanIdHex()).isEqualTo("00f067aa0ba902b7");
            assertThat(server.serviceName()).isEqualTo("auth-service");
            assertThat(server.attributes().getString(ScenarioSpanTag.ATTRIBUTE)).isEqualTo("retries");
        });
    }

    private ResponseEntity<JsonNode> validate(String authorization) {
        return http.get().uri("/auth/validate")
                .headers(headers -> {
                    if (authorization != null) {
                        headers.set(HttpHeaders.AUTHORIZATION, authorization);
                    }
                })
                .retrieve().toEntity(JsonNode.class);
    }
}
