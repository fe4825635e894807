package dev.tracekit.analysis;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reduces a statement to its shape, so that the same query with different values groups
 * together: string, number and boolean literals and bind markers ({@code ?}, {@code $1},
 * {@code :name}) become {@code ?}, {@code IN (...)} lists of them become {@code IN (?)},
 * comments go, whitespace collapses to one space and SQL keywords are upper-cased. Identifiers
 * (also quoted ones) stay as written. Statements are read up to {@value #MAX_CHARS} chars.
 */
final class SqlNormalizer {

  static final int MAX_CHARS = 4_096;

  private static final Pattern IN_LIST =
      Pattern.compile("\\bIN ?\\( ?\\?(?: ?, ?\\?)*+ ?\\)");

  private static final Set<String> KEYWORDS = Set.of(
      "select", "from", "where", "and", "or", "not", "in", "is", "null", "like", "ilike", "between",
      "exists", "insert", "into", "values", "update", "set", "delete", "join", "inner", "left",
      "right", "outer", "full", "cross", "on", "as", "group", "by", "order", "having", "limit",
      "offset", "fetch", "first", "next", "rows", "row", "only", "union", "all", "distinct", "case",
      "when", "then", "else", "end", "asc", "desc", "with", "returning", "for", "count", "sum",
      "min", "max", "avg", "call", "merge", "using", "matched", "top", "lock", "share", "nowait",
      "skip", "locked", "any", "some", "upsert", "conflict", "do", "nothing", "ignore", "replace");

  private SqlNormalizer() {}

  static String normalize(String statement) {
    String s = statement.length() > MAX_CHARS ? statement.substring(0, MAX_CHARS) : statement;
    int len = s.length();
    StringBuilder out = new StringBuilder(Math.min(len, 256));
    boolean space = false;
    int i = 0;
    while (i < len) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        space = true;
        i++;
        continue;
      }
      if (c == '-' && i + 1 < len && s.charAt(i + 1) == '-') {
        i = skipLineComment(s, i);
        space = true;
        continue;
      }
      if (c == '/' && i + 1 < len && s.charAt(i + 1) == '*') {
        i = skipBlockComment(s, i);
        space = true;
        continue;
      }
      if (space && out.length() > 0) {
        out.append(' ');
      }
      space = false;
      if (c == '\'') {
        i = skipString(s, i);
        out.append('?');
      } else if (c == '"' || c == '`' || c == '[') {
        int close = s.indexOf(c == '[' ? ']' : c, i + 1);
        int stop = close < 0 ? len : close + 1;
        out.append(s, i, stop);
        i = stop;
      } else if (isDigit(c) || (c == '.' && i + 1 < len && isDigit(s.charAt(i + 1)))) {
        i = skipNumber(s, i);
        out.append('?');
      } else if (c == '?') {
        out.append('?');
        i++;
      } else if (c == '$' && i + 1 < len && isDigit(s.charAt(i + 1))) {
        i = skipDigits(s, i + 1);
        out.append('?');
      } else if (c == ':' && i + 1 < len && isWordStart(s.charAt(i + 1)) && (i == 0 || s.charAt(i - 1) != ':')) {
        i = skipWord(s, i + 1);
        out.append('?');
      } else if (isWordStart(c)) {
        int stop = skipWord(s, i);
        if (stop < len && s.charAt(stop) == '\'' && stop - i == 1 && "NnEeXxBb".indexOf(c) >= 0) {
          // N'..', E'..', X'..', B'..': a prefixed string literal.
          i = skipString(s, stop);
          out.append('?');
          continue;
        }
        String word = s.substring(i, stop);
        String lower = word.toLowerCase(Locale.ROOT);
        if (lower.equals("true") || lower.equals("false")) {
          out.append('?');
        } else if (KEYWORDS.contains(lower)) {
          out.append(word.toUpperCase(Locale.ROOT));
        } else {
          out.append(word);
        }
        i = stop;
      } else {
        out.append(c);
        i++;
      }
    }
    return IN_LIST.matcher(out).replaceAll("IN (?)");
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isWordStart(char c) {
    return Character.isLetter(c) || c == '_';
  }

  private static boolean isWordPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '#';
  }

  private static int skipWord(String s, int i) {
    while (i < s.length() && isWordPart(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int skipDigits(String s, int i) {
    while (i < s.length() && isDigit(s.charAt(i))) {
      i++;
    }
    return i;
  }

  /** A number: digits, a fraction, an exponent, or a 0x hex form. */
  private static int skipNumber(String s, int i) {
    int len = s.length();
    if (s.charAt(i) == '0' && i + 1 < len && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')) {
      i += 2;
      while (i < len && Character.digit(s.charAt(i), 16) >= 0) {
        i++;
      }
      return i;
    }
    i = skipDigits(s, i);
    if (i < len && s.charAt(i) == '.') {
      i = skipDigits(s, i + 1);
    }
    if (i < len && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      int j = i + 1;
      if (j < len && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
        j++;
      }
      if (j < len && isDigit(s.charAt(j))) {
        i = skipDigits(s, j);
      }
    }
    return i;
  }

  /** Skips a single-quoted string starting at {@code i}; {@code ''} is an escaped quote. */
  private static int skipString(String s, int i) {
    int len = s.length();
    i++;
    while (i < len) {
      if (s.charAt(i) == '\'') {
        if (i + 1 < len && s.charAt(i + 1) == '\'') {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return len;
  }

  private static int skipLineComment(String s, int i) {
    int nl = s.indexOf('\n', i);
    return nl < 0 ? s.length() : nl + 1;
  }

  private static int skipBlockComment(String s, int i) {
    int close = s.indexOf("*/", i + 2);
    return close < 0 ? s.length() : close + 2;
  }
}
