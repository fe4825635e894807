package dev.tracekit.starter.micrometer;

import io.micrometer.observation.Observation;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.TracingObservationHandler;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.util.ClassUtils;

/**
 * Keeps Spring's own HTTP observations ({@code http.server.requests}, {@code
 * http.client.requests}) out of tracing while leaving their metrics alone, so that an HTTP
 * exchange gives exactly one server span and one client span: the ones our servlet filter,
 * WebFilter and client interceptors create.
 *
 * <p>Why a handler and not an {@code ObservationPredicate}: a predicate switches the whole
 * observation off, timers included, so {@code /actuator/metrics/http.server.requests} would go
 * empty. Spring Boot registers all tracing handlers in one first-matching group, separate from
 * the metrics handlers. This handler comes first in that group and claims the HTTP observation
 * contexts, so the default and propagating tracing handlers never see them, while the meter
 * handlers still do. It starts no span; children of an HTTP observation ({@code @Observed}
 * methods, JDBC) find our current server or client span as their parent, because Micrometer
 * falls back to the tracer's current span when the parent observation has none.
 */
public final class HttpObservationSpanSuppressor
    implements TracingObservationHandler<Observation.Context>, Ordered {

  /** Spring Framework's HTTP observation contexts: servlet and reactive server, blocking and reactive client. */
  static final List<String> SPRING_HTTP_CONTEXTS =
      List.of(
          "org.springframework.http.server.observation.ServerRequestObservationContext",
          "org.springframework.http.server.reactive.observation.ServerRequestObservationContext",
          "org.springframework.http.client.observation.ClientRequestObservationContext",
          "org.springframework.web.reactive.function.client.ClientRequestObservationContext");

  private final Tracer tracer;
  private final Class<?>[] suppressed;

  /** Suppresses those of Spring's HTTP observation contexts that are on the class path. */
  public HttpObservationSpanSuppressor(Tracer tracer) {
    this(tracer, presentClasses(SPRING_HTTP_CONTEXTS, HttpObservationSpanSuppressor.class.getClassLoader()));
  }

  HttpObservationSpanSuppressor(Tracer tracer, List<Class<?>> suppressed) {
    this.tracer = tracer;
    this.suppressed = suppressed.toArray(new Class<?>[0]);
  }

  static List<Class<?>> presentClasses(List<String> names, ClassLoader classLoader) {
    List<Class<?>> present = new ArrayList<>(names.size());
    for (String name : names) {
      if (ClassUtils.isPresent(name, classLoader)) {
        present.add(ClassUtils.resolveClassName(name, classLoader));
      }
    }
    return present;
  }

  @Override
  public boolean supportsContext(Observation.Context context) {
    for (Class<?> type : suppressed) {
      if (type.isInstance(context)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Leaves an empty tracing context: Boot's tracing-aware meter handler requires one, and a
   * child observation reading it falls back to the current span.
   */
  @Override
  public void onStart(Observation.Context context) {
    getTracingContext(context);
  }

  @Override
  public void onStop(Observation.Context context) {}

  @Override
  public void onError(Observation.Context context) {}

  @Override
  public void onEvent(Observation.Event event, Observation.Context context) {}

  @Override
  public void onScopeOpened(Observation.Context context) {}

  @Override
  public void onScopeClosed(Observation.Context context) {}

  @Override
  public void onScopeReset(Observation.Context context) {}

  @Override
  public Tracer getTracer() {
    return tracer;
  }

  /** Ahead of Boot's receiver (1000), sender (2000) and default tracing handlers. */
  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}
