package dev.tracekit.collector;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RequestPredicates.POST;

import dev.tracekit.collector.ingest.IngestHandler;
import dev.tracekit.collector.ingest.IngestLimits;
import dev.tracekit.collector.ingest.IngestLimitsProperties;
import dev.tracekit.collector.ingest.IngestMetrics;
import dev.tracekit.collector.ingest.IngestPipeline;
import dev.tracekit.collector.ingest.IngestTokenFilter;
import dev.tracekit.collector.query.QueryHandler;
import dev.tracekit.collector.storage.SpanStore;
import dev.tracekit.collector.storage.StoreMetrics;
import dev.tracekit.collector.storage.memory.InMemorySpanStore;
import dev.tracekit.collector.storage.postgres.PostgresSettings;
import dev.tracekit.collector.storage.postgres.PostgresSpanStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** Wires the store, the ingest pipeline, the handlers and the routes from {@link CollectorProperties}. */
@Configuration(proxyBeanMethods = false)
class CollectorConfiguration {

  private static final Logger log = LoggerFactory.getLogger(CollectorConfiguration.class);

  @Bean(destroyMethod = "close")
  SpanStore spanStore(CollectorProperties properties) {
    CollectorProperties.Storage storage = properties.getStorage();
    if (storage.getType() == CollectorProperties.StorageType.POSTGRES) {
      CollectorProperties.Postgres pg = storage.getPostgres();
      log.info("Storing spans and logs in PostgreSQL at {}, schema {}", pg.getUrl(), pg.getSchema());
      return PostgresSpanStore.open(new PostgresSettings(pg.getUrl(), pg.getUsername(), pg.getPassword(),
          pg.getSchema(), pg.getPoolSize(), pg.getConnectionTimeout(), pg.getConnectRetries()));
    }
    CollectorProperties.Memory memory = storage.getMemory();
    int perWrite = itemsPerWrite(properties.getIngest());
    if (memory.getMaxSpans() < perWrite || memory.getMaxLogs() < perWrite) {
      throw new IllegalStateException("tracekit.collector.storage.memory.max-spans and max-logs must be at least "
          + perWrite + " (the largest ingest request: tracekit.collector.ingest.max-spans-per-request and"
          + " max-logs-per-request)");
    }
    log.info("Storing up to {} spans ({} per trace) and {} logs in memory", memory.getMaxSpans(),
        memory.getMaxSpansPerTrace(), memory.getMaxLogs());
    return new InMemorySpanStore(memory.getMaxSpans(), memory.getMaxLogs(), memory.getMaxSpansPerTrace());
  }

  private static int itemsPerWrite(CollectorProperties.Ingest ingest) {
    return Math.max(ingest.getMaxSpansPerRequest(), ingest.getMaxLogsPerRequest());
  }

  @Bean
  StoreMetrics storeMetrics(SpanStore store) {
    return new StoreMetrics(store);
  }

  @Bean
  IngestMetrics ingestMetrics(MeterRegistry registry) {
    return new IngestMetrics(registry);
  }

  @Bean
  IngestPipeline ingestPipeline(SpanStore store, IngestMetrics metrics, CollectorProperties properties) {
    CollectorProperties.Ingest ingest = properties.getIngest();
    CollectorProperties.Storage storage = properties.getStorage();
    if (ingest.getQueueCapacity() < itemsPerWrite(ingest)) {
      throw new IllegalStateException("tracekit.collector.ingest.queue-capacity must be at least " + itemsPerWrite(ingest)
          + " (the largest ingest request)");
    }
    Duration retention = storage.getType() == CollectorProperties.StorageType.POSTGRES
        ? storage.getPostgres().getRetention()
        : storage.getMemory().getMaxAge();
    return new IngestPipeline(store, metrics, ingest.getQueueCapacity(), itemsPerWrite(ingest), ingest.getRetryAfter(),
        retention, storage.getRetentionInterval());
  }

  @Bean
  IngestHandler ingestHandler(IngestPipeline pipeline, IngestMetrics metrics, CollectorProperties properties,
      IngestLimitsProperties limits) {
    CollectorProperties.Ingest ingest = properties.getIngest();
    return new IngestHandler(pipeline, metrics, toIntBytes(ingest.getMaxBodySize().toBytes(), "max-body-size"),
        toIntBytes(ingest.getMaxDecompressedSize().toBytes(), "max-decompressed-size"), ingest.getMaxSpansPerRequest(),
        ingest.getMaxLogsPerRequest(), ingest.getMaxConcurrentRequests(), ingest.getCommitTimeout(), ingest.getRetryAfter(),
        new IngestLimits(limits.getMaxValueLength(), limits.getMaxAttributesPerSpan(), limits.getMaxEventsPerSpan(),
            metrics.registry()));
  }

  private static int toIntBytes(long bytes, String property) {
    if (bytes < 1 || bytes > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("tracekit.collector.ingest." + property + " must be between 1B and 2GB");
    }
    return (int) bytes;
  }

  @Bean
  @Conditional(IngestTokenSet.class)
  IngestTokenFilter ingestTokenFilter(CollectorProperties properties, IngestMetrics metrics) {
    return new IngestTokenFilter(properties.getIngestToken(), metrics);
  }

  @Bean(destroyMethod = "dispose")
  Scheduler storeReads(CollectorProperties properties) {
    CollectorProperties.Query query = properties.getQuery();
    return Schedulers.newBoundedElastic(query.getReadThreads(), query.getReadQueue(), "tracekit-store-read", 60, true);
  }

  @Bean
  QueryHandler queryHandler(SpanStore store, Scheduler storeReads, CollectorProperties properties) {
    CollectorProperties.Query query = properties.getQuery();
    return new QueryHandler(store, storeReads, query.getDefaultLimit(), query.getMaxLimit(),
        query.getDependenciesMaxTraces());
  }

  @Bean
  RouterFunction<ServerResponse> collectorRoutes(IngestHandler ingest, QueryHandler query) {
    return RouterFunctions.route()
        .route(POST("/v1/traces"), ingest::traces)
        .route(POST("/v1/logs"), ingest::logs)
        .route(POST("/api/v2/spans"), ingest::zipkin)
        .route(GET("/api/traces/{traceId}"), query::trace)
        .route(GET("/api/traces"), query::traces)
        .route(GET("/api/services"), query::services)
        .route(GET("/api/services/{service}/operations"), query::operations)
        .route(GET("/api/dependencies"), query::dependencies)
        .route(GET("/api/logs"), query::logs)
        .build();
  }

  /** Matches when {@code tracekit.collector.ingest-token} is set to a non-empty value. */
  static final class IngestTokenSet implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      return StringUtils.hasLength(context.getEnvironment().getProperty("tracekit.collector.ingest-token"));
    }
  }
}
