package dev.tracekit.starter.context;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/**
 * What a log line written here and now carries in its MDC — the ids a user sees, whether TraceKit
 * keeps the MDC at every scope change or brings it in step at log time.
 */
public final class LoggedMdc {

  private static final Logger LOGGER = (Logger) LoggerFactory.getLogger("tracekit.test.logged-mdc");

  private LoggedMdc() {}

  /** Logs one line on this thread and returns its MDC value for {@code key} (null when absent). */
  public static synchronized String get(String key) {
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    LOGGER.setLevel(Level.INFO);
    LOGGER.setAdditive(false);
    LOGGER.addAppender(appender);
    try {
      LOGGER.info("probe");
      return appender.list.get(0).getMDCPropertyMap().get(key);
    } finally {
      LOGGER.detachAppender(appender);
    }
  }
}
