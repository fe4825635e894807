package dev.tracekit.starter.client;

import dev.tracekit.core.Context;
import dev.tracekit.core.Span;
import dev.tracekit.core.SpanKind;
import dev.tracekit.core.StatusCode;
import dev.tracekit.core.Tracer;
import dev.tracekit.core.propagation.TextMapPropagator;
import dev.tracekit.core.propagation.TextMapSetter;
import dev.tracekit.starter.http.HttpAttributes;
import dev.tracekit.starter.http.UrlRedactor;
import java.net.URI;

/** Starts and ends CLIENT spans the same way for every HTTP client, and injects their context. */
final class ClientSpans {

  private final Tracer tracer;
  private final TextMapPropagator propagator;
  private final UrlRedactor redactor;

  ClientSpans(Tracer tracer, TextMapPropagator propagator, UrlRedactor redactor) {
    this.tracer = tracer;
    this.propagator = propagator;
    this.redactor = redactor;
  }

  /**
   * Starts a CLIENT span under {@code parent}. {@code uriTemplate} (may be null) names the span
   * when the client knows it; otherwise the name is the method alone, never the raw URL.
   */
  Span start(Context parent, String rawMethod, URI uri, String rawUriTemplate, int resendCount) {
    String method = HttpAttributes.knownMethod(rawMethod);
    // A "template" may be a concrete URL with credentials in it (uri("/x?token=abc")): redacted
    // like any URL, and the span is named after its path alone.
    String uriTemplate = redactTemplate(pathTemplate(rawUriTemplate));
    Span span =
        tracer
            .spanBuilder(HttpAttributes.spanName(method, withoutQuery(uriTemplate)))
            .setParent(parent)
            .setKind(SpanKind.CLIENT)
            .startSpan();
    // The samplers decide on ids, name and kind alone: an unsampled call skips the URL work.
    if (span.isRecording()) {
      span.setAttribute(HttpAttributes.HTTP_REQUEST_METHOD, method);
      span.setAttribute(HttpAttributes.URL_FULL, redactor.fullUrl(uri));
      if ("_OTHER".equals(method)) {
        span.setAttribute(HttpAttributes.HTTP_REQUEST_METHOD_ORIGINAL, rawMethod);
      }
      if (uri.getHost() != null) {
        span.setAttribute(HttpAttributes.SERVER_ADDRESS, uri.getHost());
        span.setAttribute(
            HttpAttributes.SERVER_PORT,
            (long) (uri.getPort() >= 0 ? uri.getPort() : HttpAttributes.defaultPort(uri.getScheme())));
      }
      if (uriTemplate != null) {
        span.setAttribute(HttpAttributes.URL_TEMPLATE, uriTemplate);
      }
      if (resendCount > 0) {
        span.setAttribute(HttpAttributes.HTTP_REQUEST_RESEND_COUNT, (long) resendCount);
      }
    }
    return span;
  }

  /**
   * The template without scheme and authority: a client with a base URL reports
   * "http://host:port/orders/{id}", the span is named after "/orders/{id}".
   */
  static String pathTemplate(String template) {
    if (template == null || template.isEmpty()) {
      return null;
    }
    int scheme = template.indexOf("://");
    if (scheme < 0) {
      return template;
    }
    int path = template.indexOf('/', scheme + 3);
    return path < 0 ? "/" : template.substring(path);
  }

  /** {@code template} with secret path parameters and query values redacted; null stays null. */
  private String redactTemplate(String template) {
    if (template == null) {
      return null;
    }
    int query = template.indexOf('?');
    return query < 0
        ? redactor.redactPath(template)
        : redactor.redactPath(template.substring(0, query)) + '?' + redactor.redactQuery(template.substring(query + 1));
  }

  private static String withoutQuery(String template) {
    if (template == null) {
      return null;
    }
    int end = template.indexOf('?');
    int fragment = template.indexOf('#');
    if (fragment >= 0 && (end < 0 || fragment < end)) {
      end = fragment;
    }
    return end < 0 ? template : template.substring(0, end);
  }

  /** Writes the trace headers (every configured format, baggage included) for {@code span}. */
  <C> void inject(Context parent, Span span, C carrier, TextMapSetter<C> setter) {
    propagator.inject(parent.with(span), carrier, setter);
  }

  /**
   * Records the outcome and ends the span: 5xx and exceptions are errors; 4xx keep the status
   * unset but name the failure in {@code error.type}.
   */
  static void end(Span span, int status, Throwable error) {
    if (!span.isRecording()) {
      span.end();
      return;
    }
    if (status > 0) {
      span.setAttribute(HttpAttributes.HTTP_RESPONSE_STATUS_CODE, (long) status);
    }
    if (error != null) {
      span.setAttribute(HttpAttributes.ERROR_TYPE, error.getClass().getName());
      span.recordException(error);
      span.setStatus(StatusCode.ERROR);
    } else if (status >= 400) {
      span.setAttribute(HttpAttributes.ERROR_TYPE, Integer.toString(status));
      if (status >= 500) {
        span.setStatus(StatusCode.ERROR);
      }
    }
    span.end();
  }
}
