package dev.tracekit.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Jaeger's critical path: from the root's end, walk backwards in time; at each span, the child
 * that finished last (before the time reached so far) bounded the latency, so descend into it;
 * time no such child covers belongs to the span itself; when a span has no more children to
 * give, go back up at its start. Children are clipped to their parent's bounds first (a child
 * that ends after its parent did not hold it up past its end). Each child is considered once,
 * so the walk is O(n log n), and it is iterative.
 *
 * <p>The sections partition the root's duration exactly, so contributions sum to it.
 */
final class CriticalPath {

  private static final Comparator<Clipped> LAST_FINISHING_FIRST =
      Comparator.<Clipped>comparingLong(c -> -c.end)
          .thenComparingLong(c -> c.start)
          .thenComparingInt(c -> c.node.index);

  private CriticalPath() {}

  private record Clipped(Node node, long start, long end) {}

  /** A span's clipped bounds and, once it is entered, its children in walk order. */
  private static final class Frame {
    final Clipped self;
    final Frame parent;
    Clipped[] children;
    int next;

    Frame(Clipped self, Frame parent) {
      this.self = self;
      this.parent = parent;
    }
  }

  private record Section(Node node, long start, long end) {}

  static List<CriticalPathSegment> compute(TraceTree tree) {
    Node top = tree.pathRoot();
    Frame frame = new Frame(new Clipped(top, top.start, top.end), null);
    List<Section> reversed = new ArrayList<>();
    long bound = top.end;
    while (true) {
      Clipped child = nextChild(frame, bound);
      if (child != null) {
        if (bound > child.end) {
          reversed.add(new Section(frame.self.node, child.end, bound));
        }
        bound = child.end;
        frame = new Frame(child, frame);
      } else {
        if (bound > frame.self.start) {
          reversed.add(new Section(frame.self.node, frame.self.start, bound));
        }
        bound = frame.self.start;
        if (frame.parent == null) {
          break;
        }
        frame = frame.parent;
      }
    }
    return segments(reversed, tree.start());
  }

  /** The next child, in last-finishing order, that ended by {@code bound}; skipped ones never qualify later. */
  private static Clipped nextChild(Frame frame, long bound) {
    if (frame.children == null) {
      frame.children = clippedChildren(frame.self);
    }
    while (frame.next < frame.children.length) {
      Clipped c = frame.children[frame.next++];
      if (c.end <= bound) {
        return c;
      }
    }
    return null;
  }

  private static Clipped[] clippedChildren(Clipped parent) {
    List<Node> children = parent.node.children;
    Clipped[] out = new Clipped[children.size()];
    int size = 0;
    for (Node c : children) {
      long s = Math.max(c.start, parent.start);
      long e = Math.min(c.end, parent.end);
      if (e > s) {
        out[size++] = new Clipped(c, s, e);
      }
    }
    out = size == out.length ? out : Arrays.copyOf(out, size);
    Arrays.sort(out, LAST_FINISHING_FIRST);
    return out;
  }

  /** Puts sections in time order, merges neighbours of the same span, offsets from the trace start. */
  private static List<CriticalPathSegment> segments(List<Section> reversed, long traceStart) {
    List<CriticalPathSegment> out = new ArrayList<>();
    Map<Node, String[]> labels = new HashMap<>();
    Node current = null;
    long start = 0;
    long end = 0;
    for (int i = reversed.size() - 1; i >= 0; i--) {
      Section s = reversed.get(i);
      if (s.node == current && s.start == end) {
        end = s.end;
        continue;
      }
      if (current != null) {
        out.add(segment(current, start, end, traceStart, labels));
      }
      current = s.node;
      start = s.start;
      end = s.end;
    }
    if (current != null) {
      out.add(segment(current, start, end, traceStart, labels));
    }
    return out;
  }

  private static CriticalPathSegment segment(
      Node node, long start, long end, long traceStart, Map<Node, String[]> labels) {
    String[] label = labels.computeIfAbsent(node, n -> new String[] {n.spanIdHex(), n.service, n.name()});
    return new CriticalPathSegment(label[0], label[1], label[2], start - traceStart, end - start);
  }
}
