package dev.tracekit.starter.client;

import dev.tracekit.core.Context;
import dev.tracekit.core.Span;
import dev.tracekit.starter.context.TraceKitContextAccessor;
import dev.tracekit.starter.support.InstrumentationErrors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * Records a CLIENT span around each {@code WebClient} exchange and writes the trace headers.
 * The parent is the TraceKit context found in the Reactor context (put there by the WebFlux
 * server filter), else the one current on the subscribing thread. Each subscription is one
 * attempt: a {@code retry()} re-subscribes, and the attempt counter that {@link #countAttempts}
 * puts on every request spec numbers the resends.
 */
public final class TracingExchangeFilterFunction implements ExchangeFilterFunction {

  static final String ATTEMPTS_ATTRIBUTE = TracingExchangeFilterFunction.class.getName() + ".attempts";
  private static final String WEB_CLIENT_URI_TEMPLATE =
      "org.springframework.web.reactive.function.client.WebClient.uriTemplate";

  private final ClientSpans spans;

  TracingExchangeFilterFunction(ClientSpans spans) {
    this.spans = spans;
  }

  /**
   * A {@code WebClient.Builder#defaultRequest} consumer giving each request spec (one logical
   * request, however often it is re-subscribed) its own attempt counter.
   */
  static Consumer<WebClient.RequestHeadersSpec<?>> countAttempts() {
    return spec -> spec.attribute(ATTEMPTS_ATTRIBUTE, new AtomicInteger());
  }

  @Override
  public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
    return Mono.deferContextual(view -> exchange(request, next, view));
  }

  private Mono<ClientResponse> exchange(ClientRequest request, ExchangeFunction next, ContextView view) {
    Span span = null;
    ClientRequest traced;
    try {
      Context parent = view.getOrDefault(TraceKitContextAccessor.KEY, Context.current());
      span =
          spans.start(
              parent,
              request.method().name(),
              request.url(),
              request.attribute(WEB_CLIENT_URI_TEMPLATE).orElse(null) instanceof String template ? template : null,
              request.attribute(ATTEMPTS_ATTRIBUTE).orElse(null) instanceof AtomicInteger attempts
                  ? attempts.getAndIncrement()
                  : 0);
      ClientRequest.Builder builder = ClientRequest.from(request);
      Span current = span;
      builder.headers(headers -> spans.inject(parent, current, headers, (h, k, v) -> h.set(k, v)));
      traced = builder.build();
    } catch (RuntimeException | LinkageError ex) {
      InstrumentationErrors.record("WebClient filter (start)", ex);
      if (span != null) {
        span.end();
      }
      return next.exchange(request);
    }
    Span started = span;
    return next.exchange(traced)
        .contextWrite(TracingExchangeFilterFunction::withoutTraceKitContext)
        .doOnNext(response -> endQuietly(started, response.statusCode().value(), null))
        .doOnError(error -> endQuietly(started, 0, error))
        .doOnCancel(() -> endQuietly(started, 0, null));
  }

  /**
   * The exchange below this filter (Spring's observation filter, Reactor Netty's connection pool
   * and retries) never reads TraceKit's context: the span is started and the headers are written.
   * Leaving the entry out keeps the Reactor contexts that code builds one entry smaller, which
   * matters because Reactor 3.8 builds four- and five-entry contexts at a cost (every key check
   * formats an error message, used or not); the caller's operators still see the full context.
   */
  private static reactor.util.context.Context withoutTraceKitContext(reactor.util.context.Context context) {
    return context.hasKey(TraceKitContextAccessor.KEY) ? context.delete(TraceKitContextAccessor.KEY) : context;
  }

  private static void endQuietly(Span span, int status, Throwable error) {
    try {
      ClientSpans.end(span, status, error);
    } catch (RuntimeException ex) {
      InstrumentationErrors.record("WebClient filter (end)", ex);
      span.end();
    }
  }
}
