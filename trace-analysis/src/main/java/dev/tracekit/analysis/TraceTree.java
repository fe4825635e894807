package dev.tracekit.analysis;

import dev.tracekit.core.SpanData;
import dev.tracekit.core.SpanKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * The spans of one trace as a tree: parents resolved by span id, orphans and broken cycles
 * under a synthetic root, clock skew corrected, children ordered by start, self times known.
 * Every pass is iterative (a 20,000-deep chain must not overflow the stack) and the whole build
 * is O(n log n).
 */
final class TraceTree {

  private static final Comparator<Node> BY_START =
      Comparator.<Node>comparingLong(n -> n.start).thenComparingInt(n -> n.index);

  final String traceId;
  /** The synthetic root: parent of every top-level span; covers the whole trace. */
  final Node root;
  /** Real spans in depth-first order, children by start. */
  final List<Node> nodes;
  final int orphanCount;
  final int duplicateCount;
  final List<ClockSkewCorrection> corrections;
  /** Levels of real spans: 1 for a lone root. */
  final int depth;

  private TraceTree(
      String traceId,
      Node root,
      List<Node> nodes,
      int orphanCount,
      int duplicateCount,
      List<ClockSkewCorrection> corrections,
      int depth) {
    this.traceId = traceId;
    this.root = root;
    this.nodes = nodes;
    this.orphanCount = orphanCount;
    this.duplicateCount = duplicateCount;
    this.corrections = corrections;
    this.depth = depth;
  }

  /** Earliest start, after correction. */
  long start() {
    return root.start;
  }

  long durationMicros() {
    return root.end - root.start;
  }

  /**
   * Whether the synthetic root stands for the trace: several top-level spans, or one that is an
   * orphan (the real root is missing).
   */
  boolean hasSyntheticRoot() {
    return root.children.size() != 1 || root.children.get(0).orphan;
  }

  /** The node the critical path starts from: the single real root, or the synthetic root. */
  Node pathRoot() {
    return hasSyntheticRoot() ? root : root.children.get(0);
  }

  /**
   * Calls {@code action} with each parent and its children (in start order). Top-level orphans
   * are siblings when they name the same missing parent; they come with the synthetic root.
   */
  void forEachSiblingGroup(BiConsumer<Node, List<Node>> action) {
    for (Node n : nodes) {
      if (!n.children.isEmpty()) {
        action.accept(n, n.children);
      }
    }
    Map<Long, List<Node>> byMissingParent = new LinkedHashMap<>();
    for (Node top : root.children) {
      if (top.orphan) {
        byMissingParent.computeIfAbsent(top.span.parentSpanId(), k -> new ArrayList<>()).add(top);
      }
    }
    for (List<Node> group : byMissingParent.values()) {
      if (group.size() > 1) {
        action.accept(root, group);
      }
    }
  }

  static TraceTree build(List<? extends SpanData> spans) {
    Objects.requireNonNull(spans, "spans");
    if (spans.isEmpty()) {
      throw new IllegalArgumentException("no spans to analyse: a trace needs at least one span");
    }
    SpanData first = Objects.requireNonNull(spans.get(0), "spans[0] is null");
    long traceHigh = first.context().traceIdHigh();
    long traceLow = first.context().traceIdLow();

    Map<Long, Node> byId = new HashMap<>(spans.size() * 2);
    List<Node> all = new ArrayList<>(spans.size());
    int duplicates = 0;
    for (int i = 0; i < spans.size(); i++) {
      SpanData span = spans.get(i);
      if (span == null) {
        throw new NullPointerException("spans[" + i + "] is null");
      }
      if (span.context().traceIdHigh() != traceHigh || span.context().traceIdLow() != traceLow) {
        throw new IllegalArgumentException(
            "spans belong to more than one trace (" + first.traceIdHex() + " and " + span.traceIdHex()
                + "); analyse one trace at a time");
      }
      Node node = Node.of(span, all.size());
      Node existing = byId.putIfAbsent(node.spanId, node);
      if (existing != null) {
        if (sameSpan(existing, node) || (existing.sharedClient != null && sameSpan(existing.sharedClient, node))) {
          duplicates++;
          continue;
        }
        if (existing.kind == SpanKind.CLIENT && node.kind == SpanKind.SERVER) {
          // Zipkin-style shared span: the server half nests under the client half and becomes the
          // span its own children point at.
          node.sharedClient = existing;
          byId.put(node.spanId, node);
        } else if (existing.kind == SpanKind.SERVER && node.kind == SpanKind.CLIENT && existing.sharedClient == null) {
          existing.sharedClient = node;
        }
        // Any other reused id: the span keeps its own parent; children go to the first one.
      }
      all.add(node);
    }

    Node root = Node.syntheticRoot();
    int orphans = resolveParents(all, byId, root);
    orphans += breakCycles(all, root);
    for (Node n : all) {
      n.parent.addChild(n);
    }
    List<ClockSkewCorrection> corrections = correctClockSkew(root);
    int depth = order(root, all.size());
    computeSelfTimes(all);
    List<Node> preorder = preorder(root, all.size());
    return new TraceTree(
        first.traceIdHex(), root, preorder, orphans, duplicates, List.copyOf(corrections), depth);
  }

  private static boolean sameSpan(Node a, Node b) {
    return a.kind == b.kind
        && a.reportedStart == b.reportedStart
        && a.reportedEnd == b.reportedEnd
        && a.span.name().equals(b.span.name())
        && a.service.equals(b.service);
  }

