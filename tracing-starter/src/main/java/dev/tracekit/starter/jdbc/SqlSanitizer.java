package dev.tracekit.starter.jdbc;

import java.util.Locale;

/**
 * Replaces the literals of a SQL statement with {@code ?} so that span attributes carry no
 * values (passwords, personal data) and statements of one shape read the same (which is what
 * N+1 detection groups by). One pass over the characters, no regular expressions:
 *
 * <ul>
 *   <li>string literals ({@code 'it''s'}, with {@code E}, {@code N}, {@code X}, {@code B}
 *       prefixes) and PostgreSQL dollar-quoted strings become {@code ?}; a backslash escapes
 *       the next character, as in MySQL, so that {@code 'it\'s'} hides all of it (where a
 *       backslash is plain text, as in standard PostgreSQL strings, a literal ending in one
 *       hides the rest of the statement: it may lose shape, never a value);
 *   <li>numbers (integers, decimals, exponents, hex) become {@code ?};
 *   <li>an {@code IN} list of placeholders only becomes {@code IN (?)}, whatever its length;
 *   <li>comments are dropped (they may hold values) and runs of whitespace become one space;
 *   <li>quoted identifiers, keywords, {@code ?} and {@code $1} parameters are kept.
 * </ul>
 *
 * <p>It also finds the operation (the first keyword, or the statement after a {@code WITH}
 * clause) and the table the operation works on, for the span name. The text is cut at {@code
 * maxLength} characters (ending in {@code ...}), which also bounds the work.
 */
final class SqlSanitizer {

  private static final String TRUNCATED = "...";

  private SqlSanitizer() {}

  static SanitizedSql sanitize(String sql, int maxLength) {
    return new Scanner(sql, maxLength).run();
  }

  private static final class Scanner {
    private final String sql;
    private final int n;
    private final int maxLength;
    private final StringBuilder out;
    private int i;
    private boolean pendingSpace;
    private boolean truncated;

    private int depth;
    private String lastWord;
    /** Output offset just after the "(" of an IN list, and its depth; -1 when not in one. */
    private int inListStart = -1;
    private int inListDepth;

    private String operation;
    private int operationDepth;
    private boolean operationFromWith;
    /** The keyword after which the table name comes (FROM, INTO, UPDATE), once seen. */
    private boolean expectCollection;
    private boolean collectionDone;
    private StringBuilder collection;
    private boolean collectionMayContinue;

    Scanner(String sql, int maxLength) {
      this.sql = sql;
      this.n = sql.length();
      this.maxLength = Math.max(16, maxLength);
      this.out = new StringBuilder(Math.min(n, this.maxLength) + 8);
    }

    SanitizedSql run() {
      while (i < n && !truncated) {
        char c = sql.charAt(i);
        if (c == '\'') {
          skipQuoted('\'');
          literal();
        } else if (c == '"' || c == '`') {
          int start = i;
          skipQuoted(c);
          word(sql.substring(start, i), true);
        } else if (c == '-' && peek(1) == '-') {
          skipLineComment();
        } else if (c == '/' && peek(1) == '*') {
          skipBlockComment();
        } else if (Character.isWhitespace(c)) {
          pendingSpace = true;
          i++;
        } else if (isDigit(c) || (c == '.' && isDigit(peek(1)))) {
          skipNumber();
          literal();
        } else if (c == '$' && isDigit(peek(1))) {
          int start = i++;
          while (i < n && isDigit(sql.charAt(i))) {
            i++;
          }
          emit(sql.substring(start, i)); // a PostgreSQL $1 parameter, not a value
          lastWord = null;
        } else if (c == '$' && isDollarQuoteStart()) {
          skipDollarQuoted();
          literal();
        } else if (isIdentifierStart(c)) {
          int start = i;
          while (i < n && isIdentifierPart(sql.charAt(i))) {
            i++;
          }
          String w = sql.substring(start, i);
          if (i < n && sql.charAt(i) == '\'' && isLiteralPrefix(w)) {
            skipQuoted('\'');
            literal();
          } else {
            word(w, false);
          }
        } else {
          punctuation(c);
          i++;
        }
      }
      String text = truncated ? out.append(TRUNCATED).toString() : out.toString();
      String table = collection == null ? null : collection.toString();
      return new SanitizedSql(text, operation, table);
    }

    private char peek(int ahead) {
      int j = i + ahead;
      return j < n ? sql.charAt(j) : '\0';
    }

    private void emit(CharSequence token) {
      if (pendingSpace && out.length() > 0) {
        out.append(' ');
      }
      pendingSpace = false;
      if (out.length() + token.length() > maxLength) {
        truncated = true;
        return;
      }
      out.append(token);
    }

    private void emit(char c) {
      if (pendingSpace && out.length() > 0) {
        out.append(' ');
      }
      pendingSpace = false;
      if (out.length() + 1 > maxLength) {
        truncated = true;
        return;
      }
      out.append(c);
    }

    private void literal() {
      emit('?');
      endCollection();
      lastWord = null;
    }

    private void word(String w, boolean quoted) {
      emit(w);
      if (quoted) {
        onName(w);
        lastWord = null;
        return;
      }
      String upper = w.toUpperCase(Locale.ROOT);
      if (operation == null) {
        operation = upper;
        operationDepth = depth;
        operationFromWith = "WITH".equals(upper);
        if ("UPDATE".equals(upper)) {
          expectCollection = true;
        }
      } else if (operationFromWith && depth == operationDepth && isDml(upper)) {
        operation = upper;
        operationFromWith = false;
        if ("UPDATE".equals(upper)) {
          expectCollection = true;
        }
      } else if (!collectionDone && !operationFromWith && depth == operationDepth && collection == null
          && !expectCollection && isCollectionKeyword(upper)) {
        expectCollection = true;
      } else {
        onName(w);
      }
      lastWord = upper;
    }

