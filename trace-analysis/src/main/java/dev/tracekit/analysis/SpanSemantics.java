package dev.tracekit.analysis;

import dev.tracekit.core.Attributes;
import dev.tracekit.core.SpanData;
import dev.tracekit.core.SpanKind;
import dev.tracekit.core.StatusCode;

/**
 * Reads what the detectors need from span attributes, current OpenTelemetry semantic conventions
 * first, then older names, then what datasource-micrometer (JDBC observations) writes.
 */
final class SpanSemantics {

  private SpanSemantics() {}

  /** The database statement a span ran, or null when it is not a database span. */
  static String statement(SpanData span) {
    Attributes a = span.attributes();
    String text = nonBlank(a.getString("db.query.text"));
    if (text == null) {
      text = nonBlank(a.getString("db.statement"));
    }
    if (text == null) {
      text = nonBlank(a.getString("jdbc.query[0]"));
    }
    if (text == null && span.kind() == SpanKind.CLIENT && hasDbSystem(a)) {
      text = nonBlank(span.name());
    }
    return text;
  }

  /** Whether a span talks to a database (so it is not an HTTP/RPC call). */
  static boolean isDatabase(SpanData span) {
    Attributes a = span.attributes();
    if (hasDbSystem(a) || a.get("db.query.text") != null || a.get("db.statement") != null) {
      return true;
    }
    for (int i = 0; i < a.size(); i++) {
      if (a.keyAt(i).startsWith("jdbc.")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a span is database plumbing between a request and its statements: a database span
   * itself, or a JDBC connection span (datasource-micrometer names it {@code connection}).
   * N+1 detection looks through these to the span that issued the statements.
   */
  static boolean isDatabasePlumbing(SpanData span) {
    return isDatabase(span) || "connection".equals(span.name()) || "jdbc.connection".equals(span.name());
  }

  /** Whether an attempt failed: status ERROR or an HTTP status of 500 or more. */
  static boolean failed(SpanData span) {
    return span.statusCode() == StatusCode.ERROR || httpStatus(span) >= 500;
  }

  /** The HTTP response status code, or 0. */
  static long httpStatus(SpanData span) {
    long status = asLong(span.attributes().get("http.response.status_code"));
    return status != 0 ? status : asLong(span.attributes().get("http.status_code"));
  }

  /** {@code http.request.resend_count}, or 0. */
  static long resendCount(SpanData span) {
    return asLong(span.attributes().get("http.request.resend_count"));
  }

  /** The remote peer a client span talks to, from its own attributes, or null. */
  static String peer(SpanData span) {
    Attributes a = span.attributes();
    String peer = nonBlank(a.getString("server.address"));
    if (peer == null) {
      peer = nonBlank(a.getString("net.peer.name"));
    }
    if (peer == null) {
      peer = nonBlank(a.getString("peer.service"));
    }
    if (peer == null) {
      peer = urlHost(a.getString("url.full"));
    }
    if (peer == null) {
      peer = urlHost(a.getString("http.url"));
    }
    return peer;
  }

  /**
   * What an HTTP call asks for: {@code url.template}, else the path of {@code url.full} (or the
   * older {@code http.url}), without query or fragment; null when none is known.
   */
  static String target(SpanData span) {
    Attributes a = span.attributes();
    String template = nonBlank(a.getString("url.template"));
    if (template != null) {
      return template;
    }
    String path = urlPath(a.getString("url.full"));
    return path != null ? path : urlPath(a.getString("http.url"));
  }

  /** The path of an absolute URL ("/" when it has none), or null. */
  static String urlPath(String url) {
    if (url == null) {
      return null;
    }
    int scheme = url.indexOf("://");
    if (scheme < 0) {
      return null;
    }
    int from = scheme + 3;
    while (from < url.length() && "/?#".indexOf(url.charAt(from)) < 0) {
      from++;
    }
    if (from == url.length() || url.charAt(from) != '/') {
      return "/";
    }
    int to = from;
    while (to < url.length() && "?#".indexOf(url.charAt(to)) < 0) {
      to++;
    }
    return url.substring(from, to);
  }

  /** A name for the service on the other side of an untraced client call, or null. */
  static String remoteService(SpanData span) {
    Attributes a = span.attributes();
    String name = nonBlank(a.getString("peer.service"));
    if (name == null && isDatabase(span)) {
      name = nonBlank(a.getString("db.system.name"));
      if (name == null) {
        name = nonBlank(a.getString("db.system"));
      }
    }
    return name;
  }

  private static boolean hasDbSystem(Attributes a) {
    return a.get("db.system.name") != null || a.get("db.system") != null;
  }

  /** The host of an absolute URL, without port or user info, or null. No exceptions, no regex. */
  static String urlHost(String url) {
    if (url == null) {
      return null;
    }
    int scheme = url.indexOf("://");
    if (scheme < 0) {
      return null;
    }
    int from = scheme + 3;
    int to = from;
    while (to < url.length() && "/?#".indexOf(url.charAt(to)) < 0) {
      to++;
    }
    int at = url.lastIndexOf('@', to - 1);
    if (at >= from) {
      from = at + 1;
    }
    if (from < to && url.charAt(from) == '[') {
      int close = url.indexOf(']', from);
      return close > from && close < to ? url.substring(from, close + 1) : null;
    }
    int colon = url.indexOf(':', from);
    if (colon >= 0 && colon < to) {
      to = colon;
    }
    return to > from ? url.substring(from, to) : null;
  }

  private static long asLong(Object value) {
    if (value instanceof Number n) {
      return n.longValue();
    }
    if (value instanceof String s) {
      try {
        return Long.parseLong(s.trim());
      } catch (NumberFormatException e) {
        return 0;
      }
    }
    return 0;
  }

  private static String nonBlank(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
