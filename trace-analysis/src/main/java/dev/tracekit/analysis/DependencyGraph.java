package dev.tracekit.analysis;

import dev.tracekit.core.SpanData;
import dev.tracekit.core.SpanKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The service dependency graph of many traces. An edge is counted for
 * <ul>
 *   <li>each client span: to the service of the server span it called (its SERVER child, else its
 *       first child in another service, also when the two share a span id, Zipkin style), with
 *       the client's duration as latency; when nobody traced the other side, to its
 *       {@code peer.service} or database system, if it names one;
 *   <li>each span of another service than its non-client parent (for example a messaging
 *       consumer under its producer), with the child's duration.
 * </ul>
 * A call is an error when the client or server span failed (status ERROR or an HTTP status of
 * 500 or more); a link without a client span, when the child failed.
 */
public final class DependencyGraph {

  private DependencyGraph() {}

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Adds spans and builds the links. Each {@link #add} call must hold whole traces (parents and
   * children together), of one trace or several. Memory stays bounded by the number of edges,
   * not of calls. Not thread-safe.
   */
  public static final class Builder {

    private record SpanKey(long traceIdHigh, long traceIdLow, long spanId) {
      static SpanKey of(SpanData s) {
        return new SpanKey(s.context().traceIdHigh(), s.context().traceIdLow(), s.context().spanId());
      }

      static SpanKey parentOf(SpanData s) {
        return new SpanKey(s.context().traceIdHigh(), s.context().traceIdLow(), s.parentSpanId());
      }
    }

    private static final class Edge {
      final String parent;
      final String child;
      long calls;
      long errors;
      final LatencyHistogram latency = new LatencyHistogram();

      Edge(String parent, String child) {
        this.parent = parent;
        this.child = child;
      }
    }

    private final Map<String, Edge> edges = new HashMap<>();

    private Builder() {}

    public Builder add(Iterable<? extends SpanData> spans) {
      Objects.requireNonNull(spans, "spans");
      List<SpanData> all = new ArrayList<>();
      Map<SpanKey, SpanData> clients = new HashMap<>();
      Map<SpanKey, SpanData> others = new HashMap<>();
      for (SpanData s : spans) {
        Objects.requireNonNull(s, "spans holds a null span");
        all.add(s);
        (s.kind() == SpanKind.CLIENT ? clients : others).putIfAbsent(SpanKey.of(s), s);
      }
      Map<SpanKey, SpanData> served = new HashMap<>();
      for (SpanData s : all) {
        if (s.kind() == SpanKind.CLIENT) {
          continue;
        }
        SpanData sharedClient = s.kind() == SpanKind.SERVER ? clients.get(SpanKey.of(s)) : null;
        if (sharedClient != null) {
          offer(served, sharedClient, s);
          continue;
        }
        if (s.parentSpanId() == 0) {
          continue;
        }
        SpanKey parentKey = SpanKey.parentOf(s);
        SpanData parent = others.get(parentKey);
        if (parent == null) {
          parent = clients.get(parentKey);
        }
        if (parent == null) {
          continue;
        }
        if (parent.kind() == SpanKind.CLIENT) {
          offer(served, parent, s);
        } else if (!parent.serviceName().equals(s.serviceName())) {
          count(parent.serviceName(), s.serviceName(), micros(s), SpanSemantics.failed(s));
        }
      }
      for (SpanData client : clients.values()) {
        SpanData server = served.get(SpanKey.of(client));
        if (server != null) {
          count(client.serviceName(), server.serviceName(), micros(client),
              SpanSemantics.failed(client) || SpanSemantics.failed(server));
        } else {
          String remote = SpanSemantics.remoteService(client);
          if (remote != null) {
            count(client.serviceName(), remote, micros(client), SpanSemantics.failed(client));
          }
        }
      }
      return this;
    }

    /** Keeps the best server-side child of a client: a SERVER span, else one of another service. */
    private static void offer(Map<SpanKey, SpanData> served, SpanData client, SpanData child) {
      boolean server = child.kind() == SpanKind.SERVER;
      if (!server && child.serviceName().equals(client.serviceName())) {
        return;
      }
      SpanKey key = SpanKey.of(client);
      SpanData current = served.get(key);
      if (current == null || (server && current.kind() != SpanKind.SERVER)) {
        served.put(key, child);
      }
    }

    private void count(String parent, String child, long micros, boolean error) {
      Edge e = edges.computeIfAbsent(parent + '\u0000' + child, k -> new Edge(parent, child));
      e.calls++;
      e.errors += error ? 1 : 0;
      e.latency.record(micros);
    }

    private static long micros(SpanData s) {
      return Math.max(0, Math.floorDiv(s.endEpochNanos(), 1_000L) - Math.floorDiv(s.startEpochNanos(), 1_000L));
    }

    /** The links, sorted by parent then child. The builder can keep adding afterwards. */
    public List<DependencyLink> build() {
      List<DependencyLink> links = new ArrayList<>(edges.size());
      for (Edge e : edges.values()) {
        links.add(new DependencyLink(
            e.parent, e.child, e.calls, e.errors, e.latency.percentile(0.50), e.latency.percentile(0.99)));
      }
      links.sort(Comparator.comparing(DependencyLink::parent).thenComparing(DependencyLink::child));
      return List.copyOf(links);
    }
  }
}
