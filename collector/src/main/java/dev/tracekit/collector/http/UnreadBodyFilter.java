package dev.tracekit.collector.http;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Keeps connections sound when the collector answers before it read the request body — a 401
 * for a missing token, a 429 when busy, a 415, a 413: the unread rest of the body would stay in
 * the kept-alive connection, and the client's next request on it could hang until it timed out
 * (seen with the JDK HTTP client our exporters use, about one request in twenty).
 *
 * <p>Like Tomcat's swallow limit: when the body declares at most {@link DiscardLimit#BYTES} bytes,
 * what the handler left unread is read and discarded once the answer is out, so the client sees
 * its status and keeps the connection. A larger or chunked body gets {@code Connection: close}
 * instead, so the collector never reads much for nothing.
 */
final class UnreadBodyFilter implements WebFilter, Ordered {

  private static final Duration SWALLOW_TIMEOUT = Duration.ofSeconds(10);

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    HttpHeaders headers = exchange.getRequest().getHeaders();
    long length = headers.getContentLength();
    boolean chunked = headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
    if (length <= 0 && !chunked) {
      return chain.filter(exchange);
    }
    AtomicBoolean subscribed = new AtomicBoolean();
    AtomicBoolean read = new AtomicBoolean();
    ServerHttpRequest original = exchange.getRequest();
    ServerHttpRequest request = new ServerHttpRequestDecorator(original) {
      @Override
      public Flux<DataBuffer> getBody() {
        return super.getBody().doOnSubscribe(s -> subscribed.set(true)).doOnComplete(() -> read.set(true));
      }
    };
    ServerHttpResponse response = exchange.getResponse();
    boolean swallow = !chunked && length <= DiscardLimit.BYTES;
    if (!swallow) {
      response.beforeCommit(() -> {
        if (!read.get()) {
          response.getHeaders().set(HttpHeaders.CONNECTION, "close");
        }
        return Mono.empty();
      });
      return chain.filter(exchange.mutate().request(request).build());
    }
    // Small enough to swallow: once the answer is out, read and discard what the handler left.
    return chain.filter(exchange.mutate().request(request).build())
        .then(Mono.defer(() -> read.get() || subscribed.get()
            ? Mono.<Void>empty()
            : original.getBody().doOnNext(DataBufferUtils::release).then().timeout(SWALLOW_TIMEOUT)))
        .onErrorResume(e -> response.isCommitted(), e -> Mono.empty());
  }

  /** First of all filters, so that every early answer after it is covered. */
  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}
