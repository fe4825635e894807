package dev.tracekit.core;

/**
 * Restores the previous current context when closed. Use with try-with-resources on the
 * thread that opened it. Closing a scope restores what was current when it opened and also
 * closes any scope opened inside it that is still open; closing a scope that is already closed
 * (or was closed that way, or belongs to another thread) does nothing. See
 * {@link Context#makeCurrent()}.
 */
public interface Scope extends AutoCloseable {

  @Override
  void close();

  /** A scope that restores nothing. */
  static Scope noop() {
    return () -> {};
  }
}
