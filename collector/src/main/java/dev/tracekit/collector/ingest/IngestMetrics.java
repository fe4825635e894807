package dev.tracekit.collector.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * The collector's own ingest metrics, by transport ({@code otlp-proto}, {@code otlp-json},
 * {@code zipkin}) and, for losses, by reason:
 *
 * <ul>
 *   <li>{@code tracekit.collector.spans.received} / {@code .logs.received}: decoded from requests;
 *   <li>{@code ...rejected{reason}}: refused one by one (invalid ids or times) or with their whole
 *       request (too many in one request);
 *   <li>{@code ...dropped{reason}}: accepted by decoding but not stored (queue full, store
 *       unavailable or failing, shutdown);
 *   <li>{@code ...stored}: written to the store;
 *   <li>{@code tracekit.collector.requests.rejected{reason}}: requests refused before their items
 *       could be counted (malformed, too large, unsupported type, unauthorized);
 *   <li>{@code tracekit.collector.ingest.latency}: request received to response decided,
 *       including the wait for a durable commit.
 * </ul>
 */
public final class IngestMetrics {

  public static final String PROTO = "otlp-proto";
  public static final String JSON = "otlp-json";
  public static final String ZIPKIN = "zipkin";

  private final MeterRegistry registry;

  public IngestMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public MeterRegistry registry() {
    return registry;
  }

  void received(Signal signal, String transport, int count) {
    increment(signal.prefix + ".received", "Items decoded from ingest requests", transport, null, count);
  }

  void rejected(Signal signal, String transport, String reason, int count) {
    increment(signal.prefix + ".rejected", "Items refused as invalid or over a limit", transport, reason, count);
  }

  void dropped(Signal signal, String transport, String reason, int count) {
    increment(signal.prefix + ".dropped", "Items accepted but not stored", transport, reason, count);
  }

  void stored(Signal signal, String transport, int count) {
    increment(signal.prefix + ".stored", "Items written to the store", transport, null, count);
  }

  void requestRejected(String transport, String reason) {
    increment("tracekit.collector.requests.rejected", "Ingest requests refused as a whole", transport, reason, 1);
  }

  void latency(String transport, long nanos) {
    Timer.builder("tracekit.collector.ingest.latency")
        .description("Time from receiving an ingest request to deciding its response")
        .tag("transport", transport)
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  private void increment(String name, String description, String transport, String reason, int count) {
    if (count <= 0) {
      return;
    }
    Counter.Builder builder = Counter.builder(name).description(description).tag("transport", transport);
    if (reason != null) {
      builder.tag("reason", reason);
    }
    builder.register(registry).increment(count);
  }

  /** What an ingest request carries. */
  public enum Signal {
    SPANS("tracekit.collector.spans"),
    LOGS("tracekit.collector.logs");

    final String prefix;

    Signal(String prefix) {
      this.prefix = prefix;
    }
  }
}
