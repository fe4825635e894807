package dev.tracekit.starter.micrometer;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Configuration of the Micrometer Tracing bridge. */
@ConfigurationProperties("tracekit.micrometer")
public class TraceKitMicrometerProperties {

  /**
   * Whether Micrometer Tracing (the Observation API, @Observed, @NewSpan and
   * libraries that speak Micrometer Tracing) records TraceKit spans.
   */
  private boolean enabled = true;

  /**
   * Whether Spring's own HTTP server and client observations also create spans. Off by
   * default: TraceKit's servlet filter, WebFilter and HTTP client interceptors already create
   * one span per exchange, and the observations' metrics are kept either way.
   */
  private boolean traceHttpObservations = false;

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public boolean isTraceHttpObservations() {
    return traceHttpObservations;
  }

  public void setTraceHttpObservations(boolean traceHttpObservations) {
    this.traceHttpObservations = traceHttpObservations;
  }
}
