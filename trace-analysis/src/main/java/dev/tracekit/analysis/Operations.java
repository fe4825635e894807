package dev.tracekit.analysis;

import dev.tracekit.core.SpanKind;

/**
 * What makes two client calls "the same operation": span name, the peer they call, and what
 * they ask of it (the statement shape of a database call, the URL path of an HTTP call). Span
 * names alone are too coarse: OpenTelemetry names HTTP client spans by method only, and JDBC
 * instrumentation names every statement {@code query}.
 */
final class Operations {

  private Operations() {}

  static String key(Node client) {
    String statement = SpanSemantics.statement(client.span);
    String target = statement != null ? SqlNormalizer.normalize(statement) : SpanSemantics.target(client.span);
    return client.name() + '\u0000' + peer(client) + '\u0000' + (target == null ? "" : target);
  }

  /** The peer of a client call, or an empty string when nothing names it. */
  static String peer(Node client) {
    String peer = SpanSemantics.peer(client.span);
    if (peer != null) {
      return peer;
    }
    Node served = servingChild(client);
    return served == null ? "" : served.service;
  }

  /** The longest SERVER child of a client span, else its first child of another service, or null. */
  static Node servingChild(Node client) {
    Node server = null;
    Node other = null;
    for (Node c : client.children) {
      if (c.kind == SpanKind.SERVER) {
        if (server == null || c.duration() > server.duration()) {
          server = c;
        }
      } else if (other == null && !c.service.equals(client.service)) {
        other = c;
      }
    }
    return server != null ? server : other;
  }
}
