package dev.tracekit.starter.web.servlet;

import dev.tracekit.core.Context;
import dev.tracekit.core.Scope;
import dev.tracekit.core.Span;
import dev.tracekit.core.StatusCode;
import dev.tracekit.core.Tracer;
import dev.tracekit.core.propagation.TextMapGetter;
import dev.tracekit.core.propagation.TextMapPropagator;
import dev.tracekit.starter.context.TraceMdc;
import dev.tracekit.starter.http.HttpAttributes;
import dev.tracekit.starter.http.PathExclusions;
import dev.tracekit.starter.http.ServerSpans;
import dev.tracekit.starter.http.UrlRedactor;
import dev.tracekit.starter.support.InstrumentationErrors;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Records one SERVER span per servlet request: continues the caller's trace from the
 * request headers, names the span {@code METHOD route} once Spring MVC has matched the route,
 * and keeps the span current (MDC included) while the rest of the chain runs. Asynchronous
 * requests end their span when the async work completes; their async dispatches run with the
 * span current again. Whatever goes wrong in here is counted and the request goes on.
 */
public final class TracingFilter extends OncePerRequestFilter {

  /** Where the filter runs: before Spring Security and Spring's own observation filter. */
  public static final int ORDER = Ordered.HIGHEST_PRECEDENCE;

  /** Request attribute holding the server span's {@link Context} for the request's lifetime. */
  public static final String CONTEXT_ATTRIBUTE = TracingFilter.class.getName() + ".context";

  static final TextMapGetter<HttpServletRequest> GETTER =
      new TextMapGetter<>() {
        @Override
        public String get(HttpServletRequest carrier, String key) {
          return carrier.getHeader(key);
        }

        @Override
        public Iterable<String> getAll(HttpServletRequest carrier, String key) {
          return Collections.list(carrier.getHeaders(key));
        }
      };

  private final TextMapPropagator propagator;
  private final PathExclusions exclusions;
  private final ServerSpans spans;

  public TracingFilter(
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
  protected boolean shouldNotFilterAsyncDispatch() {
    // Async dispatches run with the request's span current again (no new span).
    return false;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (isAsyncDispatch(request)) {
      continueAsyncDispatch(request, response, chain);
      return;
    }
    Context context = start(request, response);
    if (context == null) {
      chain.doFilter(request, response);
      return;
    }
    Throwable error = null;
    Scope scope = TraceMdc.makeCurrent(context);
    try {
      chain.doFilter(request, response);
    } catch (IOException | ServletException | RuntimeException | Error ex) {
      error = ex;
      throw ex;
    } finally {
      scope.close();
      afterChain(request, response, context.span(), error);
    }
  }

  private void continueAsyncDispatch(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Object context = request.getAttribute(CONTEXT_ATTRIBUTE);
    if (!(context instanceof Context ctx)) {
      chain.doFilter(request, response);
      return;
    }
    Scope scope = TraceMdc.makeCurrent(ctx);
    try {
      chain.doFilter(request, response);
    } finally {
      scope.close();
    }
  }

  /** Starts the span, or returns null when the request is excluded or tracing failed. */
  private Context start(HttpServletRequest request, HttpServletResponse response) {
    Span span = null;
    try {
      String path = pathWithinApplication(request);
      if (exclusions.isExcluded(path)) {
        return null;
      }
      Context parent = propagator.extract(Context.root(), request, GETTER);
      span = spans.start(parent, request.getMethod());
      if (span.isRecording()) {
        spans.describe(
            span,
            request.getMethod(),
            request.getRequestURI(),
            request.getScheme(),
            request.getServerName(),
            request.getServerPort(),
            request.getQueryString(),
            request.getRemoteAddr(),
            request.getHeader("User-Agent"));
      }
      Context context = parent.with(span);
      request.setAttribute(CONTEXT_ATTRIBUTE, context);
      String traceResponse = spans.traceResponse(span);
      if (traceResponse != null) {
        response.setHeader(HttpAttributes.TRACE_RESPONSE_HEADER, traceResponse);
      }
      return context;
    } catch (RuntimeException | LinkageError ex) {
      InstrumentationErrors.record("servlet filter (start)", ex);
      if (span != null) {
        span.end();
      }
      return null;
    }
  }

  private void afterChain(
      HttpServletRequest request, HttpServletResponse response, Span span, Throwable error) {
    try {
      // Set by Spring MVC when a handler matched.
      Object route = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
      ServerSpans.nameAfterRoute(span, request.getMethod(), route == null ? null : route.toString());
      if (error == null && request.isAsyncStarted()) {
        request.getAsyncContext().addListener(new EndOnAsyncComplete(span), request, response);
        return;
      }
      end(request, response, span, error);
    } catch (RuntimeException | LinkageError ex) {
      InstrumentationErrors.record("servlet filter (end)", ex);
      span.end();
    }
  }

  static void end(HttpServletRequest request, HttpServletResponse response, Span span, Throwable error) {
    // An exception escaping the chain becomes a 500 after we return; the response does not know yet.
    int status = error != null && response.getStatus() < 400 ? 500 : response.getStatus();
    Throwable failure = error != null ? unwrap(error) : handledException(request);
    ServerSpans.recordStatus(span, status, failure);
    if (status < 500 && error != null) {
      span.recordException(failure);
      span.setStatus(StatusCode.ERROR);
    }
    span.end();
  }

  /** The application's exception rather than the container's wrapper around it. */
  private static Throwable unwrap(Throwable error) {
    return error instanceof ServletException && error.getCause() != null ? error.getCause() : error;
  }

  /** An exception Spring MVC resolved into a response (e.g. by an {@code @ExceptionHandler}). */
  private static Throwable handledException(HttpServletRequest request) {
    Object ex = request.getAttribute(DispatcherServlet.EXCEPTION_ATTRIBUTE);
    if (ex == null) {
      ex = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
    }
    return ex instanceof Throwable t ? t : null;
  }

  private static String pathWithinApplication(HttpServletRequest request) {
    String uri = request.getRequestURI();
    String contextPath = request.getContextPath();
    return contextPath != null && !contextPath.isEmpty() && uri.startsWith(contextPath)
        ? uri.substring(contextPath.length())
        : uri;
  }

  /** Ends the span when the async request completes (also after a timeout or an error). */
  private static final class EndOnAsyncComplete implements AsyncListener {
    private final Span span;
    private volatile Throwable error;

    EndOnAsyncComplete(Span span) {
      this.span = span;
    }

    @Override
    public void onComplete(AsyncEvent event) {
      try {
        end(
            (HttpServletRequest) event.getSuppliedRequest(),
            (HttpServletResponse) event.getSuppliedResponse(),
            span,
            error);
      } catch (RuntimeException ex) {
        InstrumentationErrors.record("servlet filter (async end)", ex);
        span.end();
      }
    }

    @Override
    public void onTimeout(AsyncEvent event) {
      // Spring MVC turns the timeout into a response; onComplete follows and ends the span.
    }

    @Override
    public void onError(AsyncEvent event) {
      error = event.getThrowable();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
      // A new async cycle (started from an async dispatch) needs the listener again.
      event.getAsyncContext().addListener(this, event.getSuppliedRequest(), event.getSuppliedResponse());
    }
  }
}
