package dev.tracekit.starter.context;

import dev.tracekit.core.Baggage;
import dev.tracekit.core.Context;
import dev.tracekit.core.Scope;
import dev.tracekit.core.TraceContext;
import java.util.Collection;
import java.util.Objects;
import org.slf4j.MDC;

/**
 * Keeps the logging MDC in step with the current {@link Context}: {@code trace_id},
 * {@code span_id}, {@code trace_flags} and the configured baggage correlation fields, so log
 * lines carry the ids of the span that is current on their thread and nothing once it is gone.
 *
 * <p>The server filters write the MDC when a request's span becomes current and when it ends
 * ({@link #makeCurrent(Context)}). Hops between threads and operators ({@link #switchTo(Context)})
 * leave it alone with Logback, where {@link TraceMdcTurboFilter} calls {@link #syncWithCurrent()}
 * at each log call: a reactive application changes the current context around every operator,
 * far more often than it logs, and whatever else touches the MDC in between cannot leave a line
 * with stale ids. With another logging backend, hops write the MDC too.
 */
public final class TraceMdc {

  public static final String TRACE_ID = "trace_id";
  public static final String SPAN_ID = "span_id";
  public static final String TRACE_FLAGS = "trace_flags";

  private static final String[] FLAGS_HEX = new String[256];

  static {
    for (int i = 0; i < 256; i++) {
      FLAGS_HEX[i] = (i < 16 ? "0" : "") + Integer.toHexString(i);
    }
  }

  // JVM-wide because the accessor is loaded by ServiceLoader, outside any application context.
  private static volatile String[] correlationFields = new String[0];

  // JVM-wide like the fields: set once Logback's TurboFilter is installed (TraceMdcTurboFilter).
  private static volatile boolean syncedAtLogTime;

  private TraceMdc() {}

  static void syncAtLogTime(boolean enabled) {
    syncedAtLogTime = enabled;
  }

  /** Sets the baggage names copied into the MDC ({@code tracekit.baggage.correlation-fields}). */
  public static void setCorrelationFields(Collection<String> fields) {
    correlationFields = fields.stream().filter(f -> f != null && !f.isBlank()).toArray(String[]::new);
  }

  /**
   * Makes {@code context} current and writes its ids to the MDC; the returned scope restores the
   * previous context and rewrites the MDC from it. For the server filters, once per request, so
   * that code reading the MDC directly during the request sees the ids too.
   */
  public static Scope makeCurrent(Context context) {
    Scope scope = context.makeCurrent();
    update(context);
    return () -> {
      scope.close();
      update(Context.current());
    };
  }

  /**
   * Makes {@code context} current for a hop to another thread or operator (context propagation):
   * with Logback the MDC is left to {@link TraceMdcTurboFilter} at log time, otherwise it is
   * written as by {@link #makeCurrent(Context)}.
   */
  static Scope switchTo(Context context) {
    return syncedAtLogTime ? context.makeCurrent() : makeCurrent(context);
  }

  /**
   * Brings the MDC in step with the current context, writing only when it differs (the cached
   * id strings compare by identity when nothing changed). Called before each log call.
   */
  static void syncWithCurrent() {
    Context context = Context.current();
    TraceContext span = context.span().context();
    if (span.isValid()) {
      if (span.traceIdHex().equals(MDC.get(TRACE_ID)) && span.spanIdHex().equals(MDC.get(SPAN_ID))
          && baggageInStep(context)) {
        return;
      }
    } else if (MDC.get(TRACE_ID) == null && MDC.get(SPAN_ID) == null && baggageInStep(context)) {
      return;
    }
    update(context);
  }

  private static boolean baggageInStep(Context context) {
    String[] fields = correlationFields;
    if (fields.length == 0) {
      return true;
    }
    Baggage baggage = context.baggage();
    for (String field : fields) {
      if (!Objects.equals(baggage.get(field), MDC.get(field))) {
        return false;
      }
    }
    return true;
  }

  /** Writes the ids of {@code context} to the MDC, or removes them when it has no valid span. */
  public static void update(Context context) {
    TraceContext span = context.span().context();
    if (span.isValid()) {
      MDC.put(TRACE_ID, span.traceIdHex());
      MDC.put(SPAN_ID, span.spanIdHex());
      MDC.put(TRACE_FLAGS, FLAGS_HEX[span.flags()]);
    } else {
      MDC.remove(TRACE_ID);
      MDC.remove(SPAN_ID);
      MDC.remove(TRACE_FLAGS);
    }
    String[] fields = correlationFields;
    if (fields.length > 0) {
      Baggage baggage = context.baggage();
      for (String field : fields) {
        String value = baggage.get(field);
        if (value == null) {
          MDC.remove(field);
        } else {
          MDC.put(field, value);
        }
      }
    }
  }
}
