package dev.tracekit.demo.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.ResponseEntity;

import dev.tracekit.core.SpanData;
import dev.tracekit.core.SpanKind;
import dev.tracekit.core.StatusCode;
import tools.jackson.databind.JsonNode;

/**
 * The traces the demo scenarios produce, as the three services (with tracing-starter) export
 * them: the shapes the collector's analysis is meant to find.
 */
class GatewayTraceTest extends GatewayTestBase {

    private static final String GATEWAY = "gateway-service";
    private static final String AUTH = "auth-service";
    private static final String DATA = "data-service";

    @Autowired
    ApplicationContext gateway;

    @Test
    void oneRequestIsOneTraceAcrossTheThreeServicesWithParentLinks() {
        String requestId = newRequestId();
        dataCalls().holdUntilConcurrent(requestId, 3);

        List<SpanData> trace = trace(get("/api/orders/1", ALICE, requestId, Map.of()), servers(1, 1, 3));

        SpanData root = single(trace, GATEWAY, SpanKind.SERVER);
        assertThat(root.parentSpanIdHex()).isNull();
        assertThat(root.name()).isEqualTo("GET /api/orders/{id}");
        List<SpanData> clients = of(trace, GATEWAY, SpanKind.CLIENT);
        assertThat(clients).extracting(SpanData::name).containsExactlyInAnyOrder("GET /auth/validate",
                "GET /data/orders/{id}", "GET /data/customers/{id}", "GET /data/customers/{id}/recommendations");
        assertThat(clients).allMatch(client -> root.spanIdHex().equals(client.parentSpanIdHex()));
        for (SpanData server : of(trace, null, SpanKind.SERVER)) {
            if (server != root) {
                SpanData caller = clients.stream().filter(c -> c.spanIdHex().equals(server.parentSpanIdHex())).findFirst()
                        .orElseThrow(() -> new AssertionError("no gateway client span is the parent of " + server.name()));
                assertThat(caller.name()).isEqualTo(server.name());
            }
        }
        // The three data calls were in flight at once (the data-service held each until all had arrived).
        List<SpanData> dataCalls = clients.stream().filter(c -> c.name().startsWith("GET /data")).toList();
        assertThat(overlapping(dataCalls)).isTrue();
    }

    @Test
    void sequentialScenarioHasThreeDataClientSpansOneAfterAnother() {
        List<SpanData> trace = trace(get("/api/orders/1", ALICE, newRequestId(), Map.of(Scenario.HEADER, "sequential")),
                servers(1, 1, 3));

        List<SpanData> dataCalls = of(trace, GATEWAY, SpanKind.CLIENT).stream()
                .filter(c -> c.name().startsWith("GET /data"))
                .sorted(Comparator.comparingLong(SpanData::startEpochNanos)).toList();
        assertThat(dataCalls).hasSize(3);
        assertThat(dataCalls.get(0).endEpochNanos()).isLessThanOrEqualTo(dataCalls.get(1).startEpochNanos());
        assertThat(dataCalls.get(1).endEpochNanos()).isLessThanOrEqualTo(dataCalls.get(2).startEpochNanos());
        assertThat(dataCalls).allMatch(c -> c.parentSpanIdHex().equals(single(trace, GATEWAY, SpanKind.SERVER).spanIdHex()));
    }

    @Test
    void retriesScenarioHasFourAttemptsPerCallWithTheFirstThreeFailed() {
        List<SpanData> trace = trace(get("/api/orders/1", ALICE, newRequestId(), Map.of(Scenario.HEADER, "retries")),
                servers(1, 1, 12));

        for (String call : List.of("GET /data/orders/{id}", "GET /data/customers/{id}", "GET /data/customers/{id}/recommendations")) {
            List<SpanData> attempts = of(trace, GATEWAY, SpanKind.CLIENT).stream().filter(c -> c.name().equals(call))
                    .sorted(Comparator.comparingLong(SpanData::startEpochNanos)).toList();
            assertThat(attempts).as(call).hasSize(4);
            assertThat(attempts).extracting(c -> c.attributes().get("http.response.status_code"))
                    .containsExactly(503L, 503L, 503L, 200L);
            assertThat(attempts).extracting(c -> c.attributes().get("http.request.resend_count"))
                    .containsExactly(null, 1L, 2L, 3L);
            assertThat(attempts.subList(0, 3)).allMatch(c -> c.statusCode() == StatusCode.ERROR);
        }
        assertThat(single(trace, GATEWAY, SpanKind.SERVER).statusCode()).isNotEqualTo(StatusCode.ERROR);
    }

