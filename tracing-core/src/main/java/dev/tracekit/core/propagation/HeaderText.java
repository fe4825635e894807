package dev.tracekit.core.propagation;

/** Index-based helpers for header values: no regex, no substrings. */
final class HeaderText {

  private HeaderText() {}

  /** Optional whitespace (RFC 7230 OWS): space or horizontal tab. */
  static boolean isOws(char c) {
    return c == ' ' || c == '\t';
  }

  /** The first index in {@code [from, to)} that is not OWS, or {@code to}. */
  static int skipOws(CharSequence s, int from, int to) {
    while (from < to && isOws(s.charAt(from))) {
      from++;
    }
    return from;
  }

  /** The end of {@code [from, to)} with trailing OWS removed. */
  static int trimOws(CharSequence s, int from, int to) {
    while (to > from && isOws(s.charAt(to - 1))) {
      to--;
    }
    return to;
  }

  static int indexOf(CharSequence s, char c, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) == c) {
        return i;
      }
    }
    return -1;
  }
}
