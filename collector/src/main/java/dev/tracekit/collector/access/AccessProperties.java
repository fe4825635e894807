package dev.tracekit.collector.access;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may read: credentials for the query API, the UI and the actuator (health stays open), and
 * the origins allowed to call them from a browser. Under {@code tracekit.collector}, next to
 * {@code ingest-token}.
 */
@ConfigurationProperties("tracekit.collector")
public class AccessProperties {

  /**
   * Bearer token that the query API, the UI and the actuator endpoints other than health accept in
   * "Authorization: Bearer <token>". Empty (with no query-basic-auth) means they are open.
   */
  private String queryToken = "";

  private final BasicAuth queryBasicAuth = new BasicAuth();

  private final Cors cors = new Cors();

  public String getQueryToken() {
    return queryToken;
  }

  public void setQueryToken(String queryToken) {
    this.queryToken = queryToken == null ? "" : queryToken;
  }

  public BasicAuth getQueryBasicAuth() {
    return queryBasicAuth;
  }

  public Cors getCors() {
    return cors;
  }

  /** Whether any query credential is configured, so reads need one. */
  boolean restricted() {
    return !queryToken.isEmpty() || queryBasicAuth.configured();
  }

  /**
   * HTTP basic credentials for the query API, the UI and the actuator (health excepted); a browser
   * opening the UI asks for them once. Either these or the query token are accepted.
   */
  public static class BasicAuth {

    /** User name; empty disables basic auth. */
    private String username = "";

    /** Password; required when a user name is set. */
    private String password = "";

    public String getUsername() {
      return username;
    }

    public void setUsername(String username) {
      this.username = username == null ? "" : username;
    }

    public String getPassword() {
      return password;
    }

    public void setPassword(String password) {
      this.password = password == null ? "" : password;
    }

    boolean configured() {
      return !username.isEmpty();
    }
  }

  /** Cross-origin (browser) access to the query API; closed unless origins are listed. */
  public static class Cors {

    /**
     * Origins (e.g. https://grafana.example.com) whose pages may call the query API from a browser.
     * Empty means no Access-Control-* header is ever sent, so browsers refuse cross-origin reads.
     */
    private List<String> allowedOrigins = new ArrayList<>();

    public List<String> getAllowedOrigins() {
      return allowedOrigins;
    }

    public void setAllowedOrigins(List<String> allowedOrigins) {
      this.allowedOrigins = allowedOrigins == null ? new ArrayList<>() : allowedOrigins;
    }
  }
}
