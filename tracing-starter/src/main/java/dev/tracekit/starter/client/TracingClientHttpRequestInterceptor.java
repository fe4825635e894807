package dev.tracekit.starter.client;

import dev.tracekit.core.Context;
import dev.tracekit.core.Span;
import dev.tracekit.starter.support.InstrumentationErrors;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Records a CLIENT span around each request of a {@code RestClient} or {@code RestTemplate}
 * and writes the trace headers. An interceptor placed before this one that executes the same
 * request again (a retry) produces one span per attempt, the later ones with
 * {@code http.request.resend_count}.
 */
public final class TracingClientHttpRequestInterceptor implements ClientHttpRequestInterceptor {

  static final String ATTEMPTS_ATTRIBUTE = TracingClientHttpRequestInterceptor.class.getName() + ".attempts";
  private static final String REST_CLIENT_URI_TEMPLATE = "org.springframework.web.client.RestClient.uriTemplate";

  private final ClientSpans spans;

  TracingClientHttpRequestInterceptor(ClientSpans spans) {
    this.spans = spans;
  }

  @Override
  public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
      throws IOException {
    Span span = start(request);
    if (span == null) {
      return execution.execute(request, body);
    }
    ClientHttpResponse response;
    try {
      response = execution.execute(request, body);
    } catch (IOException | RuntimeException | Error ex) {
      endQuietly(span, 0, ex);
      throw ex;
    }
    int status;
    try {
      status = response.getStatusCode().value();
    } catch (IOException | RuntimeException ex) {
      endQuietly(span, 0, ex);
      return response;
    }
    endQuietly(span, status, null);
    return response;
  }

  private Span start(HttpRequest request) {
    Span span = null;
    try {
      Context parent = Context.current();
      Map<String, Object> attributes = request.getAttributes();
      span =
          spans.start(
              parent,
              request.getMethod().name(),
              request.getURI(),
              attributes.get(REST_CLIENT_URI_TEMPLATE) instanceof String template ? template : null,
              nextAttempt(attributes));
      spans.inject(parent, span, request.getHeaders(), HttpHeaders::set);
      return span;
    } catch (RuntimeException | LinkageError ex) {
      InstrumentationErrors.record("HTTP client interceptor (start)", ex);
      if (span != null) {
        span.end();
      }
      return null;
    }
  }

  /** 0 for the first execution of this request, then 1, 2, ... for each re-execution. */
  private static int nextAttempt(Map<String, Object> attributes) {
    Object previous = attributes.get(ATTEMPTS_ATTRIBUTE);
    int attempt = previous instanceof Integer n ? n + 1 : 0;
    try {
      attributes.put(ATTEMPTS_ATTRIBUTE, attempt);
    } catch (UnsupportedOperationException ex) {
      // A request without mutable attributes cannot count its resends; every attempt looks like the first.
    }
    return attempt;
  }

  private static void endQuietly(Span span, int status, Throwable error) {
    try {
      ClientSpans.end(span, status, error);
    } catch (RuntimeException ex) {
      InstrumentationErrors.record("HTTP client interceptor (end)", ex);
      span.end();
    }
  }
}
