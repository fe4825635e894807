package dev.tracekit.starter.support;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class InstrumentationErrorsTests {

  @Test
  void everyFailureIsCountedButAFloodLogsOnlyOnce() {
    Logger logger = (Logger) LoggerFactory.getLogger(InstrumentationErrors.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    Level previous = logger.getLevel();
    logger.setLevel(Level.WARN);
    logger.addAppender(appender);
    logger.setAdditive(false);
    try {
      long before = InstrumentationErrors.count();
      for (int i = 0; i < 100; i++) {
        InstrumentationErrors.record("test", new IllegalStateException("failure " + i));
      }
      assertThat(InstrumentationErrors.count() - before).isEqualTo(100);
      // At most one warning per minute, whatever happened earlier in this JVM.
      assertThat(appender.list).hasSizeLessThanOrEqualTo(1);
    } finally {
      logger.detachAppender(appender);
      logger.setAdditive(true);
      logger.setLevel(previous);
    }
  }
}
