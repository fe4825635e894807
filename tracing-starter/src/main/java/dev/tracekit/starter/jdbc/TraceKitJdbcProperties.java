package dev.tracekit.starter.jdbc;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Configuration of JDBC statement spans. */
@ConfigurationProperties("tracekit.jdbc")
public class TraceKitJdbcProperties {

  /** Whether each statement run through an application DataSource gives a CLIENT span. */
  private boolean enabled = true;

  /**
   * Whether a statement run outside any trace starts a trace of its own. Off by default, so
   * that schema initialization, pool housekeeping and background jobs without a span do not
   * send one-span traces.
   */
  private boolean rootSpans = false;

  /**
   * Maximum length of the sanitized statement text (db.query.text); longer text is
   * cut and ends in "...".
   */
  private int maxQueryLength = 2048;

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public boolean isRootSpans() {
    return rootSpans;
  }

  public void setRootSpans(boolean rootSpans) {
    this.rootSpans = rootSpans;
  }

  public int getMaxQueryLength() {
    return maxQueryLength;
  }

  public void setMaxQueryLength(int maxQueryLength) {
    this.maxQueryLength = maxQueryLength;
  }
}