    /** A name token: the table when one is expected, or the next part of a dotted name. */
    private void onName(String name) {
      if (expectCollection && depth == operationDepth) {
        expectCollection = false;
        collection = new StringBuilder(name);
        collectionMayContinue = false;
      } else if (collection != null && collectionMayContinue) {
        collection.append(name);
        collectionMayContinue = false;
      } else {
        endCollection();
      }
    }

    private void endCollection() {
      if (collection != null || expectCollection) {
        collectionDone = true;
        expectCollection = false;
        collectionMayContinue = false;
      }
    }

    private void punctuation(char c) {
      if (c == '.' && collection != null && !collectionDone && !collectionMayContinue) {
        collection.append('.');
        collectionMayContinue = true;
        emit(c);
        return;
      }
      if (c == '(') {
        emit(c);
        if ("IN".equals(lastWord) && inListStart < 0) {
          inListStart = out.length();
          inListDepth = depth;
        }
        depth++;
        if (collection == null && expectCollection) {
          // FROM (subquery): no plain table name.
          endCollection();
        }
      } else if (c == ')') {
        depth = Math.max(0, depth - 1);
        if (inListStart >= 0 && depth == inListDepth) {
          collapseInList();
        }
        emit(c);
      } else {
        emit(c);
      }
      if (c != '?') {
        endCollection();
      }
      lastWord = null;
    }

    /** IN (?, ?, ?) becomes IN (?): the list length is not part of the statement's shape. */
    private void collapseInList() {
      int start = inListStart;
      inListStart = -1;
      if (truncated || start > out.length()) {
        return;
      }
      boolean onlyPlaceholders = false;
      for (int k = start; k < out.length(); k++) {
        char ch = out.charAt(k);
        if (ch == '?') {
          onlyPlaceholders = true;
        } else if (ch != ',' && ch != ' ') {
          return;
        }
      }
      if (onlyPlaceholders) {
        out.setLength(start);
        out.append('?');
        pendingSpace = false;
      }
    }

    private void skipQuoted(char quote) {
      i++;
      while (i < n) {
        char c = sql.charAt(i++);
        if (c == quote) {
          if (i < n && sql.charAt(i) == quote) {
            i++; // doubled quote: an escaped quote inside the literal
          } else {
            return;
          }
        } else if (c == '\\' && quote == '\'' && i < n) {
          i++; // MySQL and PostgreSQL E'' strings escape with a backslash
        }
      }
    }

    private void skipLineComment() {
      while (i < n && sql.charAt(i) != '\n') {
        i++;
      }
      pendingSpace = true;
    }

    private void skipBlockComment() {
      int end = sql.indexOf("*/", i + 2);
      i = end < 0 ? n : end + 2;
      pendingSpace = true;
    }

    private void skipNumber() {
      if (sql.charAt(i) == '0' && (peek(1) == 'x' || peek(1) == 'X')) {
        i += 2;
        while (i < n && Character.digit(sql.charAt(i), 16) >= 0) {
          i++;
        }
        return;
      }
      while (i < n && (isDigit(sql.charAt(i)) || sql.charAt(i) == '.')) {
        i++;
      }
      if (i < n && (sql.charAt(i) == 'e' || sql.charAt(i) == 'E')) {
        int j = i + 1;
        if (j < n && (sql.charAt(j) == '+' || sql.charAt(j) == '-')) {
          j++;
        }
        if (j < n && isDigit(sql.charAt(j))) {
          i = j;
          while (i < n && isDigit(sql.charAt(i))) {
            i++;
          }
        }
      }
    }

    /** {@code $$} or {@code $tag$} (not a {@code $1} parameter). */
    private boolean isDollarQuoteStart() {
      int j = i + 1;
      while (j < n && (Character.isLetter(sql.charAt(j)) || sql.charAt(j) == '_')) {
        j++;
      }
      return j < n && sql.charAt(j) == '$';
    }

    private void skipDollarQuoted() {
      int tagEnd = sql.indexOf('$', i + 1);
      String tag = sql.substring(i, tagEnd + 1);
      int end = sql.indexOf(tag, tagEnd + 1);
      i = end < 0 ? n : end + tag.length();
    }

    private static boolean isDigit(char c) {
      return c >= '0' && c <= '9';
    }

    private static boolean isIdentifierStart(char c) {
      return Character.isLetter(c) || c == '_' || c == '@' || c == '#';
    }

    private static boolean isIdentifierPart(char c) {
      return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '@' || c == '#';
    }

    private static boolean isLiteralPrefix(String w) {
      return w.length() == 1 && "EeNnXxBbUu".indexOf(w.charAt(0)) >= 0;
    }

    private static boolean isDml(String upper) {
      return switch (upper) {
        case "SELECT", "INSERT", "UPDATE", "DELETE", "MERGE" -> true;
        default -> false;
      };
    }

    private boolean isCollectionKeyword(String upper) {
      return switch (operation) {
        case "SELECT", "DELETE" -> "FROM".equals(upper);
        case "INSERT", "MERGE", "REPLACE" -> "INTO".equals(upper);
        default -> false;
      };
    }
  }
}
