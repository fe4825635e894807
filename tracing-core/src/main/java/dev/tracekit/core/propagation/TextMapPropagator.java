package dev.tracekit.core.propagation;

import dev.tracekit.core.Context;
import java.util.List;

/**
 * Moves a {@link Context} across a process boundary in headers. Extraction never throws: an
 * invalid header leaves {@code context} as it was (so a server starts a new trace).
 */
public interface TextMapPropagator {

  /** The header names this propagator writes (so carriers can clear or copy them). */
  List<String> fields();

  <C> void inject(Context context, C carrier, TextMapSetter<C> setter);

  <C> Context extract(Context context, C carrier, TextMapGetter<C> getter);
}
