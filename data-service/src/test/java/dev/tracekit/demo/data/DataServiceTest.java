package dev.tracekit.demo.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

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
import dev.tracekit.core.StatusCode;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, useMainMethod = UseMainMethod.ALWAYS)
@Import({StatementLog.Recording.class, SpanCapture.class})
class DataServiceTest {

    @Autowired
    ApplicationContext application;

    private static final String ITEM_BY_ID = "FROM items i JOIN products p ON p.id = i.product_id WHERE i.id = ?";

    @LocalServerPort
    int port;

    @Value("${spring.application.name}")
    String applicationName;

    @Autowired
    StatementLog statements;

    RestClient http;

    @BeforeEach
    void client() {
        http = RestClient.builder()
                .baseUrl("http://127.0.0.1:" + port)
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
        statements.clear();
    }

    @Test
    void orderByIdReturnsItsItemsAndTotal() {
        JsonNode order = get("/data/orders/1", Map.of()).getBody();

        assertThat(order.get("customerId").asLong()).isEqualTo(1);
        assertThat(order.get("items")).hasSize(12);
        long total = 0;
        for (JsonNode item : order.get("items")) {
            total += item.get("quantity").asLong() * item.get("unitPriceCents").asLong();
            assertThat(item.get("productName").asString()).isNotBlank();
        }
        assertThat(order.get("totalCents").asLong()).isEqualTo(total);
        assertThat(order.get("createdAt").asString()).startsWith("2025-01-04T13:13");
    }

    @Test
    void unknownOrderIs404WithJsonError() {
        ResponseEntity<JsonNode> answer = get("/data/orders/99999", Map.of());
        ResponseEntity<JsonNode> notANumber = get("/data/orders/abc", Map.of());

        assertThat(answer.getStatusCode().value()).isEqualTo(404);
        assertThat(answer.getBody().get("message").asString()).isEqualTo("no order 99999");
        assertThat(notANumber.getStatusCode().value()).isEqualTo(400);
    }

