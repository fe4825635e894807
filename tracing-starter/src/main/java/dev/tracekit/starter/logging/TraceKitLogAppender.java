package dev.tracekit.starter.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import dev.tracekit.core.Attributes;
import dev.tracekit.core.Context;
import dev.tracekit.core.Ids;
import dev.tracekit.core.InstrumentationScope;
import dev.tracekit.core.LogEmitter;
import dev.tracekit.core.LogRecordData;
import dev.tracekit.core.Resource;
import dev.tracekit.core.TraceContext;
import dev.tracekit.starter.context.TraceMdc;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Ships each Logback event as an OTLP log record carrying the trace and span it was written
 * in. Runs on the logging thread and only hands the record to TraceKit's bounded log buffer
 * ({@link LogEmitter#emit}), which never blocks and counts what it drops. Events of the
 * excluded loggers (TraceKit's own, the JDK HTTP client's) are skipped so that exporting logs
 * can never produce logs to export.
 */
public final class TraceKitLogAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

  static final String LOGGER_NAME = "logger.name";
  static final String THREAD_NAME = "thread.name";
  static final String EXCEPTION_TYPE = "exception.type";
  static final String EXCEPTION_MESSAGE = "exception.message";
  static final String EXCEPTION_STACKTRACE = "exception.stacktrace";

  private static final InstrumentationScope SCOPE = new InstrumentationScope("dev.tracekit.logback", null);

  private final LogEmitter emitter;
  private final Resource resource;
  private final String[] excludedLoggers;
  private final boolean includeMdc;

  public TraceKitLogAppender(LogEmitter emitter, Resource resource, List<String> excludedLoggers, boolean includeMdc) {
    this.emitter = emitter;
    this.resource = resource;
    this.excludedLoggers = excludedLoggers.stream().filter(p -> p != null && !p.isBlank()).toArray(String[]::new);
    this.includeMdc = includeMdc;
  }

  @Override
  protected void append(ILoggingEvent event) {
    if (isExcluded(event.getLoggerName()) || isExporterThread(event.getThreadName())) {
      return;
    }
    try {
      emitter.emit(toRecord(event));
    } catch (RuntimeException ex) {
      // Logging from here would recurse into this appender; Logback's status manager keeps it.
      addError("Could not ship a log event to TraceKit; the event is dropped.", ex);
    }
  }

  /**
   * Whether the event was logged on one of TraceKit's exporter threads ("tracekit-spans-exporter",
   * "tracekit-logs-exporter"): whatever logs there (any library used while exporting) must not
   * feed the log queue it is draining.
   */
  private static boolean isExporterThread(String threadName) {
    return threadName != null && threadName.startsWith("tracekit-") && threadName.endsWith("-exporter");
  }

  private boolean isExcluded(String loggerName) {
    if (loggerName == null) {
      return false;
    }
    for (String prefix : excludedLoggers) {
      if (loggerName.startsWith(prefix)
          && (loggerName.length() == prefix.length() || loggerName.charAt(prefix.length()) == '.')) {
        return true;
      }
    }
    return false;
  }

  LogRecordData toRecord(ILoggingEvent event) {
    Attributes.Builder attributes =
        Attributes.builder().put(LOGGER_NAME, event.getLoggerName()).put(THREAD_NAME, event.getThreadName());
    IThrowableProxy thrown = event.getThrowableProxy();
    if (thrown != null) {
      attributes
          .put(EXCEPTION_TYPE, thrown.getClassName())
          .put(EXCEPTION_MESSAGE, thrown.getMessage())
          .put(EXCEPTION_STACKTRACE, ThrowableProxyUtil.asString(thrown));
    }
    Map<String, String> mdc = event.getMDCPropertyMap();
    if (includeMdc && mdc != null) {
      mdc.forEach(
          (key, value) -> {
            if (!TraceMdc.TRACE_ID.equals(key) && !TraceMdc.SPAN_ID.equals(key) && !TraceMdc.TRACE_FLAGS.equals(key)) {
              attributes.put(key, value);
            }
          });
    }
    long traceIdHigh = 0;
    long traceIdLow = 0;
    long spanId = 0;
    int flags = 0;
    TraceContext current = Context.current().span().context();
    if (current.isValid()) {
      traceIdHigh = current.traceIdHigh();
      traceIdLow = current.traceIdLow();
      spanId = current.spanId();
      flags = current.flags();
    } else if (mdc != null) {
      // Not on the thread that owns the span (or the ids were put in the MDC by other code).
      String traceId = mdc.get(TraceMdc.TRACE_ID);
      String spanIdHex = mdc.get(TraceMdc.SPAN_ID);
      if (traceId != null && spanIdHex != null && traceId.length() == 32 && spanIdHex.length() == 16
          && Ids.isLowerHex(traceId, 0, 32) && Ids.isLowerHex(spanIdHex, 0, 16)) {
        traceIdHigh = Ids.parseHex16(traceId, 0);
        traceIdLow = Ids.parseHex16(traceId, 16);
        spanId = Ids.parseHex16(spanIdHex, 0);
        String flagsHex = mdc.get(TraceMdc.TRACE_FLAGS);
        flags = flagsHex != null && flagsHex.length() == 2 && Ids.isLowerHex(flagsHex, 0, 2)
            ? Ids.parseHexByte(flagsHex, 0)
            : 0;
      }
    }
    Instant instant = event.getInstant();
    long epochNanos = instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    Instant now = Instant.now();
    return new LogRecordData(
        epochNanos,
        now.getEpochSecond() * 1_000_000_000L + now.getNano(),
        severityNumber(event.getLevel()),
        event.getLevel().toString(),
        event.getFormattedMessage(),
        attributes.build(),
        traceIdHigh,
        traceIdLow,
        spanId,
        flags,
        resource,
        SCOPE);
  }

  /** The OpenTelemetry severity number for a Logback level (TRACE 1, DEBUG 5, INFO 9, WARN 13, ERROR 17). */
  static int severityNumber(Level level) {
    return switch (level.toInt()) {
      case Level.TRACE_INT -> 1;
      case Level.DEBUG_INT -> 5;
      case Level.INFO_INT -> 9;
      case Level.WARN_INT -> 13;
      case Level.ERROR_INT -> 17;
      default -> 0;
    };
  }
}
