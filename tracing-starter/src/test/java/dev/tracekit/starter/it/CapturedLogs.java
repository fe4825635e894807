package dev.tracekit.starter.it;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * A Logback {@link ListAppender} on the root logger that captures each event's MDC on the
 * thread that logged it (ListAppender alone would read the MDC later, on the test thread).
 */
final class CapturedLogs extends ListAppender<ILoggingEvent> implements AutoCloseable {

  static CapturedLogs attach() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    CapturedLogs logs = new CapturedLogs();
    logs.setContext(context);
    logs.setName("captured-" + System.identityHashCode(logs));
    logs.start();
    context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(logs);
    return logs;
  }

  @Override
  protected void append(ILoggingEvent event) {
    event.prepareForDeferredProcessing();
    super.append(event);
  }

  /** Events whose formatted message contains {@code text}. */
  List<ILoggingEvent> containing(String text) {
    synchronized (this) {
      return list.stream().filter(e -> e.getFormattedMessage().contains(text)).toList();
    }
  }

  @Override
  public void close() {
    ((LoggerContext) getContext()).getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(this);
    stop();
  }
}
