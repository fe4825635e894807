package dev.tracekit.starter.http;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Removes secrets from URLs before they are recorded: user info is dropped and the value of
 * every query parameter whose name contains a configured word (password, token, ...) is
 * replaced by {@code REDACTED}. Header values are never recorded at all, so Authorization and
 * cookies cannot leak through spans.
 */
public final class UrlRedactor {

  public static final String REDACTED = "REDACTED";

  private final String[] words;

  public UrlRedactor(List<String> secretWords) {
    this.words =
        secretWords.stream()
            .filter(w -> w != null && !w.isBlank())
            .map(w -> w.trim().toLowerCase(Locale.ROOT))
            .toArray(String[]::new);
  }

  /** The raw query with secret values replaced; null stays null. Encoding is left as it was. */
  public String redactQuery(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty() || words.length == 0) {
      return rawQuery;
    }
    StringBuilder out = null;
    int start = 0;
    int length = rawQuery.length();
    while (start <= length) {
      int end = rawQuery.indexOf('&', start);
      if (end < 0) {
        end = length;
      }
      int eq = rawQuery.indexOf('=', start);
      int nameEnd = eq >= 0 && eq < end ? eq : end;
      boolean secret = isSecret(rawQuery, start, nameEnd);
      if (secret && out == null) {
        out = new StringBuilder(length).append(rawQuery, 0, start);
      }
      if (out != null) {
        if (secret) {
          out.append(rawQuery, start, nameEnd).append('=').append(REDACTED);
        } else {
          out.append(rawQuery, start, end);
        }
        if (end < length) {
          out.append('&');
        }
      }
      start = end + 1;
    }
    return out == null ? rawQuery : out.toString();
  }

  /**
   * The raw path with secret path parameters ({@code ;jsessionid=...}, {@code ;token=...}, matched
   * by name like query parameters) redacted; null stays null.
   */
  public String redactPath(String rawPath) {
    if (rawPath == null || rawPath.indexOf(';') < 0 || words.length == 0) {
      return rawPath;
    }
    StringBuilder out = new StringBuilder(rawPath.length());
    boolean redacted = false;
    int i = 0;
    int length = rawPath.length();
    while (i < length) {
      int semicolon = rawPath.indexOf(';', i);
      if (semicolon < 0) {
        out.append(rawPath, i, length);
        break;
      }
      out.append(rawPath, i, semicolon + 1);
      // One parameter: up to the next ';' or the end of the segment.
      int end = semicolon + 1;
      while (end < length && rawPath.charAt(end) != ';' && rawPath.charAt(end) != '/') {
        end++;
      }
      int eq = rawPath.indexOf('=', semicolon + 1);
      if (eq > semicolon && eq < end && isSecret(rawPath, semicolon + 1, eq)) {
        out.append(rawPath, semicolon + 1, eq + 1).append(REDACTED);
        redacted = true;
      } else {
        out.append(rawPath, semicolon + 1, end);
      }
      i = end;
    }
    return redacted ? out.toString() : rawPath;
  }

  /** {@code uri} as {@code scheme://host:port/path?query} without user info or fragment, path and query redacted. */
  public String fullUrl(URI uri) {
    StringBuilder sb = new StringBuilder(64);
    if (uri.getScheme() != null) {
      sb.append(uri.getScheme()).append("://");
    }
    if (uri.getHost() != null) {
      sb.append(uri.getHost());
      if (uri.getPort() >= 0) {
        sb.append(':').append(uri.getPort());
      }
    }
    String path = uri.getRawPath();
    if (path != null) {
      sb.append(redactPath(path));
    }
    String query = uri.getRawQuery();
    if (query != null) {
      sb.append('?').append(redactQuery(query));
    }
    return sb.toString();
  }

  private boolean isSecret(String query, int from, int to) {
    if (to <= from) {
      return false;
    }
    String name = query.substring(from, to).toLowerCase(Locale.ROOT);
    for (String word : words) {
      if (name.contains(word)) {
        return true;
      }
    }
    return false;
  }
}
