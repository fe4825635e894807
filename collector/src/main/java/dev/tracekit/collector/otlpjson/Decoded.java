package dev.tracekit.collector.otlpjson;

import java.util.List;

/**
 * What a decoder made of a request: the items it accepted, how many it rejected (invalid ids,
 * missing times) and why the first one was rejected, for the OTLP {@code partial_success}.
 */
public record Decoded<T>(List<T> items, int rejected, String rejectionMessage) {

  public Decoded {
    items = List.copyOf(items);
    rejectionMessage = rejectionMessage == null ? "" : rejectionMessage;
  }
}
