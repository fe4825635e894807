package dev.tracekit.starter.context;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggerContextListener;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Brings the MDC in step with the current trace context just before Logback makes a log event
 * ({@link TraceMdc#syncWithCurrent()}), on the thread that logs. Never filters anything.
 *
 * <p>Logback drops turbo filters when it is reconfigured (Spring Boot does so at start-up), so the
 * filter also listens to the context's resets and puts itself back. A stopped context drops its
 * listeners too: then scopes write the MDC again, until the filter is installed anew.
 */
final class TraceMdcTurboFilter extends TurboFilter implements LoggerContextListener {

  private TraceMdcTurboFilter() {
    setName("tracekit-mdc");
  }

  /** Installs the filter once per Logback context and switches {@link TraceMdc} to log-time sync. */
  static synchronized void install(LoggerContext loggerContext) {
    for (LoggerContextListener listener : loggerContext.getCopyOfListenerList()) {
      if (listener instanceof TraceMdcTurboFilter) {
        return;
      }
    }
    TraceMdcTurboFilter filter = new TraceMdcTurboFilter();
    filter.setContext(loggerContext);
    filter.start();
    loggerContext.addListener(filter);
    loggerContext.addTurboFilter(filter);
    TraceMdc.syncAtLogTime(true);
  }

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    // Only calls at an enabled level can log (logger.isEnabledFor would ask the turbo filters again).
    if (level != null && level.levelInt >= logger.getEffectiveLevel().levelInt) {
      try {
        TraceMdc.syncWithCurrent();
      } catch (RuntimeException e) {
        // A log line without ids is better than a log call that throws.
      }
    }
    return FilterReply.NEUTRAL;
  }

  @Override
  public boolean isResetResistant() {
    return true;
  }

  @Override
  public void onReset(LoggerContext context) {
    if (!context.getTurboFilterList().contains(this)) {
      context.addTurboFilter(this);
    }
  }

  @Override
  public void onStart(LoggerContext context) {}

  @Override
  public void onStop(LoggerContext context) {
    context.getTurboFilterList().remove(this);
    TraceMdc.syncAtLogTime(false);
  }

  @Override
  public void onLevelChange(Logger logger, Level level) {}
}
