package dev.tracekit.collector.live;

import dev.tracekit.collector.ErrorBody;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/live}: server-sent events. First {@code ready} (the stream is subscribed: every
 * trace stored from now on will be announced), then one {@code trace} event per trace that got
 * new spans (data: a {@link LiveTrace} as JSON), and a comment every 15 s so proxies keep the
 * connection open. At most {@code maxSubscribers} streams at once; beyond, 503.
 */
public final class LiveHandler {

  private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

  private final LiveTraceFeed feed;
  private final int maxSubscribers;
  private final AtomicLong eventIds = new AtomicLong();

  public LiveHandler(LiveTraceFeed feed, int maxSubscribers) {
    this.feed = feed;
    this.maxSubscribers = maxSubscribers;
  }

  /** {@code GET /api/live}. */
  public Mono<ServerResponse> live(ServerRequest request) {
    if (feed.subscribers() >= maxSubscribers) {
      return ServerResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
          .contentType(MediaType.APPLICATION_JSON)
          .header(HttpHeaders.RETRY_AFTER, "5")
          .bodyValue(ErrorBody.json("too many live views open (" + maxSubscribers + "); retry later"));
    }
    // The feed is subscribed before "ready" goes out, so a trace stored after the client saw
    // "ready" is never missed.
    Flux<ServerSentEvent<Object>> traces = feed.subscribe()
        .map(trace -> ServerSentEvent.<Object>builder(trace)
            .event("trace")
            .id(Long.toString(eventIds.incrementAndGet()))
            .build());
    Flux<ServerSentEvent<Object>> ready = Flux.just(ServerSentEvent.<Object>builder(Map.of("ready", true))
        .event("ready")
        .build());
    Flux<ServerSentEvent<Object>> keepAlive = Flux.interval(KEEP_ALIVE)
        .map(i -> ServerSentEvent.<Object>builder().comment("keep-alive").build())
        .takeUntilOther(feed.stopped());
    return ServerResponse.ok()
        .contentType(MediaType.TEXT_EVENT_STREAM)
        .header(HttpHeaders.CACHE_CONTROL, "no-cache")
        .body(BodyInserters.fromServerSentEvents(Flux.merge(traces, ready, keepAlive)));
  }
}
