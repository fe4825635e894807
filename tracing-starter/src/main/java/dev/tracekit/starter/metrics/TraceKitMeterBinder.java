package dev.tracekit.starter.metrics;

import dev.tracekit.core.DropReason;
import dev.tracekit.core.TraceKitMetrics;
import dev.tracekit.starter.support.InstrumentationErrors;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Publishes TraceKit's self-metrics ({@link TraceKitMetrics}) as Micrometer meters named
 * {@code tracekit.*}. The meters read the SDK's counters when scraped; nothing is counted twice.
 */
public final class TraceKitMeterBinder implements MeterBinder {

  private final TraceKitMetrics metrics;

  public TraceKitMeterBinder(TraceKitMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    counter(registry, "tracekit.spans.started", "Spans started, sampled or not.", TraceKitMetrics::spansStarted);
    counter(
        registry,
        "tracekit.spans.ended",
        "Spans that ended and entered the export pipeline.",
        TraceKitMetrics::spansEnded);
    counter(registry, "tracekit.spans.exported", "Spans the exporter delivered.", TraceKitMetrics::spansExported);
    for (DropReason reason : DropReason.values()) {
      if (reason.losesItem()) {
        FunctionCounter.builder("tracekit.spans.dropped", metrics, m -> m.spansDropped(reason))
            .description("Spans lost, by reason.")
            .tag("reason", reason.name().toLowerCase(java.util.Locale.ROOT))
            .register(registry);
        FunctionCounter.builder("tracekit.logs.dropped", metrics, m -> m.logsDropped(reason))
            .description("Log records lost, by reason.")
            .tag("reason", reason.name().toLowerCase(java.util.Locale.ROOT))
            .register(registry);
      }
    }
    counter(
        registry,
        "tracekit.spans.limited",
        "Attributes, events and links cut from spans by the span limits.",
        m -> m.spansDropped(DropReason.LIMITS));
    counter(
        registry,
        "tracekit.spans.truncated.values",
        "String attribute values cut to the span limits' maximum length.",
        TraceKitMetrics::attributeValuesTruncated);
    FunctionCounter.builder("tracekit.sampling", metrics, TraceKitMetrics::spansSampled)
        .description("Sampling decisions for started spans.")
        .tag("decision", "record_and_sample")
        .register(registry);
    FunctionCounter.builder("tracekit.sampling", metrics, TraceKitMetrics::spansRecordOnly)
        .description("Sampling decisions for started spans.")
        .tag("decision", "record_only")
        .register(registry);
    FunctionCounter.builder(
            "tracekit.sampling",
            metrics,
            m -> Math.max(0, m.spansStarted() - m.spansSampled() - m.spansRecordOnly()))
        .description("Sampling decisions for started spans.")
        .tag("decision", "drop")
        .register(registry);
    counter(registry, "tracekit.logs.emitted", "Log records handed to TraceKit.", TraceKitMetrics::logsEmitted);
    counter(registry, "tracekit.logs.exported", "Log records the exporter delivered.", TraceKitMetrics::logsExported);
    FunctionCounter.builder("tracekit.export.batches", metrics, TraceKitMetrics::batchesExported)
        .description("Export batches (spans and logs), by outcome.")
        .tag("outcome", "success")
        .register(registry);
    FunctionCounter.builder("tracekit.export.batches", metrics, TraceKitMetrics::batchesFailed)
        .description("Export batches (spans and logs), by outcome.")
        .tag("outcome", "failure")
        .register(registry);
    counter(
        registry,
        "tracekit.export.retries",
        "Export attempts that failed and were retried.",
        TraceKitMetrics::exportRetries);
    FunctionCounter.builder("tracekit.export.bytes", metrics, TraceKitMetrics::encodedBytes)
        .description("Bytes of export payload, before and after compression.")
        .baseUnit(BaseUnits.BYTES)
        .tag("stage", "encoded")
        .register(registry);
    FunctionCounter.builder("tracekit.export.bytes", metrics, TraceKitMetrics::wireBytes)
        .description("Bytes of export payload, before and after compression.")
        .baseUnit(BaseUnits.BYTES)
        .tag("stage", "wire")
        .register(registry);
    FunctionTimer.builder(
            "tracekit.export.latency",
            metrics,
            TraceKitMetrics::exportCount,
            TraceKitMetrics::exportTotalNanos,
            TimeUnit.NANOSECONDS)
        .description("Time spent in export calls.")
        .register(registry);
    TimeGauge.builder("tracekit.export.latency.max", metrics, TimeUnit.NANOSECONDS, TraceKitMetrics::exportMaxNanos)
        .description("The longest export call so far.")
        .register(registry);
    Gauge.builder("tracekit.queue.depth", metrics, TraceKitMetrics::queueDepth)
        .description("Items waiting in an export queue.")
        .baseUnit("items")
        .tag("signal", "spans")
        .register(registry);
    Gauge.builder("tracekit.queue.depth", metrics, TraceKitMetrics::logQueueDepth)
        .description("Items waiting in an export queue.")
        .baseUnit("items")
        .tag("signal", "logs")
        .register(registry);
    FunctionCounter.builder("tracekit.instrumentation.errors", metrics, m -> InstrumentationErrors.count())
        .description("Failures inside TraceKit's instrumentation; the traced calls went on untraced.")
        .register(registry);
  }

  private void counter(
      MeterRegistry registry, String name, String description, ToDoubleFunction<TraceKitMetrics> value) {
    FunctionCounter.builder(name, metrics, value).description(description).register(registry);
  }
}