    @Test
    void customerOrdersAreListedNewestFirstWithCountsAndTotals() {
        JsonNode customer = get("/data/customers/1", Map.of()).getBody();
        JsonNode orders = get("/data/customers/1/orders", Map.of()).getBody();

        assertThat(customer.get("name").asString()).isEqualTo("Alice Martin");
        assertThat(orders.findValues("id")).extracting(JsonNode::asLong).containsExactly(41L, 31L, 21L, 11L, 1L);
        assertThat(orders.findValues("itemCount")).extracting(JsonNode::asInt).containsExactly(12, 6, 8, 10, 12);
        assertThat(get("/data/customers/77/orders", Map.of()).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void catalogListsAllProducts() {
        JsonNode catalog = get("/data/products", Map.of()).getBody();

        assertThat(catalog).hasSize(20);
        assertThat(catalog.get(0).get("category").asString()).isEqualTo("accessories");
    }

    @Test
    void recommendationsLeaveOutWhatTheCustomerBought() {
        JsonNode bought = get("/data/customers/2/orders", Map.of()).getBody();
        JsonNode recommendations = get("/data/customers/2/recommendations?limit=3", Map.of()).getBody();
        List<Long> boughtProducts = new ArrayList<>();
        for (JsonNode summary : bought) {
            for (JsonNode item : get("/data/orders/" + summary.get("id").asLong(), Map.of()).getBody().get("items")) {
                boughtProducts.add(item.get("productId").asLong());
            }
        }

        assertThat(recommendations).hasSize(3);
        assertThat(recommendations.findValues("productId")).extracting(JsonNode::asLong).doesNotContainAnyElementsOf(boughtProducts);
        assertThat(get("/data/customers/2/recommendations?limit=0", Map.of()).getStatusCode().value()).isEqualTo(400);
    }

    @Test
    void placingAnOrderReservesStockAndWritesOrderAndItems() {
        long stockBefore = get("/data/products/9", Map.of()).getBody().get("stock").asLong();

        ResponseEntity<JsonNode> placed = post(Map.of("customerId", 3,
                "items", List.of(Map.of("productId", 9, "quantity", 2), Map.of("productId", 15, "quantity", 1))));

        assertThat(placed.getStatusCode().value()).isEqualTo(201);
        JsonNode order = placed.getBody();
        assertThat(order.get("id").asLong()).isGreaterThanOrEqualTo(1000);
        assertThat(placed.getHeaders().getLocation()).hasToString("/data/orders/" + order.get("id").asLong());
        assertThat(order.get("items")).hasSize(2);
        assertThat(order.get("totalCents").asLong()).isEqualTo(2 * 8990 + 490);
        assertThat(get("/data/products/9", Map.of()).getBody().get("stock").asLong()).isEqualTo(stockBefore - 2);
        assertThat(get("/data/orders/" + order.get("id").asLong(), Map.of()).getBody().get("status").asString())
                .isEqualTo("PAID");
    }

    @Test
    void orderBeyondStockIsRejectedAndRollsBackEveryLine() {
        long stockBefore = get("/data/products/10", Map.of()).getBody().get("stock").asLong();
        int ordersBefore = get("/data/customers/4/orders", Map.of()).getBody().size();

        // Product 20 is seeded with 3 units; the first line would fit and must be rolled back.
        ResponseEntity<JsonNode> placed = post(Map.of("customerId", 4,
                "items", List.of(Map.of("productId", 10, "quantity", 1), Map.of("productId", 20, "quantity", 4))));

        assertThat(placed.getStatusCode().value()).isEqualTo(409);
        assertThat(placed.getBody().get("message").asString()).isEqualTo("product 20 has 3 in stock, the order asks for 4");
        assertThat(get("/data/products/10", Map.of()).getBody().get("stock").asLong()).isEqualTo(stockBefore);
        assertThat(get("/data/customers/4/orders", Map.of()).getBody().size()).isEqualTo(ordersBefore);
    }

    @Test
    void malformedOrdersAreRejectedWith400() {
        assertThat(post(Map.of("items", List.of(Map.of("productId", 1, "quantity", 1)))).getStatusCode().value()).isEqualTo(400);
        assertThat(post(Map.of("customerId", 1, "items", List.of())).getStatusCode().value()).isEqualTo(400);
        assertThat(post(Map.of("customerId", 1, "items", List.of(Map.of("productId", 1, "quantity", 1),
                Map.of("productId", 1, "quantity", 2)))).getBody().get("message").asString()).contains("appears twice");
        assertThat(post(Map.of("customerId", 1, "items", List.of(Map.of("productId", 1, "quantity", 0)))).getStatusCode().value()).isEqualTo(400);
        assertThat(post(Map.of("customerId", 1, "items", List.of(Map.of("productId", 999, "quantity", 1)))).getBody()
                .get("message").asString()).isEqualTo("product 999 does not exist");
        assertThat(post(Map.of("customerId", 999, "items", List.of(Map.of("productId", 1, "quantity", 1)))).getBody()
                .get("message").asString()).isEqualTo("customer 999 does not exist");
    }

    @Test
    void unknownScenarioIsRejectedWith400NamingTheKnownOnes() {
        ResponseEntity<JsonNode> answer = get("/data/orders/1", Map.of(Scenario.HEADER, "chaos"));

        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(answer.getBody().get("message").asString()).contains("chaos").contains("n-plus-one");
    }

    @Test
    void nPlusOneScenarioLoadsEachItemWithItsOwnQuery() {
        JsonNode joined = get("/data/orders/1", Map.of()).getBody();
        List<String> joinedStatements = statements.statements();
        statements.clear();
        JsonNode oneByOne = get("/data/orders/1?scenario=n-plus-one", Map.of()).getBody();

        assertThat(oneByOne).isEqualTo(joined);
        assertThat(joinedStatements).noneMatch(sql -> sql.contains(ITEM_BY_ID));
        assertThat(statements.count(ITEM_BY_ID)).isEqualTo(12);
        assertThat(statements.statements()).filteredOn(sql -> sql.contains(ITEM_BY_ID)).containsOnly(
                "SELECT i.id, i.product_id, p.name AS product_name, i.quantity, i.unit_price_cents, demo_pause(?) AS paused "
                        + ITEM_BY_ID);
    }

    @Test
    void nPlusOneScenarioOnCustomerOrdersQueriesEveryItemOfEveryOrder() {
        JsonNode joined = get("/data/customers/1/orders", Map.of()).getBody();
        statements.clear();
        JsonNode oneByOne = get("/data/customers/1/orders", Map.of(Scenario.HEADER, "n-plus-one")).getBody();

        assertThat(oneByOne).isEqualTo(joined);
        assertThat(statements.count(ITEM_BY_ID)).isEqualTo(12 + 6 + 8 + 10 + 12);
    }

    @Test
    void slowQueryScenarioRunsTheSameStatementWithAPause() {
        JsonNode normal = get("/data/products", Map.of()).getBody();
        List<String> normalStatements = statements.statements();
        statements.clear();
        long started = System.nanoTime();
        JsonNode slow = get("/data/products", Map.of(Scenario.HEADER, "slow-query")).getBody();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

        assertThat(slow).isEqualTo(normal);
        assertThat(statements.statements()).isEqualTo(normalStatements).anyMatch(sql -> sql.contains("demo_pause(?)"));
        // A lower bound set by the injected pause, not a speed expectation.
        assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        statements.clear();
        get("/data/customers/1/recommendations", Map.of(Scenario.HEADER, "slow-query"));
        assertThat(statements.count("demo_pause(?)")).isEqualTo(1);
    }

    @Test
    void downstreamErrorScenarioAnswers500OnEveryCall() {
        for (String path : List.of("/data/orders/1", "/data/customers/1", "/data/products")) {
            ResponseEntity<JsonNode> answer = get(path, Map.of(Scenario.HEADER, "downstream-error"));

            assertThat(answer.getStatusCode().value()).isEqualTo(500);
            assertThat(answer.getBody().get("message").asString()).contains("downstream-error").contains(path);
        }
    }

    @Test
    void retriesScenarioFailsTheFirstThreeAttemptsOfEachCallThenSucceeds() {
        Map<String, String> request = Map.of(Scenario.HEADER, "retries", RequestKey.REQUEST_ID_HEADER, UUID.randomUUID().toString());
        Map<String, String> otherRequest = Map.of(Scenario.HEADER, "retries", RequestKey.REQUEST_ID_HEADER, UUID.randomUUID().toString());

        List<Integer> attempts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            attempts.add(get("/data/orders/1", request).getStatusCode().value());
        }
        int otherCall = get("/data/customers/1", request).getStatusCode().value();
        int otherRequestsCall = get("/data/orders/1", otherRequest).getStatusCode().value();

        assertThat(attempts).containsExactly(503, 503, 503, 200, 200);
        assertThat(otherCall).isEqualTo(503);
        assertThat(otherRequestsCall).isEqualTo(503);
    }

    @Test
    void retriesScenarioCountsByTraceIdWithoutRequestIdAndRejectsCallsWithNeither() {
        String traceparent = "00-" + UUID.randomUUID().toString().replace("-", "") + "-00f067aa0ba902b7-01";
        Map<String, String> traced = Map.of(Scenario.HEADER, "retries", "traceparent", traceparent);

        List<Integer> attempts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            attempts.add(get("/data/products", traced).getStatusCode().value());
        }
        ResponseEntity<JsonNode> anonymous = get("/data/products", Map.of(Scenario.HEADER, "retries"));

        assertThat(attempts).containsExactly(503, 503, 503, 200);
        assertThat(anonymous.getStatusCode().value()).isEqualTo(400);
        assertThat(anonymous.getBody().get("message").asString()).contains("X-Request-Id");
    }

