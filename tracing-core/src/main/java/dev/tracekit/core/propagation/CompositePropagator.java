package dev.tracekit.core.propagation;

import dev.tracekit.core.Context;
import dev.tracekit.core.TraceContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Several propagators as one. Extract runs them in order: the first that yields a valid span
 * context provides the parent, later ones may still contribute baggage but not replace that
 * parent. Inject runs all of them.
 */
public final class CompositePropagator implements TextMapPropagator {

  private final TextMapPropagator[] propagators;
  private final List<String> fields;

  private CompositePropagator(TextMapPropagator[] propagators) {
    this.propagators = propagators;
    Set<String> names = new LinkedHashSet<>();
    for (TextMapPropagator propagator : propagators) {
      names.addAll(propagator.fields());
    }
    this.fields = List.copyOf(names);
  }

  public static CompositePropagator of(TextMapPropagator... propagators) {
    Objects.requireNonNull(propagators, "propagators");
    List<TextMapPropagator> flat = new ArrayList<>();
    for (TextMapPropagator propagator : propagators) {
      Objects.requireNonNull(propagator, "propagator");
      if (propagator instanceof CompositePropagator composite) {
        flat.addAll(List.of(composite.propagators));
      } else {
        flat.add(propagator);
      }
    }
    return new CompositePropagator(flat.toArray(new TextMapPropagator[0]));
  }

  @Override
  public List<String> fields() {
    return fields;
  }

  @Override
  public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
    for (TextMapPropagator propagator : propagators) {
      propagator.inject(context, carrier, setter);
    }
  }

  @Override
  public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
    Context result = context == null ? Context.root() : context;
    boolean parentFound = false;
    for (TextMapPropagator propagator : propagators) {
      Context extracted = propagator.extract(result, carrier, getter);
      if (extracted == null || extracted == result) {
        continue;
      }
      TraceContext span = extracted.span().context();
      boolean newParent = extracted.span() != result.span() && span.isValid();
      if (newParent && parentFound) {
        result = result.with(extracted.baggage());
      } else {
        result = extracted;
        parentFound |= newParent;
      }
    }
    return result;
  }
}
