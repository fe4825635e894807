package dev.tracekit.collector.live;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

import dev.tracekit.collector.storage.SpanStore;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Wires the live trace stream {@code /api/live} and its metrics. */
@Configuration(proxyBeanMethods = false)
class LiveConfiguration {

  @Bean
  LiveTraceFeed liveTraceFeed(SpanStore store, LiveProperties properties, MeterRegistry registry) {
    LiveTraceFeed feed = new LiveTraceFeed(store, properties.getMaxEventsPerSecond(), properties.getMaxPendingTraces(),
        properties.getSubscriberBuffer());
    Gauge.builder("tracekit.collector.live.subscribers", feed, LiveTraceFeed::subscribers)
        .description("Open live trace streams")
        .register(registry);
    FunctionCounter.builder("tracekit.collector.live.events.sent", feed, LiveTraceFeed::sentEvents)
        .description("Live trace events sent")
        .register(registry);
    FunctionCounter.builder("tracekit.collector.live.traces.skipped", feed, LiveTraceFeed::skippedTraces)
        .description("Traces left out of the live stream because more were pending than it sends")
        .register(registry);
    FunctionCounter.builder("tracekit.collector.live.events.dropped", feed, LiveTraceFeed::droppedEvents)
        .description("Live events dropped because a client read too slowly")
        .register(registry);
    return feed;
  }

  @Bean
  LiveHandler liveHandler(LiveTraceFeed feed, LiveProperties properties) {
    if (properties.getMaxSubscribers() < 1) {
      throw new IllegalStateException("tracekit.collector.live.max-subscribers must be at least 1");
    }
    return new LiveHandler(feed, properties.getMaxSubscribers());
  }

  @Bean
  RouterFunction<ServerResponse> liveRoutes(LiveHandler handler) {
    return RouterFunctions.route().route(GET("/api/live"), handler::live).build();
  }
}
