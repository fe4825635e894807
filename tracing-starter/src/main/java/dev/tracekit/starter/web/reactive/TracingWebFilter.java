package dev.tracekit.starter.web.reactive;

import dev.tracekit.core.Context;
import dev.tracekit.core.Scope;
import dev.tracekit.core.Span;
import dev.tracekit.core.SpanBuilder;
import dev.tracekit.core.SpanKind;
import dev.tracekit.core.StatusCode;
import dev.tracekit.core.Tracer;
import dev.tracekit.core.propagation.TextMapGetter;
import dev.tracekit.core.propagation.TextMapPropagator;
import dev.tracekit.starter.context.TraceKitContextAccessor;
import dev.tracekit.starter.context.TraceMdc;
import dev.tracekit.starter.http.HttpAttributes;
import dev.tracekit.starter.http.PathExclusions;
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
 * from where automatic context propagation restores it (MDC included) on whichever thread runs
 * an operator. The span is named {@code METHOD route} from the matched pattern when the
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

  private final Tracer tracer;
  private final TextMapPropagator propagator;
  private final PathExclusions exclusions;
  private final UrlRedactor redactor;
  private final boolean traceResponseHeader;

  public TracingWebFilter(
      Tracer tracer,
      TextMapPropagator propagator,
      PathExclusions exclusions,
      UrlRedactor redactor,
      boolean traceResponseHeader) {
    this.tracer = tracer;
    this.propagator = propagator;
    this.exclusions = exclusions;
    this.redactor = redactor;
    this.traceResponseHeader = traceResponseHeader;
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
      String rawMethod = request.getMethod().name();
      String method = HttpAttributes.knownMethod(rawMethod);
      URI uri = request.getURI();
      SpanBuilder builder =
          tracer
              .spanBuilder(HttpAttributes.spanName(method, null))
              .setParent(parent)
              .setKind(SpanKind.SERVER)
              .setAttribute(HttpAttributes.HTTP_REQUEST_METHOD, method)
              .setAttribute(HttpAttributes.URL_PATH, redactor.redactPath(request.getPath().value()));
      if ("_OTHER".equals(method)) {
        builder.setAttribute(HttpAttributes.HTTP_REQUEST_METHOD_ORIGINAL, rawMethod);
      }
      if (uri.getScheme() != null) {
        builder.setAttribute(HttpAttributes.URL_SCHEME, uri.getScheme());
      }
      if (uri.getHost() != null) {
        builder.setAttribute(HttpAttributes.SERVER_ADDRESS, uri.getHost());
        builder.setAttribute(
            HttpAttributes.SERVER_PORT,
            (long) (uri.getPort() >= 0 ? uri.getPort() : HttpAttributes.defaultPort(uri.getScheme())));
      }
      String query = uri.getRawQuery();
      if (query != null) {
        builder.setAttribute(HttpAttributes.URL_QUERY, redactor.redactQuery(query));
      }
      InetSocketAddress remote = request.getRemoteAddress();
      if (remote != null && remote.getAddress() != null) {
        builder.setAttribute(HttpAttributes.CLIENT_ADDRESS, remote.getAddress().getHostAddress());
      }
      String userAgent = request.getHeaders().getFirst(HttpHeaders.USER_AGENT);
      if (userAgent != null) {
        builder.setAttribute(HttpAttributes.USER_AGENT_ORIGINAL, userAgent);
      }
      span = builder.startSpan();
      Context context = parent.with(span);
      exchange.getAttributes().put(CONTEXT_ATTRIBUTE, context);
      if (traceResponseHeader && span.context().isValid()) {
        exchange
            .getResponse()
            .getHeaders()
            .set(HttpAttributes.TRACE_RESPONSE_HEADER, HttpAttributes.traceResponse(span.context()));
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
      String route = route(exchange);
      if (route != null) {
        span.setAttribute(HttpAttributes.HTTP_ROUTE, route);
        span.updateName(
            HttpAttributes.spanName(HttpAttributes.knownMethod(exchange.getRequest().getMethod().name()), route));
      }
      int status = status(exchange, error);
      span.setAttribute(HttpAttributes.HTTP_RESPONSE_STATUS_CODE, (long) status);
      if (status >= 500) {
        span.setAttribute(
            HttpAttributes.ERROR_TYPE, error != null ? error.getClass().getName() : Integer.toString(status));
        if (error != null) {
          span.recordException(error);
        }
        span.setStatus(StatusCode.ERROR);
      }
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
