package dev.tracekit.core.propagation;

import dev.tracekit.core.Baggage;
import dev.tracekit.core.Context;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * W3C Baggage: the {@code baggage} header (format and limits in {@link BaggageFormat}).
 * Repeated headers are combined in order. Extracted baggage replaces the context's baggage
 * (a request's baggage is what its caller sent); a missing header, or one with no valid
 * member, leaves the context unchanged. Inject writes the header only when there is something
 * to write.
 *
 * <p>Counters for metrics: {@link #droppedEntries()} (over the 64-member or 8192-byte limits,
 * on extract or inject) and {@link #invalidEntries()} (malformed members skipped on extract,
 * entries whose name is not a token skipped on inject).
 */
public final class W3CBaggagePropagator implements TextMapPropagator {

  static final String BAGGAGE = "baggage";

  private static final W3CBaggagePropagator INSTANCE = new W3CBaggagePropagator();
  private static final List<String> FIELDS = List.of(BAGGAGE);

  private final LongAdder droppedEntries = new LongAdder();
  private final LongAdder invalidEntries = new LongAdder();

  W3CBaggagePropagator() {}

  public static W3CBaggagePropagator getInstance() {
    return INSTANCE;
  }

  /** Entries dropped because they exceeded the member-count or byte limit. */
  public long droppedEntries() {
    return droppedEntries.sum();
  }

  /** Entries skipped because they were malformed. */
  public long invalidEntries() {
    return invalidEntries.sum();
  }

  @Override
  public List<String> fields() {
    return FIELDS;
  }

  @Override
  public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
    if (context == null || setter == null) {
      return;
    }
    Baggage baggage = context.baggage();
    if (baggage.isEmpty()) {
      return;
    }
    String header = BaggageFormat.format(baggage, droppedEntries, invalidEntries);
    if (!header.isEmpty()) {
      setter.set(carrier, BAGGAGE, header);
    }
  }

  @Override
  public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
    if (context == null) {
      context = Context.root();
    }
    if (getter == null) {
      return context;
    }
    Iterable<String> values = getter.getAll(carrier, BAGGAGE);
    if (values == null) {
      return context;
    }
    Baggage baggage = BaggageFormat.parse(values, droppedEntries, invalidEntries);
    return baggage.isEmpty() ? context : context.with(baggage);
  }
}
