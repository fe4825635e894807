package dev.tracekit.collector.ingest;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What one stored span may hold, under {@code tracekit.collector.limits}; applied at ingest to
 * every transport (see {@link IngestLimits}).
 */
@ConfigurationProperties("tracekit.collector.limits")
public class IngestLimitsProperties {

  /** Longest string kept (attribute values, span and event names, status messages), in chars; longer ones are cut. */
  private int maxValueLength = 16_384;

  /**
   * Most attributes kept per span, event, link and resource; the rest are dropped and counted. The
   * OTLP protobuf decoder keeps at most 128 per collection whatever this says.
   */
  private int maxAttributesPerSpan = 128;

  /** Most events kept per span; the rest are dropped and counted. */
  private int maxEventsPerSpan = 1_024;

  public int getMaxValueLength() {
    return maxValueLength;
  }

  public void setMaxValueLength(int maxValueLength) {
    this.maxValueLength = maxValueLength;
  }

  public int getMaxAttributesPerSpan() {
    return maxAttributesPerSpan;
  }

  public void setMaxAttributesPerSpan(int maxAttributesPerSpan) {
    this.maxAttributesPerSpan = maxAttributesPerSpan;
  }

  public int getMaxEventsPerSpan() {
    return maxEventsPerSpan;
  }

  public void setMaxEventsPerSpan(int maxEventsPerSpan) {
    this.maxEventsPerSpan = maxEventsPerSpan;
  }
}