  private static int resolveParents(List<Node> all, Map<Long, Node> byId, Node root) {
    int orphans = 0;
    for (Node n : all) {
      if (n.sharedClient != null) {
        n.parent = n.sharedClient;
        continue;
      }
      long parentId = n.span.parentSpanId();
      Node parent = parentId == 0 ? null : byId.get(parentId);
      if (parent == null) {
        n.parent = root;
        if (parentId != 0) {
          n.orphan = true;
          orphans++;
        }
      } else {
        n.parent = parent;
      }
    }
    return orphans;
  }

  /**
   * Finds spans that never reach the root by following parents (they lie on, or hang below, a
   * parent cycle) and cuts each cycle at the first of its spans met, which becomes an orphan.
   * Each span is walked at most once: O(n).
   */
  private static int breakCycles(List<Node> all, Node root) {
    final byte unknown = 0;
    final byte onPath = 1;
    final byte reachesRoot = 2;
    byte[] state = new byte[all.size()];
    List<Node> path = new ArrayList<>();
    int broken = 0;
    for (Node start : all) {
      Node cur = start;
      while (cur != root && state[cur.index] == unknown) {
        state[cur.index] = onPath;
        path.add(cur);
        cur = cur.parent;
      }
      if (cur != root && state[cur.index] == onPath) {
        cur.parent = root;
        cur.orphan = true;
        broken++;
      }
      for (Node n : path) {
        state[n.index] = reachesRoot;
      }
      path.clear();
    }
    return broken;
  }

  /**
   * Zipkin/Jaeger style: a child whose clock (host, or service when a host is unknown) differs
   * from its parent's and that does not fit in the parent is moved inside it, with its subtree.
   * A server span under a client span is centred (the network latency split evenly between the
   * request and the response); other children move the least distance that fits them. Children
   * longer than their parent cannot be placed and stay; so do messaging consumers, which may
   * legitimately run after their producer ended.
   */
  private static List<ClockSkewCorrection> correctClockSkew(Node root) {
    List<ClockSkewCorrection> corrections = new ArrayList<>();
    ArrayDeque<Node> queue = new ArrayDeque<>(root.children);
    while (!queue.isEmpty()) {
      Node parent = queue.poll();
      for (Node child : parent.children) {
        child.shift = parent.shift;
        long s = child.reportedStart + child.shift;
        long e = child.reportedEnd + child.shift;
        long own = skew(parent, child, s, e);
        if (own != 0) {
          child.shift += own;
          corrections.add(new ClockSkewCorrection(child.spanIdHex(), child.service, parent.service, own));
        }
        child.start = child.reportedStart + child.shift;
        child.end = child.reportedEnd + child.shift;
        queue.add(child);
      }
    }
    return corrections;
  }

  private static long skew(Node parent, Node child, long start, long end) {
    if (sameClock(parent, child) || child.kind == SpanKind.CONSUMER || parent.kind == SpanKind.PRODUCER) {
      return 0;
    }
    if (start >= parent.start && end <= parent.end) {
      return 0;
    }
    long parentDuration = parent.end - parent.start;
    long childDuration = end - start;
    if (childDuration > parentDuration) {
      return 0;
    }
    if (parent.kind == SpanKind.CLIENT && child.kind == SpanKind.SERVER) {
      long latency = (parentDuration - childDuration) / 2;
      return parent.start + latency - start;
    }
    return start < parent.start ? parent.start - start : parent.end - end;
  }

  private static boolean sameClock(Node a, Node b) {
    if (a.host != null && b.host != null) {
      return a.host.equals(b.host);
    }
    return a.service.equals(b.service);
  }

  /** Sorts children by corrected start, sets depths and the synthetic root's bounds. */
  private static int order(Node root, int size) {
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    int maxDepth = 0;
    ArrayDeque<Node> stack = new ArrayDeque<>();
    stack.push(root);
    root.depth = -1;
    while (!stack.isEmpty()) {
      Node n = stack.pop();
      if (n.children.size() > 1) {
        n.children.sort(BY_START);
      }
      for (Node c : n.children) {
        c.depth = n.depth + 1;
        maxDepth = Math.max(maxDepth, c.depth);
        min = Math.min(min, c.start);
        max = Math.max(max, c.end);
        stack.push(c);
      }
    }
    root.start = min;
    root.end = max;
    return size == 0 ? 0 : maxDepth + 1;
  }

  private static List<Node> preorder(Node root, int size) {
    List<Node> out = new ArrayList<>(size);
    ArrayDeque<Node> stack = new ArrayDeque<>();
    for (int i = root.children.size() - 1; i >= 0; i--) {
      stack.push(root.children.get(i));
    }
    while (!stack.isEmpty()) {
      Node n = stack.pop();
      out.add(n);
      for (int i = n.children.size() - 1; i >= 0; i--) {
        stack.push(n.children.get(i));
      }
    }
    return out;
  }

  /** Self time: duration minus the union of child intervals clipped to the span (one sweep). */
  private static void computeSelfTimes(List<Node> all) {
    for (Node n : all) {
      long covered = 0;
      long runStart = n.start;
      long runEnd = n.start;
      for (Node c : n.children) {
        long s = Math.max(c.start, n.start);
        long e = Math.min(c.end, n.end);
        if (e <= s) {
          continue;
        }
        if (s > runEnd) {
          covered += runEnd - runStart;
          runStart = s;
          runEnd = e;
        } else if (e > runEnd) {
          runEnd = e;
        }
      }
      covered += runEnd - runStart;
      n.selfTime = n.duration() - covered;
    }
  }
}