    @Test
    void slowNetworkScenarioHasClientSpansLongerThanTheirServerSpansByTheDelay() {
        List<SpanData> trace = trace(get("/api/orders/1", ALICE, newRequestId(), Map.of(Scenario.HEADER, "slow-network")),
                servers(1, 1, 3));

        List<SpanData> dataServers = of(trace, DATA, SpanKind.SERVER);
        assertThat(dataServers).hasSize(3);
        for (SpanData server : dataServers) {
            SpanData client = trace.stream().filter(c -> c.spanIdHex().equals(server.parentSpanIdHex())).findFirst().orElseThrow();
            // A lower bound set by the injected delay, not a speed expectation.
            assertThat(Duration.ofNanos(client.durationNanos() - server.durationNanos()))
                    .as(client.name()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        }
        SpanData authServer = single(trace, AUTH, SpanKind.SERVER);
        assertThat(authServer.attributes().getString(ScenarioSpanTag.ATTRIBUTE)).isEqualTo("slow-network");
    }

    @Test
    void nPlusOneScenarioHasOneQuerySpanPerItemUnderTheDataServerSpan() {
        List<SpanData> trace = trace(get("/api/orders/1", ALICE, newRequestId(), Map.of(Scenario.HEADER, "n-plus-one")),
                servers(1, 1, 3));

        SpanData orderServer = of(trace, DATA, SpanKind.SERVER).stream().filter(s -> s.name().equals("GET /data/orders/{id}"))
                .findFirst().orElseThrow();
        List<String> itemQueries = trace.stream().filter(s -> orderServer.spanIdHex().equals(s.parentSpanIdHex()))
                .map(s -> s.attributes().getString("db.query.text"))
                .filter(text -> text != null && text.endsWith("WHERE i.id = ?")).toList();
        assertThat(itemQueries).hasSize(12);
        assertThat(itemQueries).as("one statement, repeated").containsOnly(itemQueries.get(0));
    }

    @Test
    void downstreamErrorScenarioMarksDataAndGatewayServerSpansAsErrors() {
        ResponseEntity<JsonNode> answer = get("/api/catalog", ALICE, newRequestId(), Map.of(Scenario.HEADER, "downstream-error"));
        List<SpanData> trace = trace(answer, servers(1, 1, 1));

        assertThat(answer.getStatusCode().value()).isEqualTo(502);
        SpanData root = single(trace, GATEWAY, SpanKind.SERVER);
        assertThat(root.statusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(root.attributes().get("http.response.status_code")).isEqualTo(502L);
        assertThat(single(trace, DATA, SpanKind.SERVER).statusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(of(trace, GATEWAY, SpanKind.CLIENT)).filteredOn(c -> c.name().startsWith("GET /data"))
                .singleElement().satisfies(c -> assertThat(c.statusCode()).isEqualTo(StatusCode.ERROR));
    }

    @Test
    void everyServiceTagsItsServerSpanWithTheScenario() {
        List<SpanData> trace = trace(get("/api/customers/1/orders?scenario=slow-query", ALICE, newRequestId(), Map.of()),
                servers(1, 1, 3));

        assertThat(of(trace, null, SpanKind.SERVER)).hasSize(5)
                .allSatisfy(server -> assertThat(server.attributes().getString(ScenarioSpanTag.ATTRIBUTE)).isEqualTo("slow-query"));
        assertThat(of(trace, null, SpanKind.SERVER)).extracting(SpanData::serviceName)
                .containsOnly(GATEWAY, AUTH, DATA);
    }

    private List<SpanData> trace(ResponseEntity<JsonNode> answer, Predicate<List<SpanData>> complete) {
        String traceId = SpanCapture.traceId(answer.getHeaders().getFirst("traceresponse"));
        return SpanCapture.trace(traceId, complete, gateway, Backends.get().auth(), Backends.get().data());
    }

    /** Complete once the gateway, auth and data server spans (those counts) have all ended. */
    private static Predicate<List<SpanData>> servers(int gateway, int auth, int data) {
        return spans -> of(spans, GATEWAY, SpanKind.SERVER).size() == gateway && of(spans, AUTH, SpanKind.SERVER).size() == auth
                && of(spans, DATA, SpanKind.SERVER).size() == data;
    }

    private static List<SpanData> of(List<SpanData> spans, String service, SpanKind kind) {
        return spans.stream().filter(s -> s.kind() == kind && (service == null || service.equals(s.serviceName()))).toList();
    }

    private static SpanData single(List<SpanData> spans, String service, SpanKind kind) {
        List<SpanData> found = of(spans, service, kind);
        assertThat(found).as(service + " " + kind + " spans").hasSize(1);
        return found.get(0);
    }

    private static boolean overlapping(List<SpanData> spans) {
        for (SpanData a : spans) {
            for (SpanData b : spans) {
                if (a != b && !(a.startEpochNanos() < b.endEpochNanos() && b.startEpochNanos() < a.endEpochNanos())) {
                    return false;
                }
            }
        }
        return spans.size() > 1;
    }
}
