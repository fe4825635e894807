package dev.tracekit.core;

import java.util.Objects;

/**
 * What is current on a thread: the active span and the baggage. Immutable; {@link
 * #makeCurrent()} installs it on the calling thread's {@link ThreadLocal} until the returned
 * scope closes. Integrations that run work elsewhere (executors, Reactor) capture
 * {@link #current()} and re-install it there.
 */
public final class Context {

  private static final Context ROOT = new Context(Span.invalid(), Baggage.empty());
  /** The innermost open scope of each thread; its parents are the scopes it was opened inside. */
  private static final ThreadLocal<ThreadLocalScope> CURRENT = new ThreadLocal<>();

  private final Span span;
  private final Baggage baggage;

  private Context(Span span, Baggage baggage) {
    this.span = span;
    this.baggage = baggage;
  }

  /** The empty context: no span, no baggage. */
  public static Context root() {
    return ROOT;
  }

  /** The calling thread's current context, or {@link #root()}. */
  public static Context current() {
    ThreadLocalScope top = CURRENT.get();
    return top == null ? ROOT : top.installed;
  }

  /** The span of the current context ({@link Span#invalid()} when none). */
  public static Span currentSpan() {
    return current().span;
  }

  public Span span() {
    return span;
  }

  public Baggage baggage() {
    return baggage;
  }

  public Context with(Span newSpan) {
    Objects.requireNonNull(newSpan, "span");
    return newSpan == span ? this : new Context(newSpan, baggage);
  }

  public Context with(Baggage newBaggage) {
    Objects.requireNonNull(newBaggage, "baggage");
    return newBaggage == baggage ? this : new Context(span, newBaggage);
  }

  /**
   * Makes this context current on the calling thread until the returned scope closes. Close it
   * on the same thread, with try-with-resources.
   *
   * <p>Closing a scope restores the context that was current when it opened. Scopes opened
   * inside it and still open (leaked, or about to be closed out of order) are closed with it:
   * closing them later does nothing. So an out-of-order close, a double close or a close on
   * another thread never installs a stale context, and a leaked inner scope is cleaned up by
   * the enclosing one.
   */
  public Scope makeCurrent() {
    ThreadLocalScope top = CURRENT.get();
    if (top == null ? this == ROOT : top.installed == this) {
      return Scope.noop();
    }
    ThreadLocalScope scope = new ThreadLocalScope(top, this);
    CURRENT.set(scope);
    return scope;
  }

  /** A runnable that runs {@code task} with this context current. */
  public Runnable wrap(Runnable task) {
    return () -> {
      Scope scope = makeCurrent();
      try (scope) {
        task.run();
      }
    };
  }

  /** A callable that runs {@code task} with this context current. */
  public <T> java.util.concurrent.Callable<T> wrap(java.util.concurrent.Callable<T> task) {
    return () -> {
      Scope scope = makeCurrent();
      try (scope) {
        return task.call();
      }
    };
  }

  /** One level of the per-thread scope stack. Confined to the thread that opened it. */
  private static final class ThreadLocalScope implements Scope {
    private final ThreadLocalScope parent;
    private final Context installed;

    ThreadLocalScope(ThreadLocalScope parent, Context installed) {
      this.parent = parent;
      this.installed = installed;
    }

    @Override
    public void close() {
      ThreadLocalScope top = CURRENT.get();
      // Usually this scope is the innermost one: one comparison. Otherwise look for it below.
      for (ThreadLocalScope s = top; s != null; s = s.parent) {
        if (s == this) {
          // set(null) rather than remove(): keeps the thread's map entry, so the next scope on
          // this thread (a pooled request thread) allocates no new entry.
          CURRENT.set(parent);
          return;
        }
      }
      // Not on this thread's stack: already closed, unwound by an enclosing scope, or opened
      // on another thread. Nothing to restore.
    }
  }
}
