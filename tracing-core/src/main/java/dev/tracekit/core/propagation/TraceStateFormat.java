package dev.tracekit.core.propagation;

import static dev.tracekit.core.propagation.HeaderText.indexOf;
import static dev.tracekit.core.propagation.HeaderText.skipOws;
import static dev.tracekit.core.propagation.HeaderText.trimOws;

import dev.tracekit.core.TraceState;

/**
 * Parses and formats the W3C {@code tracestate} header. Parsing is all-or-nothing, as the W3C
 * test suite expects: one invalid member, a duplicate key or more than 32 members make the
 * whole header invalid (the spec lets a vendor discard a tracestate it cannot parse).
 */
final class TraceStateFormat {

  /**
   * Combined header values longer than this are discarded unparsed. The spec asks to propagate
   * at least 512 chars; this is 16 times that, so only abusive headers hit it, and it bounds
   * the work per request.
   */
  static final int MAX_HEADER_CHARS = 8192;

  /** Formatted output is truncated to this many chars by whole entries, as the spec says. */
  static final int MAX_FORMATTED_CHARS = MAX_HEADER_CHARS;

  /** Entries longer than this are the first to go when truncating (spec: 128). */
  private static final int LONG_ENTRY_CHARS = 128;

  private TraceStateFormat() {}

  /**
   * Parses the combined values of all {@code tracestate} headers, in order. Returns the empty
   * state when there are no list members, and null when the header must be discarded.
   */
  static TraceState parse(Iterable<String> headers) {
    String[] keyValues = null;
    int members = 0;
    int combinedLength = -1;
    for (String header : headers) {
      if (header == null) {
        continue;
      }
      combinedLength += header.length() + 1;
      if (combinedLength > MAX_HEADER_CHARS) {
        return null;
      }
      int length = header.length();
      int start = 0;
      while (start <= length) {
        int comma = header.indexOf(',', start);
        if (comma < 0) {
          comma = length;
        }
        int from = skipOws(header, start, comma);
        int to = trimOws(header, from, comma);
        if (from < to) {
          int eq = indexOf(header, '=', from, to);
          if (eq < 0
              || members == TraceState.MAX_ENTRIES
              || !TraceState.isValidKey(header, from, eq)
              || !TraceState.isValidValue(header, eq + 1, to)) {
            return null;
          }
          if (keyValues == null) {
            keyValues = new String[TraceState.MAX_ENTRIES * 2];
          }
          for (int i = 0; i < members * 2; i += 2) {
            String key = keyValues[i];
            if (key.length() == eq - from && header.regionMatches(from, key, 0, key.length())) {
              return null;
            }
          }
          keyValues[members * 2] = header.substring(from, eq);
          keyValues[members * 2 + 1] = header.substring(eq + 1, to);
          members++;
        }
        start = comma + 1;
      }
    }
    return members == 0 ? TraceState.empty() : TraceState.ofValidated(keyValues, members * 2);
  }

  /**
   * The header value for {@code state}: {@code key=value} members joined by commas, without
   * whitespace. Past {@link #MAX_FORMATTED_CHARS}, whole entries are removed as the spec says:
   * those over 128 chars first, rightmost first. (The spec's next step, removing from the
   * right, is never needed: 32 entries of at most 128 chars are far below the limit.)
   */
  static String format(TraceState state) {
    int size = state.size();
    int total = -1;
    for (int i = 0; i < size; i++) {
      total += entryLength(state, i) + 1;
    }
    boolean[] dropped = null;
    if (total > MAX_FORMATTED_CHARS) {
      dropped = new boolean[size];
      for (int i = size - 1; i >= 0 && total > MAX_FORMATTED_CHARS; i--) {
        if (entryLength(state, i) > LONG_ENTRY_CHARS) {
          dropped[i] = true;
          total -= entryLength(state, i) + 1;
        }
      }
    }
    StringBuilder sb = new StringBuilder(Math.max(total, 0));
    for (int i = 0; i < size; i++) {
      if (dropped != null && dropped[i]) {
        continue;
      }
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(state.keyAt(i)).append('=').append(state.valueAt(i));
    }
    return sb.toString();
  }

  private static int entryLength(TraceState state, int index) {
    return state.keyAt(index).length() + 1 + state.valueAt(index).length();
  }
}
