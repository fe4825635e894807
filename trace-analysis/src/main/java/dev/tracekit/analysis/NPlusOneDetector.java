package dev.tracekit.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * N+1 queries: one statement shape ({@link SqlNormalizer}) run at least
 * {@link AnalysisSettings#nPlusOneMinRepeats()} times under one parent, one after another, for
 * more than {@link AnalysisSettings#nPlusOneMinTotal()} in total. "Under one parent" looks
 * through database plumbing (JDBC connection spans), so statements that each open a connection
 * still count as issued by the same request. Repeats that overlap an earlier one in the chain
 * ran concurrently and are left out.
 */
final class NPlusOneDetector implements Detector {

  private static final Comparator<Node> BY_START =
      Comparator.<Node>comparingLong(n -> n.start).thenComparingInt(n -> n.index);

  private final AnalysisSettings settings;

  NPlusOneDetector(AnalysisSettings settings) {
    this.settings = settings;
  }

  private record GroupKey(Node anchor, long missingParentId, String shapeKey) {}

  private static final class Group {
    final Node anchor;
    final Node firstChild;
    final String shape;
    final List<Node> spans = new ArrayList<>();

    Group(Node anchor, Node firstChild, String shape) {
      this.anchor = anchor;
      this.firstChild = firstChild;
      this.shape = shape;
    }
  }

  @Override
  public void detect(TraceTree tree, FindingCollector out) {
    int n = tree.nodes.size();
    // via[i]: the child of the anchor through which span i hangs (itself when its parent is no plumbing).
    Node[] via = new Node[n];
    boolean[] plumbing = new boolean[n];
    Map<GroupKey, Group> groups = new LinkedHashMap<>();
    for (Node node : tree.nodes) {
      plumbing[node.index] = SpanSemantics.isDatabasePlumbing(node.span);
      Node parent = node.parent;
      Node v = parent.isSynthetic() || !plumbing[parent.index] ? node : via[parent.index];
      via[node.index] = v;
      String statement = SpanSemantics.statement(node.span);
      if (statement == null) {
        continue;
      }
      Node anchor = v.parent;
      String shape = SqlNormalizer.normalize(statement);
      long missing = anchor.isSynthetic() ? v.span.parentSpanId() : 0;
      GroupKey key = new GroupKey(anchor, missing, shape.toLowerCase(Locale.ROOT));
      groups.computeIfAbsent(key, k -> new Group(anchor, v, shape)).spans.add(node);
    }
    for (Group group : groups.values()) {
      if (group.spans.size() >= settings.nPlusOneMinRepeats()) {
        report(group, out);
      }
    }
  }

  private void report(Group group, FindingCollector out) {
    group.spans.sort(BY_START);
    List<Node> chain = new ArrayList<>(group.spans.size());
    long chainEnd = Long.MIN_VALUE;
    long total = 0;
    for (Node span : group.spans) {
      if (span.start >= chainEnd) {
        chain.add(span);
        chainEnd = span.end;
        total += span.duration();
      }
    }
    if (chain.size() < settings.nPlusOneMinRepeats() || total <= settings.nPlusOneMinTotalMicros()) {
      return;
    }
    String message = chain.size() + " x " + Names.quote(group.shape) + " under "
        + Names.parent(group.anchor, group.firstChild) + " took " + Durations.format(total)
        + " one after another; load them in one query (a join or an IN list).";
    out.add(FindingType.N_PLUS_ONE, total, chain, message);
  }
}
