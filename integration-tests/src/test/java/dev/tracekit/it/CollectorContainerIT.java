package dev.tracekit.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracekit.core.Attributes;
import dev.tracekit.core.Context;
import dev.tracekit.core.InstrumentationScope;
import dev.tracekit.core.LogRecordData;
import dev.tracekit.core.Span;
import dev.tracekit.core.SpanKind;
import dev.tracekit.core.StatusCode;
import dev.tracekit.core.TraceContext;
import dev.tracekit.core.TraceKit;
import dev.tracekit.core.export.OtlpHttpLogExporter;
import dev.tracekit.core.export.OtlpHttpSpanExporter;
import dev.tracekit.testcontainers.CollectedSpan;
import dev.tracekit.testcontainers.CollectedTrace;
import dev.tracekit.testcontainers.CollectorClient;
import dev.tracekit.testcontainers.CollectorContainer;
import dev.tracekit.testcontainers.CollectorException;
import dev.tracekit.testcontainers.TraceSummary;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link CollectorContainer} as a user of tracekit-testcontainers runs it: built from the
 * collector module's Dockerfile, with an ingest token and a query token; an application's
 * TraceKit exporters send to {@link CollectorContainer#getOtlpEndpoint()} and
 * {@link CollectorContainer#client()} (which sends the query token) reads back exactly what they
 * sent.
 */
@DockerTests
class CollectorContainerIT {

  private static final String TOKEN = "it-ingest-token";
  private static final String QUERY_TOKEN = "it-query-token";

  private static CollectorContainer collector;

  @BeforeAll
  static void start() {
    collector = CollectorContainer.fromDockerfile(Project.module("collector"), Project.baseImage()).withIngestToken(TOKEN)
        .withQueryToken(QUERY_TOKEN);
    collector.start();
  }

  /** Also removes the image fromDockerfile built. */
  @AfterAll
  static void stop() {
    if (collector != null) {
      collector.stop();
    }
  }

  @Test
  void spansAndLogsSentToTheOtlpEndpointWithTheTokenReadBackThroughTheClient() {
    String traceId;
    String parentId;
    String childId;
    try (TraceKit app = TraceKit.builder()
        .serviceName("container-it-app")
        .spanExporter(OtlpHttpSpanExporter.builder().endpoint(collector.getOtlpEndpoint())
            .header("Authorization", "Bearer " + collector.getIngestToken()).build())
        .logExporter(OtlpHttpLogExporter.builder().endpoint(collector.getOtlpEndpoint())
            .header("Authorization", "Bearer " + collector.getIngestToken()).build())
        .build()) {
      Span parent = app.tracer().spanBuilder("GET /checkout").setKind(SpanKind.SERVER)
          .setAttribute("http.response.status_code", 200L).startSpan();
      Span child = app.tracer().spanBuilder("charge card").setParent(Context.root().with(parent))
          .setKind(SpanKind.CLIENT).setAttribute("payment.retry", true).startSpan();
      child.setStatus(StatusCode.ERROR, "card declined");
      TraceContext childContext = child.context();
      app.logs().emit(new LogRecordData(System.currentTimeMillis() * 1_000_000L, System.currentTimeMillis() * 1_000_000L,
          17, "ERROR", "card declined for order 42", Attributes.builder().put("order.id", 42L).build(),
          childContext.traceIdHigh(), childContext.traceIdLow(), childContext.spanId(), childContext.flags(),
          app.resource(), new InstrumentationScope("container-it", null)));
      child.end();
      parent.end();
      traceId = parent.context().traceIdHex();
      parentId = parent.context().spanIdHex();
      childId = childContext.spanIdHex();
      assertThat(app.flush(Duration.ofSeconds(30))).as("exported within 30 s").isTrue();
    }

    CollectorClient client = collector.client();
    CollectedTrace trace = client.awaitTrace(traceId, t -> t.spans().size() == 2 && t.logs().size() == 1,
        FullStackScenarios.PATIENCE);

    assertThat(trace.roots()).singleElement().satisfies(root -> {
      assertThat(root.spanId()).isEqualTo(parentId);
      assertThat(root.name()).isEqualTo("GET /checkout");
      assertThat(root.kind()).isEqualTo("SERVER");
      assertThat(root.service()).isEqualTo("container-it-app");
      assertThat(root.attribute("http.response.status_code")).isEqualTo(200L);
    });
    CollectedSpan child = trace.span(childId).orElseThrow();
    assertThat(child.parentSpanId()).isEqualTo(parentId);
    assertThat(child.isError()).isTrue();
    assertThat(child.statusMessage()).isEqualTo("card declined");
    assertThat(child.attribute("payment.retry")).isEqualTo(true);
    assertThat(trace.logs()).singleElement().satisfies(log -> {
      assertThat(log.spanId()).isEqualTo(childId);
      assertThat(log.level()).isEqualTo("ERROR");
      assertThat(log.body()).isEqualTo("card declined for order 42");
      assertThat(log.attribute("order.id")).isEqualTo(42L);
    });
    assertThat(client.findTraces("container-it-app")).extracting(TraceSummary::traceId).contains(traceId);
    assertThat(client.getFindings(traceId)).extracting(f -> f.type()).contains("ERROR");
    assertThat(client.getTrace("0af7651916cd43dd8448eb211c80319c")).isEmpty();
  }

  @Test
  void ingestWithoutTheTokenIsRejected() throws IOException, InterruptedException {
    HttpResponse<String> answer = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(collector.getOtlpEndpoint() + "/v1/traces"))
            .header("Content-Type", "application/x-protobuf")
            .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[0]))
            .build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(401);
  }

  @Test
  void queriesWithoutTheQueryTokenAreRejected() {
    CollectorClient withoutToken = CollectorClient.of(URI.create(collector.getOtlpEndpoint()));

    assertThatThrownBy(() -> withoutToken.findTraces("container-it-app"))
        .isInstanceOfSatisfying(CollectorException.class, e -> assertThat(e.status()).isEqualTo(401));
    assertThatThrownBy(() -> CollectorClient.of(URI.create(collector.getOtlpEndpoint()), "wrong-token")
        .findTraces("container-it-app"))
        .isInstanceOfSatisfying(CollectorException.class, e -> assertThat(e.status()).isEqualTo(401));
  }
}
