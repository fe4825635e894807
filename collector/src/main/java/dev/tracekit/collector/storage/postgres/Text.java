package dev.tracekit.collector.storage.postgres;

/** Text as PostgreSQL accepts it in {@code text} and {@code jsonb}: without NUL characters. */
final class Text {

  private Text() {}

  /**
   * {@code s} without NUL characters, which PostgreSQL refuses in text. Only search columns go
   * through here; the payload column keeps the exact value.
   */
  static String searchable(String s) {
    return s.indexOf('\0') < 0 ? s : s.replace("\0", "");
  }
}
