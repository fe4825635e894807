package dev.tracekit.it;

import static dev.tracekit.it.Services.AUTH;
import static dev.tracekit.it.Services.DATA;
import static dev.tracekit.it.Services.GATEWAY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.testcontainers.CollectedLog;
import dev.tracekit.testcontainers.CollectedSpan;
import dev.tracekit.testcontainers.CollectedTrace;
import dev.tracekit.testcontainers.CollectorClient;
import dev.tracekit.testcontainers.TraceFinding;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What the whole platform promises, end to end: requests to the demo gateway become traces in
 * the collector with the spans of all three services linked parent to child, with their logs,
 * and each demo scenario produces the trace shape it stands for and the finding the collector's
 * analysis reports for it. Subclasses run the stack (in one JVM, from Docker images, ...).
 */
abstract class FullStackScenarios {

  /** Exporters send every second; a busy machine may take much longer. Not a speed expectation. */
  static final Duration PATIENCE = Duration.ofSeconds(60);

  static final String ORDER = "/api/orders/1";
  /** The three data-service calls the order page makes (at once, or one after another in the sequential scenario). */
  static final Set<String> ORDER_PAGE_DATA_CALLS =
      Set.of("GET /data/orders/{id}", "GET /data/customers/{id}", "GET /data/customers/{id}/recommendations");

  abstract GatewayClient gateway();

  abstract CollectorClient collector();

  @Test
  void oneRequestIsOneTraceWithSpansOfAllThreeServicesLinkedParentToChild() {
    GatewayClient.Answer answer = gateway().get(ORDER, null);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);

    CollectedTrace trace = awaitServerSpans(answer, 1, 1, 3);

    assertThat(trace.services()).containsExactlyInAnyOrder(GATEWAY, AUTH, DATA);
    assertThat(trace.roots()).as(trace.describe()).singleElement().satisfies(root -> {
      assertThat(root.service()).isEqualTo(GATEWAY);
      assertThat(root.kind()).isEqualTo("SERVER");
      assertThat(root.name()).isEqualTo("GET /api/orders/{id}");
      assertThat(root.spanId()).as("the span the traceresponse header names").isEqualTo(answer.serverSpanId());
    });
    CollectedSpan root = trace.roots().get(0);
    assertEveryParentIsInTheTrace(trace);

