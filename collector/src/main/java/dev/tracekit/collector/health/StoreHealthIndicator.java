package dev.tracekit.collector.health;

import dev.tracekit.collector.storage.SpanStore;
import dev.tracekit.collector.storage.StoreUnavailableException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code store} in {@code /actuator/health}: UP while the store answers a read, DOWN (and the
 * health endpoint 503) while it is unavailable — e.g. PostgreSQL is down — so an orchestrator or
 * load balancer sees what ingest already answers with 503. The probe is the cheapest indexed
 * read of the store's interface, for a service name that does not exist.
 */
final class StoreHealthIndicator implements HealthIndicator {

  private static final String PROBE_SERVICE = "tracekit.health.probe";

  private final SpanStore store;

  StoreHealthIndicator(SpanStore store) {
    this.store = store;
  }

  @Override
  public Health health() {
    try {
      store.operations(PROBE_SERVICE);
      return Health.up().withDetail("durable", store.durable()).build();
    } catch (StoreUnavailableException e) {
      return Health.down().withDetail("reason", "the store is unavailable").build();
    }
  }
}
