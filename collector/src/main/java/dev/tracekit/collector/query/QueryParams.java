package dev.tracekit.collector.query;

import dev.tracekit.collector.storage.Severity;
import dev.tracekit.collector.storage.TraceId;
import dev.tracekit.core.Ids;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Parses query parameters in the API's units. Durations: a number with a unit ({@code 150ms},
 * {@code 1.5s}, {@code 250us}, {@code 2m}, {@code 1h}) or a plain integer of microseconds. Times:
 * epoch microseconds, an ISO-8601 instant ({@code 2025-01-31T12:00:00Z}), or a negative duration
 * relative to now ({@code -15m}). Each failure names the parameter and the accepted forms.
 */
final class QueryParams {

  private QueryParams() {}

  /** A duration in nanoseconds. */
  static long durationNanos(String name, String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    int unitStart = 0;
    while (unitStart < v.length() && (Character.isDigit(v.charAt(unitStart)) || v.charAt(unitStart) == '.')) {
      unitStart++;
    }
    String unit = v.substring(unitStart);
    long nanosPerUnit = switch (unit) {
      case "", "us", "µs" -> 1_000L;
      case "ns" -> 1L;
      case "ms" -> 1_000_000L;
      case "s" -> 1_000_000_000L;
      case "m", "min" -> 60_000_000_000L;
      case "h" -> 3_600_000_000_000L;
      default -> -1;
    };
    if (unitStart == 0 || nanosPerUnit < 0) {
      throw new BadRequestException(name + " must be a duration such as 150ms, 1.5s, 250us, 2m or plain microseconds, got '"
          + abbreviate(value) + "'");
    }
    try {
      BigDecimal nanos = new BigDecimal(v.substring(0, unitStart)).multiply(BigDecimal.valueOf(nanosPerUnit));
      return nanos.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      throw new BadRequestException(name + " is not a valid duration: '" + abbreviate(value) + "'");
    }
  }

  /** A point in time in epoch nanoseconds. */
  static long timeNanos(String name, String value, long nowNanos) {
    String v = value.trim();
    if (v.startsWith("-")) {
      long ago = durationNanos(name, v.substring(1));
      return nowNanos - ago;
    }
    if (!v.isEmpty() && v.chars().allMatch(Character::isDigit)) {
      try {
        return Math.multiplyExact(Long.parseLong(v), 1_000L);
      } catch (NumberFormatException | ArithmeticException e) {
        throw new BadRequestException(name + " is out of range: '" + abbreviate(value) + "'");
      }
    }
    try {
      Instant instant = Instant.parse(v);
      return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    } catch (DateTimeParseException | ArithmeticException e) {
      throw new BadRequestException(name + " must be epoch microseconds, an ISO-8601 instant (2025-01-31T12:00:00Z) or a"
          + " time ago such as -15m, got '" + abbreviate(value) + "'");
    }
  }

  static int limit(String value, int defaultLimit, int maxLimit) {
    if (value == null) {
      return defaultLimit;
    }
    try {
      int limit = Integer.parseInt(value.trim());
      if (limit >= 1 && limit <= maxLimit) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new BadRequestException("limit must be an integer from 1 to " + maxLimit + ", got '" + abbreviate(value) + "'");
  }

  /** A non-negative offset into a list; 0 when absent. */
  static int offset(String value) {
    if (value == null) {
      return 0;
    }
    try {
      int offset = Integer.parseInt(value.trim());
      if (offset >= 0) {
        return offset;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new BadRequestException("offset must be a non-negative integer, got '" + abbreviate(value) + "'");
  }

  static Boolean bool(String name, String value) {
    if (value == null) {
      return null;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default -> throw new BadRequestException(name + " must be true or false, got '" + abbreviate(value) + "'");
    };
  }

  /** {@code key=value}, split at the first '='. */
  static String[] tag(String value) {
    int eq = value.indexOf('=');
    if (eq <= 0) {
      throw new BadRequestException("tag must be key=value, got '" + abbreviate(value) + "'");
    }
    return new String[] {value.substring(0, eq), value.substring(eq + 1)};
  }

  /** A minimum severity: a level name (TRACE, DEBUG, INFO, WARN, ERROR, FATAL) or a number 1-24. */
  static int level(String value) {
    int byName = Severity.fromText(value);
    if (byName > 0) {
      return byName;
    }
    try {
      int n = Integer.parseInt(value.trim());
      if (n >= 1 && n <= 24) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new BadRequestException("level must be TRACE, DEBUG, INFO, WARN, ERROR, FATAL or a severity number 1-24, got '"
        + abbreviate(value) + "'");
  }

  static TraceId traceId(String value) {
    try {
      return TraceId.parse(value.trim());
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("traceId must be 32 (or 16) hex characters and not all zero, got '"
          + abbreviate(value) + "'");
    }
  }

  static long spanId(String value) {
    String v = value.trim();
    long[] out = new long[2];
    if (v.length() != 16 || !Ids.parseLenient(v, out) || out[1] == 0) {
      throw new BadRequestException("spanId must be 16 hex characters and not all zero, got '" + abbreviate(value) + "'");
    }
    return out[1];
  }

  static String abbreviate(String s) {
    return s.length() <= 64 ? s : s.substring(0, 64) + "...";
  }
}
