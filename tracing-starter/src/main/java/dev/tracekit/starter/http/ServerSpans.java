package dev.tracekit.starter.http;

import dev.tracekit.core.Context;
import dev.tracekit.core.Span;
import dev.tracekit.core.SpanKind;
import dev.tracekit.core.StatusCode;
import dev.tracekit.core.Tracer;

/**
 * Starts, names and finishes SERVER spans the same way for the servlet filter and the WebFlux
 * filter; each filter only reads its own request type. Public because the two filters live in
 * separate packages; not meant for applications.
 */
public final class ServerSpans {

  private final Tracer tracer;
  private final UrlRedactor redactor;
  private final boolean traceResponseHeader;

  public ServerSpans(Tracer tracer, UrlRedactor redactor, boolean traceResponseHeader) {
    this.tracer = tracer;
    this.redactor = redactor;
    this.traceResponseHeader = traceResponseHeader;
  }

  /**
   * Starts a SERVER span under {@code parent}, named after the method until the route is known.
   * When the span records, the caller adds the request's attributes with {@link #describe}; the
   * samplers decide on ids, name and kind alone, so an unsampled request (most of them at a low
   * sampling rate) reads, redacts and collects nothing more.
   */
  public Span start(Context parent, String rawMethod) {
    return tracer
        .spanBuilder(HttpAttributes.spanName(HttpAttributes.knownMethod(rawMethod), null))
        .setParent(parent)
        .setKind(SpanKind.SERVER)
        .startSpan();
  }

  /**
   * Records the request's attributes on a recording span. Paths and queries are redacted; null
   * {@code scheme}, {@code host}, {@code rawQuery}, {@code clientAddress} and {@code userAgent}
   * are left out, and a negative {@code port} means the scheme's default.
   */
  public void describe(
      Span span,
      String rawMethod,
      String rawPath,
      String scheme,
      String host,
      int port,
      String rawQuery,
      String clientAddress,
      String userAgent) {
    String method = HttpAttributes.knownMethod(rawMethod);
    span.setAttribute(HttpAttributes.HTTP_REQUEST_METHOD, method);
    span.setAttribute(HttpAttributes.URL_PATH, redactor.redactPath(rawPath));
    if ("_OTHER".equals(method)) {
      span.setAttribute(HttpAttributes.HTTP_REQUEST_METHOD_ORIGINAL, rawMethod);
    }
    if (scheme != null) {
      span.setAttribute(HttpAttributes.URL_SCHEME, scheme);
    }
    if (host != null) {
      span.setAttribute(HttpAttributes.SERVER_ADDRESS, host);
      span.setAttribute(HttpAttributes.SERVER_PORT, (long) (port >= 0 ? port : HttpAttributes.defaultPort(scheme)));
    }
    if (rawQuery != null) {
      span.setAttribute(HttpAttributes.URL_QUERY, redactor.redactQuery(rawQuery));
    }
    if (clientAddress != null) {
      span.setAttribute(HttpAttributes.CLIENT_ADDRESS, clientAddress);
    }
    if (userAgent != null) {
      span.setAttribute(HttpAttributes.USER_AGENT_ORIGINAL, userAgent);
    }
  }

  /** The {@code traceresponse} header value for {@code span}, or null when it is off or the span is invalid. */
  public String traceResponse(Span span) {
    return traceResponseHeader && span.context().isValid() ? HttpAttributes.traceResponse(span.context()) : null;
  }

  /**
   * Names the span {@code METHOD route} once the framework has matched a route; a null route
   * leaves the name alone (the pattern, never the raw path: cardinality).
   */
  public static void nameAfterRoute(Span span, String rawMethod, String route) {
    if (route != null && span.isRecording()) {
      span.setAttribute(HttpAttributes.HTTP_ROUTE, route);
      span.updateName(HttpAttributes.spanName(HttpAttributes.knownMethod(rawMethod), route));
    }
  }

  /**
   * Records the response status; a 5xx marks the span as an error, typed after {@code failure}
   * (may be null) or else the status.
   */
  public static void recordStatus(Span span, int status, Throwable failure) {
    if (!span.isRecording()) {
      return;
    }
    span.setAttribute(HttpAttributes.HTTP_RESPONSE_STATUS_CODE, (long) status);
    if (status >= 500) {
      span.setAttribute(
          HttpAttributes.ERROR_TYPE, failure != null ? failure.getClass().getName() : Integer.toString(status));
      if (failure != null) {
        span.recordException(failure);
      }
      span.setStatus(StatusCode.ERROR);
    }
  }
}