    List<CollectedSpan> calls = trace.spans(GATEWAY, "CLIENT");
    assertThat(calls).extracting(CollectedSpan::name).containsExactlyInAnyOrder("GET /auth/validate",
        "GET /data/orders/{id}", "GET /data/customers/{id}", "GET /data/customers/{id}/recommendations");
    assertThat(calls).allSatisfy(call -> assertThat(call.parentSpanId()).isEqualTo(root.spanId()));
    // Each call's server span is a child of the gateway's client span for it, in the other service.
    for (CollectedSpan server : serverSpansOf(trace, AUTH, DATA)) {
      CollectedSpan caller = trace.parentOf(server).orElseThrow();
      assertThat(caller.service()).as(server.toString()).isEqualTo(GATEWAY);
      assertThat(caller.kind()).as(server.toString()).isEqualTo("CLIENT");
      assertThat(caller.name()).as(server.toString()).isEqualTo(server.name());
    }
    // data-service's queries hang under its server spans.
    List<CollectedSpan> queries = queries(trace);
    assertThat(queries).as(trace.describe()).isNotEmpty();
    assertThat(queries).allSatisfy(query -> assertThat(serverAncestor(trace, query).service()).isEqualTo(DATA));
    assertThat(trace.spans()).as(trace.describe()).noneMatch(CollectedSpan::isError);
    assertThat(collector().getFindings(answer.traceId())).extracting(TraceFinding::type).doesNotContain("ERROR");
  }

  @Test
  void logsOfAllThreeServicesAreFoundByTheTraceId() {
    // A failing request: auth-service logs the valid token, data-service the failure, the gateway its 502.
    GatewayClient.Answer answer = gateway().get(ORDER, "downstream-error");
    assertThat(answer.status()).as(answer.body()).isEqualTo(502);

    // The first data call to fail cancels the other two: one cancelled before it reached
    // data-service has no server span there, so the trace holds one to three of them.
    CollectedTrace trace = collector().awaitTrace(answer.traceId(), t -> t.spans(GATEWAY, "SERVER").size() == 1
        && t.spans(AUTH, "SERVER").size() == 1 && !t.spans(DATA, "SERVER").isEmpty()
        && List.of(GATEWAY, AUTH, DATA).stream().allMatch(service -> !ownLogs(t, service).isEmpty()
            && ownLogs(t, service).stream().allMatch(log -> log.spanId() != null && t.span(log.spanId()).isPresent())),
        PATIENCE);

    assertThat(ownLogs(trace, AUTH)).extracting(CollectedLog::body).anyMatch(body -> body.contains("is valid"));
    assertThat(ownLogs(trace, DATA)).extracting(CollectedLog::body).anyMatch(body -> body.contains("fails with 500 on purpose"));
    assertThat(ownLogs(trace, GATEWAY)).extracting(CollectedLog::body).anyMatch(body -> body.contains("answering 502"));
    for (String service : List.of(GATEWAY, AUTH, DATA)) {
      for (CollectedLog log : ownLogs(trace, service)) {
        assertThat(log.traceId()).isEqualTo(answer.traceId());
        // Logged inside the request: the span it names was recorded by the same service.
        assertThat(log.spanId()).as(log.toString()).isNotNull();
        assertThat(trace.span(log.spanId())).as(log + " in " + trace.describe()).get()
            .extracting(CollectedSpan::service).isEqualTo(service);
      }
    }
  }

  @Test
  void nPlusOneScenarioQueriesItemsOneByOneAndTheAnalysisReportsNPlusOne() {
    GatewayClient.Answer answer = gateway().get(ORDER, "n-plus-one");
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);

    CollectedTrace trace = awaitServerSpans(answer, 1, 1, 3);

    CollectedSpan orderServer = trace.spans(DATA, "SERVER").stream().filter(s -> s.name().equals("GET /data/orders/{id}"))
        .findFirst().orElseThrow();
    // Order 1 has 12 items: one query per item, all of the same shape, under the one server span.
    Map<Object, List<CollectedSpan>> byStatement = queries(trace).stream()
        .filter(q -> serverAncestor(trace, q).equals(orderServer))
        .collect(Collectors.groupingBy(q -> q.attribute("db.query.text")));
    List<CollectedSpan> repeated = byStatement.values().stream().max(Comparator.comparingInt(List::size)).orElseThrow();
    assertThat(repeated).as(trace.describe()).hasSizeGreaterThanOrEqualTo(12);

    TraceFinding nPlusOne = finding(answer, "N_PLUS_ONE");
    assertThat(nPlusOne.spanCount()).isGreaterThanOrEqualTo(12);
    assertThat(nPlusOne.spanIds()).allSatisfy(id -> assertThat(repeated).extracting(CollectedSpan::spanId).contains(id));
  }

  @Test
  void sequentialScenarioCallsDataServiceOneAfterAnotherAndTheAnalysisReportsSequentialCalls() {
    GatewayClient.Answer answer = gateway().get(ORDER, "sequential");
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);

    CollectedTrace trace = awaitServerSpans(answer, 1, 1, 3);

    List<CollectedSpan> calls = dataCalls(trace);
    assertThat(calls).extracting(CollectedSpan::name).containsExactlyInAnyOrderElementsOf(ORDER_PAGE_DATA_CALLS);
    for (int i = 1; i < calls.size(); i++) {
      assertThat(calls.get(i).startMicros()).as("call %d starts after call %d ended", i, i - 1)
          .isGreaterThanOrEqualTo(calls.get(i - 1).endMicros());
    }

    // The gateway's calls (the auth call before them is sequential too), the three data calls among them.
    TraceFinding sequential = finding(answer, "SEQUENTIAL_CALLS");
    assertThat(sequential.spanIds()).isSubsetOf(ids(trace.spans(GATEWAY, "CLIENT"))).containsAll(ids(calls));
  }

  @Test
  void retriesScenarioRetriesEachDataCallAfterFailuresAndTheAnalysisReportsExcessiveRetries() {
    GatewayClient.Answer answer = gateway().get(ORDER, "retries");
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);

    CollectedTrace trace = awaitServerSpans(answer, 1, 1, 12);

    for (String call : ORDER_PAGE_DATA_CALLS) {
      List<CollectedSpan> attempts = dataCalls(trace).stream().filter(c -> c.name().equals(call)).toList();
      assertThat(attempts).as(call).hasSize(4);
      assertThat(attempts).extracting(c -> c.attribute("http.response.status_code")).containsExactly(503L, 503L, 503L, 200L);
      assertThat(attempts.subList(0, 3)).allMatch(CollectedSpan::isError);
      assertThat(attempts.get(3).isError()).isFalse();
    }
    assertThat(trace.roots().get(0).isError()).as("the request itself succeeded").isFalse();

    List<TraceFinding> retries = findings(answer, "EXCESSIVE_RETRIES");
    assertThat(retries).isNotEmpty().allSatisfy(f -> {
      assertThat(f.spanCount()).isGreaterThanOrEqualTo(3);
      assertThat(f.spanIds()).isSubsetOf(ids(dataCalls(trace)));
    });
  }

  @Test
  void slowNetworkScenarioMakesClientSpansOutlastTheirServerSpansAndTheAnalysisReportsSlowNetwork() {
    GatewayClient.Answer answer = gateway().get(ORDER, "slow-network");
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);

    CollectedTrace trace = awaitServerSpans(answer, 1, 1, 3);

    List<CollectedSpan> overThresholds = new ArrayList<>();
    for (CollectedSpan server : trace.spans(DATA, "SERVER")) {
      CollectedSpan client = trace.parentOf(server).orElseThrow();
      long gap = client.durationMicros() - server.durationMicros();
      // A lower bound set by the injected delay (300 ms), not a speed expectation.
      assertThat(gap).as(client.toString()).isGreaterThanOrEqualTo(Duration.ofMillis(300).toNanos() / 1000);
      // The detector's documented thresholds: gap >= 100 ms and client >= 2x its server. On a
      // loaded machine a slow server span can miss the ratio; such a call is rightly not reported.
      if (gap >= 100_000 && client.durationMicros() >= 2 * server.durationMicros()) {
        overThresholds.add(client);
      }
    }

    List<TraceFinding> slow = findings(answer, "SLOW_NETWORK");
    assertThat(slow).flatMap(TraceFinding::spanIds).isSubsetOf(ids(trace.spans()));
    if (!overThresholds.isEmpty()) {
      assertThat(slow).flatMap(TraceFinding::spanIds).containsAnyElementsOf(ids(overThresholds));
    }
  }

  @Test
  void downstreamErrorScenarioFailsTheRequestAndTheAnalysisReportsWhereTheErrorStarted() {
    GatewayClient.Answer answer = gateway().get(ORDER, "downstream-error");
    assertThat(answer.status()).as(answer.body()).isEqualTo(502);

    CollectedTrace trace = collector().awaitTrace(answer.traceId(),
        t -> t.spans(GATEWAY, "SERVER").size() == 1 && t.spans(AUTH, "SERVER").size() == 1
            && !t.spans(DATA, "SERVER").isEmpty(), PATIENCE);

    CollectedSpan root = trace.roots().get(0);
    assertThat(root.isError()).as(root.toString()).isTrue();
    assertThat(root.attribute("http.response.status_code")).isEqualTo(502L);
    List<CollectedSpan> failedServers = trace.spans(DATA, "SERVER");
    assertThat(failedServers).allSatisfy(s -> {
      assertThat(s.isError()).as(s.toString()).isTrue();
      assertThat(s.attribute("http.response.status_code")).isEqualTo(500L);
    });

    List<TraceFinding> errors = findings(answer, "ERROR");
    assertThat(errors).flatMap(TraceFinding::spanIds).as("where the error started: data-service")
        .containsAnyElementsOf(ids(failedServers));
  }

  @Test
  void slowQueryScenarioHasAQueryAsLongAsTheInjectedPauseAndASlowQueryFindingNamingItEveryTime() {
    for (int request = 1; request <= 3; request++) {
      GatewayClient.Answer answer = gateway().get("/api/catalog", "slow-query");
      assertThat(answer.status()).as(answer.body()).isEqualTo(200);

      CollectedTrace trace = awaitServerSpans(answer, 1, 1, 1);

      // A lower bound set by the injected pause (300 ms), not a speed expectation.
      List<CollectedSpan> paused = queries(trace).stream().filter(q -> q.durationMicros() >= 300_000).toList();
      assertThat(paused).as("request %d: %s", request, trace.describe()).isNotEmpty();
      // Found from the first request on: the slow-query rule needs no history.
      TraceFinding slow = finding(answer, "SLOW_QUERY");
      assertThat(slow.spanIds()).as("request %d", request).containsAnyElementsOf(ids(paused));
    }
  }

  /** Waits until the trace holds the server spans of the gateway, auth-service and data-service (those counts). */
  CollectedTrace awaitServerSpans(GatewayClient.Answer answer, int gateway, int auth, int data) {
    return collector().awaitTrace(answer.traceId(), t -> servers(t, gateway, auth, data), PATIENCE);
  }

  static boolean servers(CollectedTrace trace, int gateway, int auth, int data) {
    return trace.spans(GATEWAY, "SERVER").size() == gateway && trace.spans(AUTH, "SERVER").size() == auth
        && trace.spans(DATA, "SERVER").size() == data;
  }

  /** Log records a service wrote from its own classes (not a framework's). */
  static List<CollectedLog> ownLogs(CollectedTrace trace, String service) {
    return trace.logs(service).stream()
        .filter(l -> l.attribute("logger.name") instanceof String logger && logger.startsWith(Services.packageOf(service)))
        .toList();
  }

  TraceFinding finding(GatewayClient.Answer answer, String type) {
    List<TraceFinding> found = findings(answer, type);
    assertThat(found).as(type + " findings").isNotEmpty();
    return found.get(0);
  }

  List<TraceFinding> findings(GatewayClient.Answer answer, String type) {
    List<TraceFinding> all = collector().getFindings(answer.traceId());
    List<TraceFinding> ofType = all.stream().filter(f -> f.type().equals(type)).toList();
    assertThat(ofType).as("%s finding in %s", type, all).isNotEmpty();
    return ofType;
  }

  /** Calls {@code read} until {@code done} accepts its result; fails with the last result after {@code patience}. */
  static <T> T poll(Supplier<T> read, Predicate<T> done, Duration patience) {
    long deadline = System.nanoTime() + patience.toNanos();
    while (true) {
      T value = read.get();
      if (done.test(value)) {
        return value;
      }
      if (System.nanoTime() - deadline >= 0) {
        throw new AssertionError("not as expected within " + patience + ": " + value);
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }

  static void assertEveryParentIsInTheTrace(CollectedTrace trace) {
    for (CollectedSpan span : trace.spans()) {
      if (!span.isRoot()) {
        assertThat(trace.parentOf(span)).as("parent of %s in %s", span, trace.describe()).isPresent();
      }
    }
  }

  /** The gateway's calls to data-service, by start time. */
  static List<CollectedSpan> dataCalls(CollectedTrace trace) {
    return trace.spans(GATEWAY, "CLIENT").stream().filter(c -> c.name().startsWith("GET /data/"))
        .sorted(Comparator.comparingLong(CollectedSpan::startMicros)).toList();
  }

  /** data-service's JDBC spans. */
  static List<CollectedSpan> queries(CollectedTrace trace) {
    return trace.spans().stream().filter(s -> s.service().equals(DATA) && s.attribute("db.query.text") != null).toList();
  }

  static List<CollectedSpan> serverSpansOf(CollectedTrace trace, String... services) {
    List<CollectedSpan> servers = new ArrayList<>();
    for (String service : services) {
      servers.addAll(trace.spans(service, "SERVER"));
    }
    return servers;
  }

  /** The nearest SERVER span at or above {@code span}. */
  static CollectedSpan serverAncestor(CollectedTrace trace, CollectedSpan span) {
    CollectedSpan current = span;
    while (!current.kind().equals("SERVER")) {
      CollectedSpan of = current;
      current = trace.parentOf(current).orElseThrow(() -> new AssertionError("no server span above " + of));
    }
    return current;
  }

  static List<String> ids(List<CollectedSpan> spans) {
    return spans.stream().map(CollectedSpan::spanId).toList();
  }
}
