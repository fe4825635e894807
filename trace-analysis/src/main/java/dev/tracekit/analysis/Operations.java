package dev.tracekit.analysis;

import dev.tracekit.core.SpanKind;

/** What makes two client calls "the same operation": span name plus the peer they call. */
final class Operations {

  private Operations() {}

  /** Name plus peer ({@link SpanSemantics#peer}, else the service that served it, else none). */
  static String key(Node client) {
    return client.name() + '\u0000' + peer(client);
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
