package dev.tracekit.collector.dependencies;

import dev.tracekit.core.SpanData;
import dev.tracekit.core.SpanKind;
import dev.tracekit.core.StatusCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Edges from parent/child spans that cross a service boundary: a span whose parent belongs to
 * another service is one call from the parent's service to its own. The call's latency is the
 * caller's span when it is a CLIENT or PRODUCER span (it includes the network), else the callee's;
 * the call failed when either span has ERROR status. A CLIENT or PRODUCER span without a child in
 * another service is a call to an uninstrumented peer, named by {@code peer.service},
 * {@code db.system.name}, {@code db.system}, {@code messaging.system} or {@code server.address}.
 */
public final class SpanParentLinker implements DependencyLinker {

  private static final String[] PEER_KEYS = {"peer.service", "db.system.name", "db.system", "messaging.system", "server.address"};

  @Override
  public Aggregation newAggregation() {
    return new Edges();
  }

  private static final class Edges implements Aggregation {
    private final Map<String, Map<String, Edge>> edges = new TreeMap<>();

    @Override
    public void addTrace(List<SpanData> spans) {
      Map<Long, SpanData> byId = new HashMap<>(spans.size() * 2);
      for (SpanData span : spans) {
        byId.put(span.context().spanId(), span);
      }
      Map<Long, Boolean> hasRemoteChild = new HashMap<>();
      for (SpanData child : spans) {
        SpanData parent = child.parentSpanId() == 0 ? null : byId.get(child.parentSpanId());
        if (parent == null || parent.serviceName().equals(child.serviceName())) {
          continue;
        }
        hasRemoteChild.put(parent.context().spanId(), true);
        boolean callerTimed = parent.kind() == SpanKind.CLIENT || parent.kind() == SpanKind.PRODUCER;
        add(parent.serviceName(), child.serviceName(),
            (callerTimed ? parent : child).durationNanos(),
            child.statusCode() == StatusCode.ERROR || (callerTimed && parent.statusCode() == StatusCode.ERROR));
      }
      for (SpanData span : spans) {
        if ((span.kind() == SpanKind.CLIENT || span.kind() == SpanKind.PRODUCER)
            && !hasRemoteChild.containsKey(span.context().spanId())) {
          String peer = peer(span);
          if (peer != null && !peer.equals(span.serviceName())) {
            add(span.serviceName(), peer, span.durationNanos(), span.statusCode() == StatusCode.ERROR);
          }
        }
      }
    }

    private static String peer(SpanData span) {
      for (String key : PEER_KEYS) {
        String value = span.attributes().getString(key);
        if (value != null && !value.isEmpty()) {
          return value;
        }
      }
      return null;
    }

    private void add(String parent, String child, long durationNanos, boolean error) {
      edges.computeIfAbsent(parent, k -> new TreeMap<>()).computeIfAbsent(child, k -> new Edge()).add(durationNanos, error);
    }

    @Override
    public List<DependencyLink> links() {
      List<DependencyLink> links = new ArrayList<>();
      edges.forEach((parent, children) -> children.forEach((child, edge) -> links.add(edge.link(parent, child))));
      return links;
    }
  }

  private static final class Edge {
    private long[] latencies = new long[16];
    private int calls;
    private long errors;

    void add(long durationNanos, boolean error) {
      if (calls == latencies.length) {
        latencies = Arrays.copyOf(latencies, calls * 2);
      }
      latencies[calls++] = Math.max(0, durationNanos);
      if (error) {
        errors++;
      }
    }

    DependencyLink link(String parent, String child) {
      long[] sorted = Arrays.copyOf(latencies, calls);
      Arrays.sort(sorted);
      return new DependencyLink(parent, child, calls, errors, percentile(sorted, 50) / 1_000, percentile(sorted, 99) / 1_000);
    }

    /** Nearest-rank percentile. */
    private static long percentile(long[] sorted, int p) {
      int rank = (int) Math.ceil(p / 100.0 * sorted.length);
      return sorted[Math.max(0, rank - 1)];
    }
  }
}
