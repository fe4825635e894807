package dev.tracekit.starter.web.reactive;

import dev.tracekit.core.Context;
import dev.tracekit.core.Scope;
import dev.tracekit.core.Span;
import dev.tracekit.core.Tracer;
import dev.tracekit.core.propagation.TextMapGetter;
import dev.tracekit.core.propagation.TextMapPropagator;
import dev.tracekit.starter.context.TraceKitContextAccessor;
import dev.tracekit.starter.context.TraceMdc;
import dev.tracekit.starter.http.HttpAttributes;
import dev.tracekit.starter.http.PathExclusions;
import dev.tracekit.starter.http.ServerSpans;
import dev.tracekit.starter.http.UrlRedactor;
import dev.tracekit.starter.support.InstrumentationErrors;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.ErrorResponse;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import reactor.core.publisher.Mono;

/**
 * Records one SERVER span per WebFlux exchange. The span's context is current while the chain
 * is assembled and travels in the Reactor context under {@link TraceKitContextAccessor#KEY},
 * where TraceKit's WebClient instrumentation finds it; with Boot's
 * {@code spring.reactor.context-propagation=auto}, Reactor also restores it on whichever thread
 * runs an operator. The span is named {@code METHOD route} from the matched pattern when the
 * exchange completes. Whatever goes wrong in here is counted and the exchange goes on.
 */
public final class TracingWebFilter implements WebFilter, Ordered {

  /** Where the filter runs: before Spring Security's filter chain. */
  public static final int ORDER = Ordered.HIGHEST_PRECEDENCE;

  /** Exchange attribute holding the server span's {@link Context}. */
  public static final String CONTEXT_ATTRIBUTE = TracingWebFilter.class.getName() + ".context";

  static final TextMapGetter<HttpHeaders> GETTER =
      new TextMapGetter<>() {
        @Override
        public String get(HttpHeaders carrier, String key) {
          return carrier.getFirst(key);
        }

        @Override
        public Iterable<String> getAll(HttpHeaders carrier, String key) {
          List<String> values = carrier.get(key);
          return values == null ? List.of() : values;
        }
      };

  private final TextMapPropagator propagator;
  private final PathExclusions exclusions;
  private final ServerSpans spans;

  public TracingWebFilter(
      Tracer tracer,
      TextMapPropagator propagator,
      PathExclusions exclusions,
      UrlRedactor redactor,
      boolean traceResponseHeader) {
    this.propagator = propagator;
    this.exclusions = exclusions;
    this.spans = new ServerSpans(tracer, redactor, traceResponseHeader);
  }

  @Override
  public int getOrder() {
    return ORDER;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    Context context = start(exchange);
    if (context == null) {
      return chain.filter(exchange);
    }
    Span span = context.span();
    return Mono.defer(
            () -> {
              Scope scope = TraceMdc.makeCurrent(context);
              try {
                return chain.filter(exchange);
              } finally {
                scope.close();
              }
            })
        .doOnSuccess(done -> end(exchange, span, null))
        .doOnError(error -> end(exchange, span, error))
        .doOnCancel(() -> end(exchange, span, null))
        .contextWrite(reactorContext -> reactorContext.put(TraceKitContextAccessor.KEY, context));
  }

  /** Starts the span, or returns null when the request is excluded or tracing failed. */
  private Context start(ServerWebExchange exchange) {
    Span span = null;
    try {
      ServerHttpRequest request = exchange.getRequest();
      if (exclusions.isExcluded(request.getPath().pathWithinApplication().value())) {
        return null;
      }
      Context parent = propagator.extract(Context.root(), request.getHeaders(), GETTER);
      span = spans.start(parent, request.getMethod().name());
      if (span.isRecording()) {
        URI uri = request.getURI();
        InetSocketAddress remote = request.getRemoteAddress();
        spans.describe(
            span,
            request.getMethod().name(),
            request.getPath().value(),
            uri.getScheme(),
            uri.getHost(),
            uri.getPort(),
            uri.getRawQuery(),
            remote != null && remote.getAddress() != null ? remote.getAddress().getHostAddress() : null,
            request.getHeaders().getFirst(HttpHeaders.USER_AGENT));
      }
      Context context = parent.with(span);
      exchange.getAttributes().put(CONTEXT_ATTRIBUTE, context);
      String traceResponse = spans.traceResponse(span);
      if (traceResponse != null) {
        exchange.getResponse().getHeaders().set(HttpAttributes.TRACE_RESPONSE_HEADER, traceResponse);
      }
      return context;
    } catch (RuntimeException | LinkageError ex) {
      InstrumentationErrors.record("WebFlux filter (start)", ex);
      if (span != null) {
        span.end();
      }
      return null;
    }
  }

  private static void end(ServerWebExchange exchange, Span span, Throwable error) {
    try {
      ServerSpans.nameAfterRoute(span, exchange.getRequest().getMethod().name(), route(exchange));
      ServerSpans.recordStatus(span, status(exchange, error), error);
    } catch (RuntimeException | LinkageError ex) {
      InstrumentationErrors.record("WebFlux filter (end)", ex);
    } finally {
      span.end();
    }
  }

  /** The matched route pattern (functional or annotated endpoints), or null. */
  private static String route(ServerWebExchange exchange) {
    Object pattern = exchange.getAttribute(RouterFunctions.MATCHING_PATTERN_ATTRIBUTE);
    if (pattern == null) {
      pattern = exchange.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
    }
    if (pattern instanceof PathPattern pathPattern) {
      return pathPattern.getPatternString();
    }
    return pattern == null ? null : pattern.toString();
  }

  /**
   * The status the client gets. An error still travelling up is turned into a response by the
   * exception handlers after this filter, so derive its status as they will.
   */
  private static int status(ServerWebExchange exchange, Throwable error) {
    if (error instanceof ErrorResponse errorResponse) {
      return errorResponse.getStatusCode().value();
    }
    if (error != null) {
      return 500;
    }
    HttpStatusCode code = exchange.getResponse().getStatusCode();
    return code == null ? 200 : code.value();
  }
}
