package dev.tracekit.collector.analysis;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

import dev.tracekit.analysis.AnalysisSettings;
import dev.tracekit.analysis.TraceAnalyzer;
import dev.tracekit.collector.storage.SpanStore;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.scheduler.Schedulers;

/** Wires the analysis API and the latency history that the stored spans feed. */
@Configuration(proxyBeanMethods = false)
class AnalysisConfiguration {

  @Bean
  RecentOperationLatencies recentOperationLatencies(AnalysisProperties properties, MeterRegistry registry) {
    RecentOperationLatencies history = new RecentOperationLatencies(properties.getHistoryMaxOperations(),
        properties.getHistorySamplesPerOperation());
    Gauge.builder("tracekit.collector.analysis.history.operations", history, RecentOperationLatencies::operations)
        .description("Operations whose recent durations are kept for slow-span findings")
        .register(registry);
    FunctionCounter.builder("tracekit.collector.analysis.history.forgotten", history,
            RecentOperationLatencies::forgottenOperations)
        .description("Operations forgotten to keep the latency history within its bound")
        .register(registry);
    return history;
  }

  @Bean(destroyMethod = "close")
  AnalysisHandler analysisHandler(SpanStore store, RecentOperationLatencies history, AnalysisProperties properties) {
    if (properties.getThreads() < 1 || properties.getQueue() < 1) {
      throw new IllegalStateException("tracekit.collector.analysis.threads and .queue must be at least 1");
    }
    return new AnalysisHandler(store, new TraceAnalyzer(AnalysisSettings.defaults(), history),
        Schedulers.newBoundedElastic(properties.getThreads(), properties.getQueue(), "tracekit-analysis", 60, true));
  }

  @Bean
  RouterFunction<ServerResponse> analysisRoutes(AnalysisHandler handler) {
    return RouterFunctions.route()
        .route(GET("/api/traces/{traceId}/analysis"), handler::analysis)
        .route(GET("/api/traces/{traceId}/report"), handler::report)
        .build();
  }
}
