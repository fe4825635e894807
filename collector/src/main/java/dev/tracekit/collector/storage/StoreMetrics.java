package dev.tracekit.collector.storage;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.ToDoubleFunction;

/**
 * Gauges and counters over a store's {@link StoreStats}: {@code tracekit.collector.store.spans},
 * {@code .traces}, {@code .logs} (PostgreSQL: planner estimates), and
 * {@code tracekit.collector.store.evicted.spans} / {@code .expired.spans} / {@code .limited.spans}.
 */
public final class StoreMetrics implements MeterBinder {

  private final SpanStore store;

  public StoreMetrics(SpanStore store) {
    this.store = store;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    gauge(registry, store, "tracekit.collector.store.spans", "Spans in the store", s -> s.stats().spans());
    gauge(registry, store, "tracekit.collector.store.traces", "Traces in the store", s -> s.stats().traces());
    gauge(registry, store, "tracekit.collector.store.logs", "Log records in the store", s -> s.stats().logs());
    FunctionCounter.builder("tracekit.collector.store.evicted.spans", store, s -> s.stats().evictedSpans())
        .description("Spans evicted to keep the store within its bound")
        .register(registry);
    FunctionCounter.builder("tracekit.collector.store.expired.spans", store, s -> s.stats().expiredSpans())
        .description("Spans removed by retention")
        .register(registry);
    FunctionCounter.builder("tracekit.collector.store.limited.spans", store, s -> s.stats().limitedSpans())
        .description("Spans dropped because their trace already held the per-trace limit")
        .register(registry);
  }

  private static void gauge(MeterRegistry registry, SpanStore store, String name, String description,
      ToDoubleFunction<SpanStore> value) {
    Gauge.builder(name, store, value).description(description).register(registry);
  }
}
