package dev.tracekit.starter.micrometer;

import dev.tracekit.core.Baggage;
import dev.tracekit.core.Context;
import dev.tracekit.core.ContextExecutors;
import dev.tracekit.core.Span;
import io.micrometer.tracing.CurrentTraceContext;
import io.micrometer.tracing.TraceContext;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;

/**
 * Micrometer's current trace context is our {@link Context} thread local: there is one
 * "current" on a thread, whichever API set it. A scope installs the span of the given trace
 * context (the recording span itself) with the current baggage, overlaid with the baggage that
 * travels with that trace context.
 */
final class TraceKitCurrentTraceContext implements CurrentTraceContext {

  static final TraceKitCurrentTraceContext INSTANCE = new TraceKitCurrentTraceContext();

  private TraceKitCurrentTraceContext() {}

  @Override
  public TraceContext context() {
    Context current = Context.current();
    Span span = current.span();
    if (!span.context().isValid()) {
      return null;
    }
    return TraceKitTraceContext.of(span, current.baggage());
  }

  /** A null context clears the span and the baggage, as Micrometer's handlers expect on reset. */
  @Override
  public Scope newScope(TraceContext context) {
    if (context == null) {
      return wrap(Context.root().makeCurrent());
    }
    TraceKitTraceContext target = TraceKitTraceContext.from(context);
    Context current = Context.current();
    Baggage baggage = merge(current.baggage(), target.baggage());
    if (current.span() == target.span() && baggage == current.baggage()) {
      return Scope.NOOP;
    }
    return wrap(current.with(target.span()).with(baggage).makeCurrent());
  }

  @Override
  public Scope maybeScope(TraceContext context) {
    return newScope(context);
  }

  /** Makes the current span current elsewhere without touching the baggage. */
  static Scope spanScope(Span span) {
    return wrap(Context.current().with(span).makeCurrent());
  }

  static Scope wrap(dev.tracekit.core.Scope scope) {
    return scope::close;
  }

  /**
   * {@code current} with the entries of {@code attached} put over it; allocates only when an
   * attached entry differs from what is current.
   */
  static Baggage merge(Baggage current, Baggage attached) {
    if (attached == current || attached.isEmpty()) {
      return current;
    }
    if (current.isEmpty()) {
      return attached;
    }
    Baggage result = current;
    for (int i = 0; i < attached.size(); i++) {
      String name = attached.nameAt(i);
      String value = attached.valueAt(i);
      if (!Objects.equals(result.get(name), value)) {
        result = result.with(name, value, attached.metadataAt(i));
      }
    }
    return result;
  }

  @Override
  public <C> Callable<C> wrap(Callable<C> task) {
    return Context.current().wrap(task);
  }

  @Override
  public Runnable wrap(Runnable task) {
    return Context.current().wrap(task);
  }

  /** Each task runs with the context that was current when it was submitted. */
  @Override
  public Executor wrap(Executor delegate) {
    return ContextExecutors.wrap(delegate);
  }

  /** Each task runs with the context that was current when it was submitted. */
  @Override
  public ExecutorService wrap(ExecutorService delegate) {
    return ContextExecutors.wrap(delegate);
  }
}
