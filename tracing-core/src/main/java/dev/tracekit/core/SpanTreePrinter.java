package dev.tracekit.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Renders spans as indented trees for a terminal, one trace after the other:
 *
 * <pre>
 * trace 4bf92f3577b34da6a3ce929d0e0e4736
 * └─ GET /orders/{id} [gateway] 12.41 ms SERVER http.route=/orders/{id}
 *    ├─ GET [gateway] 3.02 ms CLIENT url.full=http://auth/validate
 *    └─ SELECT orders [data] 1.20 ms CLIENT ERROR(timeout) db.system=postgresql
 * </pre>
 *
 * Children are ordered by start time. A span whose parent is not in the list (an orphan) is
 * shown at the top level, marked with the missing parent id. Debug output, not a hot path.
 */
public final class SpanTreePrinter {

  /** Attributes worth a glance, in display order; others are shown only if none of these is set. */
  private static final List<String> KEY_ATTRIBUTES =
      List.of(
          "http.request.method",
          "http.route",
          "url.full",
          "url.path",
          "http.response.status_code",
          "server.address",
          "db.system",
          "db.system.name",
          "db.query.text",
          "db.statement",
          "rpc.method",
          "messaging.destination.name",
          "error.type",
          "exception.type");
  private static final int MAX_ATTRIBUTES = 4;
  private static final int MAX_VALUE_CHARS = 60;

  private SpanTreePrinter() {}

  public static String render(List<? extends SpanData> spans) {
    StringBuilder out = new StringBuilder();
    Map<String, List<SpanData>> byTrace = new LinkedHashMap<>();
    List<SpanData> sorted = new ArrayList<>(spans);
    sorted.sort(Comparator.comparingLong(SpanData::startEpochNanos));
    for (SpanData s : sorted) {
      byTrace.computeIfAbsent(s.traceIdHex(), k -> new ArrayList<>()).add(s);
    }
    for (Map.Entry<String, List<SpanData>> trace : byTrace.entrySet()) {
      out.append("trace ").append(trace.getKey()).append('\n');
      renderTrace(trace.getValue(), out);
    }
    return out.toString();
  }

  private static void renderTrace(List<SpanData> spans, StringBuilder out) {
    Set<Long> ids = new HashSet<>();
    for (SpanData s : spans) {
      ids.add(s.context().spanId());
    }
    Map<Long, List<SpanData>> children = new HashMap<>();
    List<SpanData> roots = new ArrayList<>();
    for (SpanData s : spans) {
      long parent = s.parentSpanId();
      if (parent == 0 || !ids.contains(parent) || parent == s.context().spanId()) {
        roots.add(s);
      } else {
        children.computeIfAbsent(parent, k -> new ArrayList<>()).add(s);
      }
    }
    // Iterative depth-first walk: deep or cyclic input cannot overflow the stack or loop.
    Set<SpanData> printed = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Frame> stack = new ArrayDeque<>();
    for (int i = roots.size() - 1; i >= 0; i--) {
      stack.push(new Frame(roots.get(i), "", i == roots.size() - 1));
    }
    walk(stack, children, ids, printed, out);
    // Spans whose parent links form a cycle (broken input) have no root: print them anyway.
    for (SpanData s : spans) {
      if (!printed.contains(s)) {
        stack.push(new Frame(s, "", true));
        walk(stack, children, ids, printed, out);
      }
    }
  }

  private static void walk(
      Deque<Frame> stack,
      Map<Long, List<SpanData>> children,
      Set<Long> ids,
      Set<SpanData> printed,
      StringBuilder out) {
    while (!stack.isEmpty()) {
      Frame f = stack.pop();
      if (!printed.add(f.span)) {
        continue;
      }
      out.append(f.prefix).append(f.last ? "└─ " : "├─ ");
      line(f.span, ids, out);
      out.append('\n');
      List<SpanData> kids = children.getOrDefault(f.span.context().spanId(), List.of());
      String childPrefix = f.prefix + (f.last ? "   " : "│  ");
      for (int i = kids.size() - 1; i >= 0; i--) {
        stack.push(new Frame(kids.get(i), childPrefix, i == kids.size() - 1));
      }
    }
  }

  private static void line(SpanData s, Set<Long> ids, StringBuilder out) {
    out.append(s.name())
        .append(" [")
        .append(s.serviceName())
        .append("] ")
        .append(String.format(Locale.ROOT, "%.2f ms", s.durationNanos() / 1e6))
        .append(' ')
        .append(s.kind());
    if (s.statusCode() == StatusCode.ERROR) {
      out.append(" ERROR");
      if (!s.statusMessage().isEmpty()) {
        out.append('(').append(cut(s.statusMessage())).append(')');
      }
    }
    for (EventData e : s.events()) {
      if (RecordingSpan.EXCEPTION_EVENT.equals(e.name())) {
        out.append(" exception=").append(e.attributes().getString(RecordingSpan.EXCEPTION_TYPE));
        break;
      }
    }
    long parent = s.parentSpanId();
    if (parent != 0 && !ids.contains(parent)) {
      out.append(" (parent ").append(Ids.toHex(parent)).append(" not here)");
    }
    Attributes attrs = s.attributes();
    int shown = 0;
    for (String key : KEY_ATTRIBUTES) {
      Object v = attrs.get(key);
      if (v != null && shown < MAX_ATTRIBUTES) {
        out.append(' ').append(key).append('=').append(cut(String.valueOf(v)));
        shown++;
      }
    }
    if (shown == 0) {
      for (int i = 0; i < Math.min(attrs.size(), MAX_ATTRIBUTES); i++) {
        out.append(' ').append(attrs.keyAt(i)).append('=').append(cut(String.valueOf(attrs.valueAt(i))));
      }
    }
  }

  private static String cut(String s) {
    String oneLine = s.replace('\n', ' ').replace('\r', ' ');
    return oneLine.length() <= MAX_VALUE_CHARS ? oneLine : oneLine.substring(0, MAX_VALUE_CHARS) + "…";
  }

  private record Frame(SpanData span, String prefix, boolean last) {}
}
