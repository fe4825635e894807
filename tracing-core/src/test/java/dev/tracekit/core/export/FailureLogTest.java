package dev.tracekit.core.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FailureLogTest {

  /** System.Logger's default backend is java.util.logging; capture what it writes. */
  private final Logger julLogger = Logger.getLogger("dev.tracekit.core.export");
  private final List<String> messages = new ArrayList<>();
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord record) {
      messages.add(record.getLevel() + " " + record.getMessage());
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  private boolean useParentHandlers;

  @BeforeEach
  void capture() {
    useParentHandlers = julLogger.getUseParentHandlers();
    julLogger.setUseParentHandlers(false);
    julLogger.addHandler(capture);
  }

  @AfterEach
  void release() {
    julLogger.removeHandler(capture);
    julLogger.setUseParentHandlers(useParentHandlers);
  }

  @Test
  void warnsOncePerIntervalAndCountsWhatItDidNotLog() {
    AtomicLong now = new AtomicLong(1_000);
    FailureLog log = new FailureLog("spans", "http://c:9411/v1/traces", now::get);

    assertThat(log.dropped(10, "HTTP 503 after 6 attempts", "Check the receiver.")).isTrue();
    now.addAndGet(FailureLog.INTERVAL_NANOS - 1);
    assertThat(log.dropped(20, "HTTP 503 after 6 attempts", "Check the receiver.")).isFalse();
    assertThat(log.dropped(30, "HTTP 503 after 6 attempts", "Check the receiver.")).isFalse();
    now.addAndGet(1);
    assertThat(log.dropped(40, "cannot connect", "Check that the collector is running.")).isTrue();

    assertThat(messages).containsExactly(
        "WARNING TraceKit dropped 10 spans exporting to http://c:9411/v1/traces: HTTP 503 after 6 attempts."
            + " Check the receiver.",
        "WARNING TraceKit dropped 40 spans exporting to http://c:9411/v1/traces: cannot connect."
            + " Check that the collector is running. Since the last warning 2 more batches (50 spans) were dropped.");
  }
}
