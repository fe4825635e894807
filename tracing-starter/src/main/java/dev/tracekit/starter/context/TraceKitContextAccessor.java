package dev.tracekit.starter.context;

import dev.tracekit.core.Context;
import dev.tracekit.core.Scope;
import io.micrometer.context.ThreadLocalAccessor;
import java.util.ArrayDeque;

/**
 * Teaches the context-propagation library (used by Reactor's automatic context propagation and
 * by Spring's {@code ContextPropagatingTaskDecorator}) to capture TraceKit's current
 * {@link Context} and restore it on another thread, MDC included. Registered through
 * {@code META-INF/services}, so every {@code ContextRegistry.getInstance()} knows it.
 *
 * <p>{@link Context} only offers scoped installation, so each {@code setValue} keeps its scope
 * on a per-thread stack and the matching {@code restore} closes it; the library always pairs
 * them in nested order.
 */
public final class TraceKitContextAccessor implements ThreadLocalAccessor<Context> {

  /** The key under which the context travels in a Reactor context or a context snapshot. */
  public static final String KEY = "tracekit.context";

  private static final ThreadLocal<ArrayDeque<Scope>> SCOPES = ThreadLocal.withInitial(ArrayDeque::new);

  @Override
  public Object key() {
    return KEY;
  }

  /** The current context, or null when there is none (so that nothing is captured). */
  @Override
  public Context getValue() {
    Context current = Context.current();
    return current == Context.root() ? null : current;
  }

  @Override
  public void setValue(Context value) {
    SCOPES.get().push(TraceMdc.switchTo(value));
  }

  @Override
  public void setValue() {
    SCOPES.get().push(TraceMdc.switchTo(Context.root()));
  }

  @Override
  public void restore(Context previousValue) {
    restore();
  }

  @Override
  public void restore() {
    Scope scope = SCOPES.get().poll();
    if (scope != null) {
      scope.close();
    }
  }
}
