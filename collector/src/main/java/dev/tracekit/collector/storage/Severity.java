package dev.tracekit.collector.storage;

import dev.tracekit.core.LogRecordData;
import java.util.Locale;

/**
 * OTel log severity numbers: TRACE 1-4, DEBUG 5-8, INFO 9-12, WARN 13-16, ERROR 17-20, FATAL
 * 21-24. A log that left the number unspecified (0) is ranked by its severity text.
 */
public final class Severity {

  public static final int TRACE = 1;
  public static final int DEBUG = 5;
  public static final int INFO = 9;
  public static final int WARN = 13;
  public static final int ERROR = 17;
  public static final int FATAL = 21;

  private Severity() {}

  /** The severity number a query ranks {@code log} by: its number, else one read from its text. */
  public static int effective(LogRecordData log) {
    int n = log.severityNumber();
    return n >= 1 && n <= 24 ? n : fromText(log.severityText());
  }

  /** The lowest number of the named level ({@code WARN} → 13), or 0 for an unknown name. */
  public static int fromText(String text) {
    if (text == null) {
      return 0;
    }
    return switch (text.trim().toUpperCase(Locale.ROOT)) {
      case "TRACE", "FINEST", "FINER" -> TRACE;
      case "DEBUG", "FINE" -> DEBUG;
      case "INFO", "INFORMATION" -> INFO;
      case "WARN", "WARNING" -> WARN;
      case "ERROR", "SEVERE" -> ERROR;
      case "FATAL", "CRITICAL" -> FATAL;
      default -> 0;
    };
  }

  /** The level name of a severity number ({@code 18} → {@code ERROR}), or null for 0. */
  public static String levelName(int severity) {
    if (severity < TRACE) {
      return null;
    }
    if (severity < DEBUG) {
      return "TRACE";
    }
    if (severity < INFO) {
      return "DEBUG";
    }
    if (severity < WARN) {
      return "INFO";
    }
    if (severity < ERROR) {
      return "WARN";
    }
    return severity < FATAL ? "ERROR" : "FATAL";
  }
}
