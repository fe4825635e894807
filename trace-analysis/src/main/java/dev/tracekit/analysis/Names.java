package dev.tracekit.analysis;

/** Quotes span names and statements for finding messages, cut to a readable length. */
final class Names {

  static final int MAX_QUOTED_CHARS = 120;

  private Names() {}

  static String quote(String name) {
    return "`" + cut(name, MAX_QUOTED_CHARS) + "`";
  }

  /** {@code s} cut to {@code max} chars, ending in {@code ...} when cut. */
  static String cut(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    return s.substring(0, Math.max(0, max - 3)) + "...";
  }

  /** How a message names the parent of a sibling group. */
  static String parent(Node parent, Node firstChild) {
    if (parent.isSynthetic()) {
      return "missing span " + firstChild.span.parentSpanIdHex();
    }
    return quote(parent.name());
  }

  static String plural(long count, String singular, String plural) {
    return count + " " + (count == 1 ? singular : plural);
  }
}