    @Test
    void actuatorExposesHealthAndPrometheusUnderItsOwnName() {
        ResponseEntity<JsonNode> health = get("/actuator/health", Map.of());
        ResponseEntity<String> prometheus = http.get().uri("/actuator/prometheus").retrieve().toEntity(String.class);

        assertThat(applicationName).isEqualTo("data-service");
        assertThat(health.getBody().get("status").asString()).isEqualTo("UP");
        assertThat(prometheus.getBody()).contains("hikaricp_connections");
        assertThat(http.get().uri("/actuator/env").retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void serverSpanContinuesTheCallersTraceNamesTheRouteAndCarriesTheScenario() {
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        ResponseEntity<JsonNode> answer = get("/data/orders/1", Map.of("traceparent",
                "00-" + traceId + "-b7ad6b7169203331-01", Scenario.HEADER, "n-plus-one"));

        List<SpanData> spans = SpanCapture.trace(traceId, found -> found.stream().anyMatch(span -> span.kind() == SpanKind.SERVER),
                application);

        assertThat(SpanCapture.traceId(answer.getHeaders().getFirst("traceresponse"))).isEqualTo(traceId);
        assertThat(spans).filteredOn(span -> span.kind() == SpanKind.SERVER).singleElement().satisfies(server -> {
            assertThat(server.name()).isEqualTo("GET /data/orders/{id}");
            assertThat(server.parentSpanIdHex()).isEqualTo("b7ad6b7169203331");
            assertThat(server.serviceName()).isEqualTo("data-service");
            assertThat(server.attributes().getString(ScenarioSpanTag.ATTRIBUTE)).isEqualTo("n-plus-one");
        });
    }

    @Test
    void nPlusOneScenarioTracesOneQuerySpanPerItemUnderTheServerSpan() {
        List<SpanData> joined = traceOf(get("/data/orders/1", Map.of()));
        List<SpanData> oneByOne = traceOf(get("/data/orders/1", Map.of(Scenario.HEADER, "n-plus-one")));

        assertThat(queries(joined)).noneMatch(query -> query.contains("WHERE i.id = ?"));
        SpanData server = oneByOne.stream().filter(span -> span.kind() == SpanKind.SERVER).findFirst().orElseThrow();
        List<SpanData> itemQueries = oneByOne.stream()
                .filter(span -> String.valueOf(span.attributes().getString("db.query.text")).contains(ITEM_BY_ID))
                .sorted(Comparator.comparingLong(SpanData::startEpochNanos)).toList();
        assertThat(itemQueries).hasSize(12).allSatisfy(query -> {
            assertThat(query.kind()).isEqualTo(SpanKind.CLIENT);
            assertThat(query.parentSpanIdHex()).isEqualTo(server.spanIdHex());
        });
        assertThat(itemQueries).extracting(query -> query.attributes().get("db.query.text")).containsOnly(
                "SELECT i.id, i.product_id, p.name AS product_name, i.quantity, i.unit_price_cents, demo_pause(?) AS paused "
                        + ITEM_BY_ID);
        for (int i = 1; i < itemQueries.size(); i++) {
            assertThat(itemQueries.get(i).startEpochNanos()).isGreaterThanOrEqualTo(itemQueries.get(i - 1).endEpochNanos());
        }
    }

    @Test
    void slowQueryScenarioTracesTheSameStatementWithTheInjectedPause() {
        List<SpanData> normal = traceOf(get("/data/products", Map.of()));
        List<SpanData> slow = traceOf(get("/data/products", Map.of(Scenario.HEADER, "slow-query")));

        assertThat(queries(slow)).isEqualTo(queries(normal)).singleElement().asString().contains("demo_pause(?)");
        SpanData slowQuery = slow.stream().filter(span -> span.attributes().get("db.query.text") != null).findFirst().orElseThrow();
        // A lower bound set by the injected pause, not a speed expectation.
        assertThat(Duration.ofNanos(slowQuery.durationNanos())).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void injectedFailureMarksTheServerSpanAsAnError() {
        ResponseEntity<JsonNode> answer = get("/data/customers/1", Map.of(Scenario.HEADER, "downstream-error"));
        String traceId = SpanCapture.traceId(answer.getHeaders().getFirst("traceresponse"));

        List<SpanData> spans = SpanCapture.trace(traceId, found -> !found.isEmpty(), application);

        assertThat(spans).singleElement().satisfies(server -> {
            assertThat(server.statusCode()).isEqualTo(StatusCode.ERROR);
            assertThat(server.attributes().get("http.response.status_code")).isEqualTo(500L);
            assertThat(server.attributes().getString(ScenarioSpanTag.ATTRIBUTE)).isEqualTo("downstream-error");
        });
    }

    /** The spans of the trace the answer names, once its server span has ended. */
    private List<SpanData> traceOf(ResponseEntity<JsonNode> answer) {
        return SpanCapture.trace(SpanCapture.traceId(answer.getHeaders().getFirst("traceresponse")),
                found -> found.stream().anyMatch(span -> span.kind() == SpanKind.SERVER), application);
    }

    private static List<String> queries(List<SpanData> trace) {
        return trace.stream().map(span -> span.attributes().getString("db.query.text")).filter(Objects::nonNull).toList();
    }

    private ResponseEntity<JsonNode> get(String path, Map<String, String> headers) {
        return http.get().uri(path).headers(h -> headers.forEach(h::set)).retrieve().toEntity(JsonNode.class);
    }

    private ResponseEntity<JsonNode> post(Object body) {
        return http.post().uri("/data/orders").header(HttpHeaders.CONTENT_TYPE, "application/json").body(body)
                .retrieve().toEntity(JsonNode.class);
    }
}
