package dev.tracekit.starter.http;

import dev.tracekit.core.TraceContext;
import java.util.Set;

/**
 * OpenTelemetry HTTP semantic-convention attribute names and the small rules around them,
 * shared by the server and client instrumentations.
 */
public final class HttpAttributes {

  public static final String HTTP_REQUEST_METHOD = "http.request.method";
  public static final String HTTP_REQUEST_METHOD_ORIGINAL = "http.request.method_original";
  public static final String HTTP_RESPONSE_STATUS_CODE = "http.response.status_code";
  public static final String HTTP_ROUTE = "http.route";
  public static final String HTTP_REQUEST_RESEND_COUNT = "http.request.resend_count";
  public static final String URL_PATH = "url.path";
  public static final String URL_QUERY = "url.query";
  public static final String URL_SCHEME = "url.scheme";
  public static final String URL_FULL = "url.full";
  public static final String URL_TEMPLATE = "url.template";
  public static final String SERVER_ADDRESS = "server.address";
  public static final String SERVER_PORT = "server.port";
  public static final String CLIENT_ADDRESS = "client.address";
  public static final String USER_AGENT_ORIGINAL = "user_agent.original";
  public static final String ERROR_TYPE = "error.type";

  /** The W3C Trace Context Level 2 response header. */
  public static final String TRACE_RESPONSE_HEADER = "traceresponse";

  /** Methods known to the semantic conventions; others are recorded as {@code _OTHER}. */
  private static final Set<String> KNOWN_METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH", "QUERY");

  private HttpAttributes() {}

  /** {@code method} if the conventions know it, else {@code _OTHER} (keeps span names low-cardinality). */
  public static String knownMethod(String method) {
    return method != null && KNOWN_METHODS.contains(method) ? method : "_OTHER";
  }

  /** The span name for a request: {@code METHOD target}, or {@code METHOD} alone, or "HTTP" for unknown methods. */
  public static String spanName(String knownMethod, String target) {
    String method = "_OTHER".equals(knownMethod) ? "HTTP" : knownMethod;
    return target == null || target.isEmpty() ? method : method + ' ' + target;
  }

  /** The port implied by a scheme when a URL names none. */
  public static int defaultPort(String scheme) {
    if ("https".equalsIgnoreCase(scheme) || "wss".equalsIgnoreCase(scheme)) {
      return 443;
    }
    return 80;
  }

  /** The {@code traceresponse} value naming {@code context}: {@code 00-traceid-spanid-flags}. */
  public static String traceResponse(TraceContext context) {
    StringBuilder sb = new StringBuilder(55);
    sb.append("00-").append(context.traceIdHex()).append('-').append(context.spanIdHex()).append('-');
    int flags = context.flags();
    sb.append(Character.forDigit(flags >> 4, 16)).append(Character.forDigit(flags & 0xF, 16));
    return sb.toString();
  }
}
