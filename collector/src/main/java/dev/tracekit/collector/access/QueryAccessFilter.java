package dev.tracekit.collector.access;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Requires a query credential on everything but ingest (which has its own token) and
 * {@code /actuator/health}: the query API, the UI and the other actuator endpoints. Accepted:
 * {@code Authorization: Bearer <query-token>} and/or {@code Authorization: Basic} with the
 * configured user and password. Both are compared in constant time (hashed first, so neither
 * content nor length leaks through timing). Missing or wrong → 401 with an empty body and a
 * challenge ({@code Basic realm="tracekit"} when basic auth is on, so a browser asks for it).
 * CORS preflights pass through: they carry no credentials and the CORS filter answers them.
 */
final class QueryAccessFilter implements WebFilter, Ordered {

  /** After the CORS filter, before everything else. */
  static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

  private final byte[] tokenHash;
  private final byte[] userHash;
  private final byte[] passwordHash;
  private final List<String> challenges = new ArrayList<>();
  private final Counter rejected;

  QueryAccessFilter(AccessProperties properties, MeterRegistry registry) {
    String token = properties.getQueryToken();
    AccessProperties.BasicAuth basic = properties.getQueryBasicAuth();
    if (basic.configured() && basic.getPassword().isEmpty()) {
      throw new IllegalStateException("tracekit.collector.query-basic-auth.password must be set when "
          + "tracekit.collector.query-basic-auth.username is");
    }
    this.tokenHash = token.isEmpty() ? null : sha256(token);
    this.userHash = basic.configured() ? sha256(basic.getUsername()) : null;
    this.passwordHash = basic.configured() ? sha256(basic.getPassword()) : null;
    if (basic.configured()) {
      challenges.add("Basic realm=\"tracekit\", charset=\"UTF-8\"");
    }
    if (tokenHash != null) {
      challenges.add("Bearer realm=\"tracekit\"");
    }
    this.rejected = Counter.builder("tracekit.collector.query.rejected")
        .description("Query, UI and actuator requests refused for a missing or wrong credential")
        .tag("reason", "unauthorized")
        .register(registry);
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    if (isOpen(exchange.getRequest().getPath().pathWithinApplication().value())
        || CorsUtils.isPreFlightRequest(exchange.getRequest())
        || authorized(exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION))) {
      return chain.filter(exchange);
    }
    rejected.increment();
    exchange.getResponse().setStatusCode(HttpStatus.UNAUTHORIZED);
    exchange.getResponse().getHeaders().put(HttpHeaders.WWW_AUTHENTICATE, challenges);
    return exchange.getResponse().setComplete();
  }

  /** Ingest (its own token guards it) and health (for orchestrators' probes). */
  static boolean isOpen(String path) {
    return switch (path) {
      case "/v1/traces", "/v1/logs", "/api/v2/spans", "/actuator/health" -> true;
      default -> path.startsWith("/actuator/health/");
    };
  }

  private boolean authorized(String header) {
    if (header == null) {
      return false;
    }
    if (tokenHash != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return MessageDigest.isEqual(sha256(header.substring(7).trim()), tokenHash);
    }
    if (userHash != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return false;
      }
      int colon = decoded.indexOf(':');
      String user = colon < 0 ? decoded : decoded.substring(0, colon);
      String password = colon < 0 ? "" : decoded.substring(colon + 1);
      // Both compared every time (no short-circuit), so a right user name does not show in the timing.
      boolean userOk = MessageDigest.isEqual(sha256(user), userHash);
      boolean passwordOk = MessageDigest.isEqual(sha256(password), passwordHash);
      return userOk & passwordOk;
    }
    return false;
  }

  @Override
  public int getOrder() {
    return ORDER;
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
