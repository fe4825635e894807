package dev.tracekit.collector.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Requires {@code Authorization: Bearer <token>} on the ingest paths. The token is compared in
 * constant time: both sides are hashed first, so neither content nor length leaks through timing.
 * A wrong or missing token gets 401 with an empty body.
 */
public final class IngestTokenFilter implements WebFilter {

  private final byte[] expectedHash;
  private final IngestMetrics metrics;

  public IngestTokenFilter(String token, IngestMetrics metrics) {
    if (token == null || token.isEmpty()) {
      throw new IllegalArgumentException("the ingest token must not be empty");
    }
    this.expectedHash = sha256(token);
    this.metrics = metrics;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    String transport = transport(exchange.getRequest().getPath().pathWithinApplication().value(),
        exchange.getRequest().getHeaders().getContentType());
    if (transport == null) {
      return chain.filter(exchange);
    }
    String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
    String given = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : "";
    if (MessageDigest.isEqual(sha256(given), expectedHash)) {
      return chain.filter(exchange);
    }
    metrics.requestRejected(transport, "unauthorized");
    exchange.getResponse().setStatusCode(HttpStatus.UNAUTHORIZED);
    exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    return exchange.getResponse().setComplete();
  }

  /** The transport of an ingest request (a metric tag), or null for other paths. */
  private static String transport(String path, MediaType type) {
    return switch (path) {
      case "/v1/traces", "/v1/logs" ->
          type != null && MediaType.APPLICATION_JSON.isCompatibleWith(type) ? IngestMetrics.JSON : IngestMetrics.PROTO;
      case "/api/v2/spans" -> IngestMetrics.ZIPKIN;
      default -> null;
    };
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
