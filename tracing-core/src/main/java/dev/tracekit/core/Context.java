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
  private static final ThreadLocal<Context> CURRENT = new ThreadLocal<>();

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
    Context c = CURRENT.get();
    return c == null ? ROOT : c;
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
   * Makes this context current on the calling thread. The scope restores the previous one; a
   * scope closed out of order (not the innermost) leaves the current context alone, so a
   * misbehaving caller cannot install a stale context.
   */
  public Scope makeCurrent() {
    Context previous = CURRENT.get();
    if (previous == this) {
      return Scope.noop();
    }
    CURRENT.set(this);
    return new ThreadLocalScope(previous, this);
  }

  /** A runnable that runs {@code task} with this context current. */
  public Runnable wrap(Runnable task) {
    return () -> {
      try (Scope ignored = makeCurrent()) {
        task.run();
      }
    };
  }

  /** A callable that runs {@code task} with this context current. */
  public <T> java.util.concurrent.Callable<T> wrap(java.util.concurrent.Callable<T> task) {
    return () -> {
      try (Scope ignored = makeCurrent()) {
        return task.call();
      }
    };
  }

  private static final class ThreadLocalScope implements Scope {
    private final Context previous;
    private final Context installed;
    private boolean closed;

    ThreadLocalScope(Context previous, Context installed) {
      this.previous = previous;
      this.installed = installed;
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      if (CURRENT.get() == installed) {
        if (previous == null) {
          CURRENT.remove();
        } else {
          CURRENT.set(previous);
        }
      }
    }
  }
}
