package dev.tracekit.starter.micrometer;

import dev.tracekit.core.Baggage;
import dev.tracekit.core.Context;
import io.micrometer.tracing.BaggageInScope;
import io.micrometer.tracing.BaggageManager;
import io.micrometer.tracing.TraceContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Micrometer baggage on our {@link Baggage}: the current baggage is the one in our
 * {@link Context}, so an entry put in scope through Micrometer is seen by our propagators
 * (and sent downstream) and an entry extracted by our server instrumentation is seen here.
 */
final class TraceKitBaggageManager implements BaggageManager {

  private final List<String> remoteFields;

  TraceKitBaggageManager(List<String> remoteFields) {
    this.remoteFields = List.copyOf(remoteFields);
  }

  @Override
  public Map<String, String> getAllBaggage() {
    return toMap(Context.current().baggage());
  }

  /** The baggage that would be current with {@code traceContext} in scope. */
  @Override
  public Map<String, String> getAllBaggage(TraceContext traceContext) {
    if (traceContext == null) {
      return getAllBaggage();
    }
    return toMap(baggageOf(traceContext));
  }

  static Baggage baggageOf(TraceContext traceContext) {
    return TraceKitCurrentTraceContext.merge(
        Context.current().baggage(), TraceKitTraceContext.from(traceContext).baggage());
  }

  private static Map<String, String> toMap(Baggage baggage) {
    if (baggage.isEmpty()) {
      return Map.of();
    }
    Map<String, String> map = new LinkedHashMap<>();
    baggage.forEach(map::put);
    return map;
  }

  /** The entry named {@code name}; its value is null when no such baggage is current. */
  @Override
  public io.micrometer.tracing.Baggage getBaggage(String name) {
    return new TraceKitBaggage(name, Context.current().baggage().get(name));
  }

  @Override
  public io.micrometer.tracing.Baggage getBaggage(TraceContext traceContext, String name) {
    String value = baggageOf(traceContext).get(name);
    return value == null ? null : new TraceKitBaggage(name, value);
  }

  /** @deprecated as in {@link BaggageManager}; use {@link #createBaggageInScope}. */
  @Deprecated
  @Override
  public io.micrometer.tracing.Baggage createBaggage(String name) {
    return new TraceKitBaggage(name, null);
  }

  /** @deprecated as in {@link BaggageManager}; use {@link #createBaggageInScope}. */
  @Deprecated
  @Override
  public io.micrometer.tracing.Baggage createBaggage(String name, String value) {
    return new TraceKitBaggage(name, value);
  }

  @Override
  public BaggageInScope createBaggageInScope(String name, String value) {
    return new TraceKitBaggage(name, value).makeCurrent();
  }

  @Override
  public BaggageInScope createBaggageInScope(TraceContext traceContext, String name, String value) {
    return new TraceKitBaggage(name, value).makeCurrent(traceContext, value);
  }

  /** The baggage fields sent to other services; observation key values with these names become baggage. */
  @Override
  public List<String> getBaggageFields() {
    return remoteFields;
  }
}
