package dev.tracekit.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracekit.core.Context;
import dev.tracekit.core.Span;
import dev.tracekit.core.SpanKind;
import dev.tracekit.core.TraceKit;
import dev.tracekit.core.export.OtlpHttpSpanExporter;
import dev.tracekit.testcontainers.CollectedTrace;
import dev.tracekit.testcontainers.CollectorClient;
import dev.tracekit.testcontainers.CollectorException;
import dev.tracekit.testcontainers.TraceSummary;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** tracekit-testcontainers' {@link CollectorClient} against the real collector, here in this JVM (no Docker). */
class CollectorClientTest {

  private static ConfigurableApplicationContext collector;
  private static CollectorClient client;
  private static String traceId;
  private static String rootId;

  @BeforeAll
  static void collectorWithOneTrace() {
    collector = InProcessStack.startCollector();
    String url = InProcessStack.url(collector);
    client = CollectorClient.of(URI.create(url));
    try (TraceKit app = TraceKit.builder().serviceName("client-test-app")
        .spanExporter(OtlpHttpSpanExporter.builder().endpoint(url).build()).build()) {
      Span root = app.tracer().spanBuilder("GET /things").setKind(SpanKind.SERVER).startSpan();
      app.tracer().spanBuilder("SELECT things").setParent(Context.root().with(root)).setKind(SpanKind.CLIENT)
          .setAttribute("db.rows", 3L).setAttribute("db.ratio", 0.5).startSpan().end();
      root.end();
      traceId = root.context().traceIdHex();
      rootId = root.context().spanIdHex();
      assertThat(app.flush(Duration.ofSeconds(30))).isTrue();
    }
  }

  @AfterAll
  static void stop() {
    if (collector != null) {
      collector.close();
    }
  }

  @Test
  void awaitTraceReturnsTheSpansWithTypedAttributesOnceTheyHaveArrived() {
    CollectedTrace trace = client.awaitTrace(traceId, t -> t.spans().size() == 2, FullStackScenarios.PATIENCE);

    assertThat(trace.traceId()).isEqualTo(traceId);
    assertThat(trace.services()).containsExactly("client-test-app");
    assertThat(trace.childrenOf(trace.roots().get(0))).singleElement().satisfies(child -> {
      assertThat(child.parentSpanId()).isEqualTo(rootId);
      assertThat(child.attribute("db.rows")).isEqualTo(3L);
      assertThat(child.attribute("db.ratio")).isEqualTo(0.5);
      assertThat(child.status()).isEqualTo("UNSET");
    });
  }

  @Test
  void findTracesListsTheTraceUnderItsService() {
    client.awaitTrace(traceId, t -> t.spans().size() == 2, FullStackScenarios.PATIENCE);

    List<TraceSummary> found = client.findTraces("client-test-app");

    assertThat(found).singleElement().satisfies(summary -> {
      assertThat(summary.traceId()).isEqualTo(traceId);
      assertThat(summary.rootName()).isEqualTo("GET /things");
      assertThat(summary.spanCount()).isEqualTo(2);
    });
    assertThat(client.findTraces("no-such-service")).isEmpty();
  }

  @Test
  void anUnknownTraceIsEmptyAndAwaitingItFailsSayingWhatWasThere() {
    String unknown = "4bf92f3577b34da6a3ce929d0e0e4736";

    assertThat(client.getTrace(unknown)).isEmpty();
    assertThatThrownBy(() -> client.awaitTrace(unknown, Duration.ofMillis(500)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("no span of trace " + unknown);
    assertThatThrownBy(() -> client.getFindings(unknown))
        .isInstanceOfSatisfying(CollectorException.class, e -> assertThat(e.status()).isEqualTo(404));
  }

  @Test
  void aTraceThatStaysIncompleteFailsListingTheSpansItHas() {
    assertThatThrownBy(() -> client.awaitTrace(traceId, t -> t.spans().size() == 3, Duration.ofSeconds(2)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("2 spans")
        .hasMessageContaining("'SELECT things'");
  }

  @Test
  void aMalformedTraceIdIsTheCollectorsBadRequest() {
    assertThatThrownBy(() -> client.getTrace("not-a-trace-id"))
        .isInstanceOfSatisfying(CollectorException.class, e -> assertThat(e.status()).isEqualTo(400))
        .hasMessageContaining("400");
  }
}
