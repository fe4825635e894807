package dev.tracekit.starter.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracekit.core.Context;
import dev.tracekit.core.InMemorySpanExporter;
import dev.tracekit.core.Span;
import dev.tracekit.core.SpanData;
import dev.tracekit.core.StatusCode;
import dev.tracekit.core.TraceKit;
import dev.tracekit.core.propagation.W3CTraceContextPropagator;
import dev.tracekit.starter.context.TraceKitContextAccessor;
import dev.tracekit.starter.http.UrlRedactor;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * The WebClient filter on its own (no server, no Spring context): one CLIENT span per
 * subscription, ended exactly once on the response, an error or a cancellation, and the trace
 * headers on the request that is actually sent.
 */
class TracingExchangeFilterFunctionTests {

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final TraceKit traceKit = TraceKit.builder().serviceName("client-test").spanExporter(exporter).build();
  private final TracingExchangeFilterFunction filter = new TracingExchangeFilterFunction(
      new ClientSpans(traceKit.tracer(), W3CTraceContextPropagator.getInstance(), new UrlRedactor(List.of())));
  private final ClientRequest request =
      ClientRequest.create(HttpMethod.GET, URI.create("http://inventory.local/items/7")).build();

  @AfterEach
  void close() {
    traceKit.close();
  }

  private List<SpanData> spans() {
    assertThat(traceKit.flush(Duration.ofSeconds(10))).isTrue();
    return exporter.spans();
  }

  @Test
  void aResponseEndsTheSpanWithItsStatusAndTheSentRequestCarriesTraceparent() {
    AtomicReference<ClientRequest> sent = new AtomicReference<>();
    ExchangeFunction next = r -> {
      sent.set(r);
      return Mono.just(ClientResponse.create(HttpStatus.NOT_FOUND).build());
    };

    assertThat(filter.filter(request, next).block(Duration.ofSeconds(10))).isNotNull();

    assertThat(spans()).singleElement().satisfies(span -> {
      assertThat(span.attributes().get("http.response.status_code")).isEqualTo(404L);
      assertThat(sent.get().headers().getFirst("traceparent")).contains(span.context().spanIdHex());
    });
  }

  @Test
  void anErrorEndsTheSpanAsFailedAndReachesTheCaller() {
    ExchangeFunction next = r -> Mono.error(new IOException("connection refused"));

    assertThatThrownBy(() -> filter.filter(request, next).block(Duration.ofSeconds(10)))
        .hasMessageContaining("connection refused");

    assertThat(spans()).singleElement().satisfies(span -> assertThat(span.statusCode()).isEqualTo(StatusCode.ERROR));
  }

  @Test
  void aCancelledExchangeEndsItsSpanOnceAndCancelsTheRequest() {
    AtomicInteger cancelled = new AtomicInteger();
    ExchangeFunction next = r -> Mono.<ClientResponse>never().doOnCancel(cancelled::incrementAndGet);

    Disposable subscription = filter.filter(request, next).subscribe();
    subscription.dispose();
    subscription.dispose();

    assertThat(cancelled).hasValue(1);
    assertThat(spans()).hasSize(1);
  }

  @Test
  void theServerSpanInTheReactorContextIsTheParentAndTheExchangeBelowDoesNotCarryIt() {
    Span server = traceKit.tracer().spanBuilder("GET /orders").startSpan();
    Context parent = Context.root().with(server);
    AtomicReference<ContextView> below = new AtomicReference<>();
    ExchangeFunction next = r -> Mono.deferContextual(view -> {
      below.set(view);
      return Mono.just(ClientResponse.create(HttpStatus.OK).build());
    });

    filter.filter(request, next)
        .contextWrite(c -> c.put(TraceKitContextAccessor.KEY, parent).put("caller.key", "kept"))
        .block(Duration.ofSeconds(10));
    server.end();

    assertThat(below.get().hasKey(TraceKitContextAccessor.KEY)).isFalse();
    assertThat(below.get().<String>get("caller.key")).isEqualTo("kept");
    assertThat(spans()).filteredOn(s -> s.name().startsWith("GET") && !s.name().equals("GET /orders"))
        .singleElement()
        .satisfies(client -> assertThat(client.parentSpanIdHex()).isEqualTo(server.context().spanIdHex()));
  }

  @Test
  void everySubscriptionIsItsOwnSpan() {
    ExchangeFunction next = r -> Mono.just(ClientResponse.create(HttpStatus.OK).build());
    Mono<ClientResponse> exchange = filter.filter(request, next);

    exchange.block(Duration.ofSeconds(10));
    exchange.block(Duration.ofSeconds(10));

    assertThat(spans()).hasSize(2).extracting(s -> s.context().spanIdHex()).doesNotHaveDuplicates();
  }
}
