package dev.tracekit.core;

/**
 * Restores the previous current context when closed. Use with try-with-resources on the
 * thread that opened it. Closing out of order restores what was current when this scope
 * opened only if this scope is still the current one; otherwise it does nothing.
 */
public interface Scope extends AutoCloseable {

  @Override
  void close();

  /** A scope that restores nothing. */
  static Scope noop() {
    return () -> {};
  }
}
