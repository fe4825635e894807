package dev.tracekit.starter;

import dev.tracekit.core.Baggage;
import dev.tracekit.core.Context;
import dev.tracekit.core.propagation.TextMapGetter;
import dev.tracekit.core.propagation.TextMapPropagator;
import dev.tracekit.core.propagation.TextMapSetter;
import java.util.List;
import java.util.Locale;

/**
 * Carries selected baggage entries as plain headers of their own name
 * ({@code tracekit.baggage.remote-fields}, e.g. {@code x-request-id}), for services that do not
 * read W3C Baggage. Extract turns those headers into baggage; inject writes them back.
 */
final class RemoteFieldsPropagator implements TextMapPropagator {

  private final List<String> fields;

  RemoteFieldsPropagator(List<String> fields) {
    this.fields =
        fields.stream().filter(f -> f != null && !f.isBlank()).map(f -> f.trim().toLowerCase(Locale.ROOT)).toList();
  }

  @Override
  public List<String> fields() {
    return fields;
  }

  @Override
  public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
    Baggage baggage = context.baggage();
    for (String field : fields) {
      String value = baggage.get(field);
      if (value != null && isSafeHeaderValue(value)) {
        setter.set(carrier, field, value);
      }
    }
  }

  /**
   * Whether {@code value} can be written as a header value as it is: visible ASCII, space and tab
   * only. CR/LF would split the header, NUL and non-ASCII are refused by some clients. Baggage may
   * come from application code or user input; an unsafe value is not sent rather than breaking the
   * request or forging a header.
   */
  static boolean isSafeHeaderValue(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c > 0x7E) {
        return false;
      }
    }
    return true;
  }

  @Override
  public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
    Baggage baggage = context.baggage();
    for (String field : fields) {
      String value = getter.get(carrier, field);
      if (value != null && !value.isEmpty()) {
        baggage = baggage.with(field, value);
      }
    }
    return context.with(baggage);
  }
}
