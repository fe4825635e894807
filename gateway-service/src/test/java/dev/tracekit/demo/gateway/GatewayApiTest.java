package dev.tracekit.demo.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

import dev.tracekit.demo.gateway.CallRecorder.Call;
import tools.jackson.databind.JsonNode;

class GatewayApiTest extends GatewayTestBase {

    @Autowired
    WebServerApplicationContext context;

    @Test
    void orderPageCombinesTheOrderTheCallersCustomerRecordAndRecommendations() {
        String requestId = newRequestId();

        ResponseEntity<JsonNode> answer = get("/api/orders/1", ALICE, requestId, Map.of());

        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(answer.getHeaders().getFirst(DemoRequest.REQUEST_ID_HEADER)).isEqualTo(requestId);
        assertThat(answer.getBody().get("order").get("id").asLong()).isEqualTo(1);
        assertThat(answer.getBody().get("order").get("items")).hasSize(12);
        assertThat(answer.getBody().get("customer").get("name").asString()).isEqualTo("Alice Martin");
        assertThat(answer.getBody().get("recommendations")).hasSize(5);
        assertThat(authCalls().callsOf(requestId)).extracting(Call::path).containsExactly("/auth/validate");
        assertThat(dataCalls().callsOf(requestId)).extracting(Call::path).containsExactlyInAnyOrder(
                "/data/orders/1", "/data/customers/1", "/data/customers/1/recommendations");
    }

    @Test
    void callerWithoutTokenIsRejectedWith401BeforeAnyDownstreamCall() {
        String requestId = newRequestId();

        ResponseEntity<JsonNode> answer = get("/api/catalog", null, requestId, Map.of());

        assertThat(answer.getStatusCode().value()).isEqualTo(401);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Bearer");
        assertThat(answer.getBody().get("message").asString()).contains("demo-token-alice");
        assertThat(answer.getBody().get("requestId").asString()).isEqualTo(requestId);
        assertThat(authCalls().callsOf(requestId)).isEmpty();
        assertThat(dataCalls().callsOf(requestId)).isEmpty();
    }

    @Test
    void unknownTokenIsRejectedWith401AsAuthServiceSays() {
        String requestId = newRequestId();

        ResponseEntity<JsonNode> answer = get("/api/catalog", "Bearer stolen", requestId, Map.of());

        assertThat(answer.getStatusCode().value()).isEqualTo(401);
        assertThat(answer.getBody().get("message").asString()).contains("unknown");
        assertThat(authCalls().callsOf(requestId)).extracting(Call::status).containsExactly(401);
        assertThat(dataCalls().callsOf(requestId)).isEmpty();
    }

    @Test
    void someoneElsesOrderIsAnsweredAsNotFound() {
        ResponseEntity<JsonNode> answer = get("/api/orders/1", BOB);

        assertThat(answer.getStatusCode().value()).isEqualTo(404);
        assertThat(answer.getBody().get("message").asString()).isEqualTo("no order 1 for bob");
    }

    @Test
    void missingOrderIs404WithDataServicesMessage() {
        ResponseEntity<JsonNode> answer = get("/api/orders/99999", ALICE);

        assertThat(answer.getStatusCode().value()).isEqualTo(404);
        assertThat(answer.getBody().get("message").asString()).isEqualTo("no order 99999");
    }

    @Test
    void customerPageIsServedToItsOwnerOnly() {
        ResponseEntity<JsonNode> own = get("/api/customers/1/orders", ALICE);
        ResponseEntity<JsonNode> other = get("/api/customers/1/orders", BOB);

        assertThat(own.getStatusCode().value()).isEqualTo(200);
        assertThat(own.getBody().get("orders").findValues("id")).extracting(JsonNode::asLong)
                .contains(41L, 31L, 21L, 11L, 1L);
        assertThat(own.getBody().get("recommendations")).hasSize(5);
        assertThat(other.getStatusCode().value()).isEqualTo(403);
        assertThat(other.getBody().get("message").asString()).isEqualTo("bob may only read the orders of customer 2");
    }

    @Test
    void catalogListsTheProducts() {
        ResponseEntity<JsonNode> answer = get("/api/catalog", BOB);

        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(answer.getBody().get("products")).hasSize(20);
    }

    @Test
    void placedOrderBelongsToTheCaller() {
        ResponseEntity<JsonNode> placed = post(BOB, Map.of("items", List.of(Map.of("productId", 5, "quantity", 2))));

        assertThat(placed.getStatusCode().value()).isEqualTo(201);
        long id = placed.getBody().get("id").asLong();
        assertThat(placed.getHeaders().getLocation()).hasToString("/api/orders/" + id);
        assertThat(placed.getBody().get("customerId").asLong()).isEqualTo(2);
        assertThat(get("/api/orders/" + id, BOB).getBody().get("order").get("totalCents").asLong()).isEqualTo(2 * 790);
    }

    @Test
    void orderProblemsKeepTheirStatusAndMessage() {
        ResponseEntity<JsonNode> beyondStock = post(ALICE, Map.of("items", List.of(Map.of("productId", 20, "quantity", 4))));
        ResponseEntity<JsonNode> noItems = post(ALICE, Map.of("lines", List.of()));
        ResponseEntity<JsonNode> badQuantity = post(ALICE, Map.of("items", List.of(Map.of("productId", 1, "quantity", 0))));

        assertThat(beyondStock.getStatusCode().value()).isEqualTo(409);
        assertThat(beyondStock.getBody().get("message").asString()).contains("in stock");
        assertThat(noItems.getStatusCode().value()).isEqualTo(400);
        assertThat(badQuantity.getStatusCode().value()).isEqualTo(400);
        assertThat(badQuantity.getBody().get("message").asString()).contains("quantity");
    }

    @Test
    void malformedInputIs400() {
        assertThat(get("/api/orders/abc", ALICE).getStatusCode().value()).isEqualTo(400);
        ResponseEntity<JsonNode> unknownScenario = get("/api/catalog?scenario=chaos", ALICE);
        assertThat(unknownScenario.getStatusCode().value()).isEqualTo(400);
        assertThat(unknownScenario.getBody().get("message").asString()).contains("chaos").contains("slow-network");
    }

    @Test
    void callersRequestIdIsReplacedWhenItIsNotASaneToken() {
        ResponseEntity<JsonNode> answer = get("/api/catalog", ALICE, "bad id with spaces", Map.of());

        assertThat(answer.getHeaders().getFirst(DemoRequest.REQUEST_ID_HEADER)).isNotBlank().doesNotContain(" ");
    }

    @Test
    void runsOnNettyWithActuatorHealthAndPrometheus() {
        ResponseEntity<JsonNode> health = get("/actuator/health", null);
        ResponseEntity<String> prometheus = http.get().uri("/actuator/prometheus").retrieve().toEntity(String.class);

        assertThat(context.getWebServer().getClass().getSimpleName()).isEqualTo("NettyWebServer");
        assertThat(context.getEnvironment().getProperty("spring.application.name")).isEqualTo("gateway-service");
        assertThat(health.getBody().get("status").asString()).isEqualTo("UP");
        assertThat(prometheus.getBody()).contains("jvm_memory_used_bytes");
    }

    private ResponseEntity<JsonNode> post(String authorization, Object body) {
        return http.post().uri("/api/orders")
                .header(HttpHeaders.AUTHORIZATION, authorization)
                .header(HttpHeaders.CONTENT_TYPE, "application/json")
                .body(body)
                .retrieve()
                .toEntity(JsonNode.class);
    }
}
