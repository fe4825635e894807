package dev.tracekit.starter.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import dev.tracekit.core.TraceKit;
import java.util.List;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Attaches a {@link TraceKitLogAppender} to Logback's root logger when the application context
 * starts and detaches it when it stops. Attached programmatically (not in logback.xml) so that
 * it exists only while TraceKit does; it starts in an early phase and stops in a late one, so
 * that startup and shutdown logs of the application are shipped too.
 */
public final class LogShipping implements SmartLifecycle {

  /** Early start, late stop: after this lifecycle stops, TraceKit flushes and closes. */
  static final int PHASE = Integer.MIN_VALUE + 1000;

  private final TraceKit traceKit;
  private final List<String> excludedLoggers;
  private final boolean includeMdc;
  private volatile TraceKitLogAppender appender;

  public LogShipping(TraceKit traceKit, List<String> excludedLoggers, boolean includeMdc) {
    this.traceKit = traceKit;
    this.excludedLoggers = excludedLoggers;
    this.includeMdc = includeMdc;
  }

  @Override
  public synchronized void start() {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (appender != null || !(factory instanceof LoggerContext context)) {
      return;
    }
    TraceKitLogAppender created =
        new TraceKitLogAppender(traceKit.logs(), traceKit.resource(), excludedLoggers, includeMdc);
    created.setContext(context);
    created.setName("TRACEKIT_SHIP-" + traceKit.resource().serviceName() + "-" + System.identityHashCode(this));
    created.start();
    context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(created);
    appender = created;
  }

  @Override
  public synchronized void stop() {
    TraceKitLogAppender attached = appender;
    if (attached == null) {
      return;
    }
    appender = null;
    if (attached.getContext() instanceof LoggerContext context) {
      context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(attached);
    }
    attached.stop();
  }

  @Override
  public boolean isRunning() {
    return appender != null;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }
}
