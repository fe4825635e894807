package dev.tracekit.starter.context;

import dev.tracekit.core.Baggage;
import dev.tracekit.core.Context;
import dev.tracekit.core.Scope;
import dev.tracekit.core.TraceContext;
import java.util.Collection;
import org.slf4j.MDC;

/**
 * Keeps the logging MDC in step with the current {@link Context}: {@code trace_id},
 * {@code span_id}, {@code trace_flags} and the configured baggage correlation fields. Every
 * place that changes the current context on a thread (server filters, the context-propagation
 * accessor used by Reactor and task executors) goes through here, so log lines carry the ids
 * of the span that is current on that thread and nothing once it is gone.
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

  private TraceMdc() {}

  /** Sets the baggage names copied into the MDC ({@code tracekit.baggage.correlation-fields}). */
  public static void setCorrelationFields(Collection<String> fields) {
    correlationFields = fields.stream().filter(f -> f != null && !f.isBlank()).toArray(String[]::new);
  }

  /**
   * Makes {@code context} current and writes its ids to the MDC; the returned scope restores the
   * previous context and rewrites the MDC from it.
   */
  public static Scope makeCurrent(Context context) {
    Scope scope = context.makeCurrent();
    update(context);
    return () -> {
      scope.close();
      update(Context.current());
    };
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
