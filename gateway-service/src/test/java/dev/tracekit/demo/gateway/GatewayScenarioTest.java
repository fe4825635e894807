package dev.tracekit.demo.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

import dev.tracekit.demo.gateway.CallRecorder.Call;
import tools.jackson.databind.JsonNode;

/** Each demo scenario, end to end through the real services, as the downstream servers saw it. */
class GatewayScenarioTest extends GatewayTestBase {

    private static final List<String> ORDER_PAGE_CALLS =
            List.of("/data/orders/1", "/data/customers/1", "/data/customers/1/recommendations");

    @Test
    void normalFlowHasTheThreeDataCallsInFlightAtOnce() {
        String requestId = newRequestId();
        dataCalls().holdUntilConcurrent(requestId, 3);

        ResponseEntity<JsonNode> answer = get("/api/orders/1", ALICE, requestId, Map.of());

        List<Call> calls = dataCalls().callsOf(requestId);
        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(calls).extracting(Call::path).containsExactlyInAnyOrderElementsOf(ORDER_PAGE_CALLS);
        assertThat(calls).allMatch(Call::metTheOthers, "was in flight together with the other two calls");
        assertThat(calls.get(0).overlaps(calls.get(1))).isTrue();
        assertThat(calls.get(1).overlaps(calls.get(2))).isTrue();
        assertThat(calls.get(0).overlaps(calls.get(2))).isTrue();
    }

    @Test
    void sequentialScenarioMakesTheSameCallsOneAfterAnother() {
        String requestId = newRequestId();

        ResponseEntity<JsonNode> answer = get("/api/orders/1", ALICE, requestId, Map.of(Scenario.HEADER, "sequential"));

        List<Call> calls = dataCalls().callsOf(requestId);
        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(answer.getBody()).isEqualTo(get("/api/orders/1", ALICE).getBody());
        assertThat(calls).extracting(Call::path).containsExactlyElementsOf(ORDER_PAGE_CALLS);
        assertThat(calls.get(1).start()).isGreaterThan(calls.get(0).end());
        assertThat(calls.get(2).start()).isGreaterThan(calls.get(1).end());
    }

    @Test
    void sequentialScenarioAlsoAppliesToTheCustomerPage() {
        String requestId = newRequestId();

        get("/api/customers/2/orders?scenario=sequential", BOB, requestId, Map.of());

        List<Call> calls = dataCalls().callsOf(requestId);
        assertThat(calls).hasSize(3);
        assertThat(calls.get(1).start()).isGreaterThan(calls.get(0).end());
        assertThat(calls.get(2).start()).isGreaterThan(calls.get(1).end());
    }

    @Test
    void retriesScenarioSucceedsAfterThreeFailedAttemptsOfEachCall() {
        String requestId = newRequestId();

        ResponseEntity<JsonNode> answer = get("/api/orders/1", ALICE, requestId, Map.of(Scenario.HEADER, "retries"));

        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(answer.getBody().get("order").get("items")).hasSize(12);
        for (String path : ORDER_PAGE_CALLS) {
            assertThat(dataCalls().callsOf(requestId)).filteredOn(call -> call.path().equals(path))
                    .extracting(Call::status).containsExactly(503, 503, 503, 200);
        }
    }

    @Test
    void downstreamErrorScenarioIsAnswered502WithoutRetrying() {
        String requestId = newRequestId();

        ResponseEntity<JsonNode> answer = get("/api/orders/1", ALICE, requestId, Map.of(Scenario.HEADER, "downstream-error"));

        assertThat(answer.getStatusCode().value()).isEqualTo(502);
        assertThat(answer.getBody().get("error").asString()).isEqualTo("Bad Gateway");
        assertThat(answer.getBody().get("message").asString()).startsWith("data-service answered 500");
        assertThat(answer.getBody().get("requestId").asString()).isEqualTo(requestId);
        List<Call> calls = dataCalls().callsOf(requestId);
        assertThat(calls).isNotEmpty().allMatch(call -> call.status() == 500);
        assertThat(calls).extracting(Call::path).doesNotHaveDuplicates();
    }

    @Test
    void slowNetworkScenarioDelaysDataCallsBetweenGatewayAndDataService() {
        String requestId = newRequestId();

        ResponseEntity<JsonNode> answer = get("/api/catalog", ALICE, requestId, Map.of(Scenario.HEADER, "slow-network"));

        Call authCall = authCalls().callsOf(requestId).get(0);
        Call dataCall = dataCalls().callsOf(requestId).get(0);
        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        // The gateway starts the data call once auth has answered; it reaches data-service only
        // after the injected delay (a lower bound set by the scenario, not a speed expectation).
        assertThat(Duration.ofNanos(dataCall.start() - authCall.end())).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void dataScenariosAreForwardedToEveryDownstreamCall() {
        for (String scenario : List.of("n-plus-one", "slow-query")) {
            String requestId = newRequestId();

            ResponseEntity<JsonNode> answer = get("/api/customers/1/orders?scenario=" + scenario, ALICE, requestId, Map.of());

            assertThat(answer.getStatusCode().value()).isEqualTo(200);
            assertThat(answer.getBody()).isEqualTo(get("/api/customers/1/orders", ALICE).getBody());
            assertThat(authCalls().callsOf(requestId)).extracting(Call::scenario).containsOnly(scenario);
            assertThat(dataCalls().callsOf(requestId)).hasSize(3).extracting(Call::scenario).containsOnly(scenario);
        }
    }
}
