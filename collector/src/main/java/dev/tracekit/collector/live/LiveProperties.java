package dev.tracekit.collector.live;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings of the live trace stream {@code /api/live}, under {@code tracekit.collector.live}. */
@ConfigurationProperties("tracekit.collector.live")
public class LiveProperties {

  /**
   * Trace events sent per second at most; traces that got spans in between are coalesced into one
   * event each, and the oldest pending ones are skipped when more wait than max-pending-traces.
   */
  private int maxEventsPerSecond = 20;

  /** Traces that may wait for their event; beyond, the oldest is skipped (and counted). */
  private int maxPendingTraces = 1_000;

  /** Events buffered for one slow client; beyond, its oldest event is dropped (and counted). */
  private int subscriberBuffer = 256;

  /** Live streams open at once; further clients get 503. */
  private int maxSubscribers = 64;

  public int getMaxEventsPerSecond() {
    return maxEventsPerSecond;
  }

  public void setMaxEventsPerSecond(int maxEventsPerSecond) {
    this.maxEventsPerSecond = maxEventsPerSecond;
  }

  public int getMaxPendingTraces() {
    return maxPendingTraces;
  }

  public void setMaxPendingTraces(int maxPendingTraces) {
    this.maxPendingTraces = maxPendingTraces;
  }

  public int getSubscriberBuffer() {
    return subscriberBuffer;
  }

  public void setSubscriberBuffer(int subscriberBuffer) {
    this.subscriberBuffer = subscriberBuffer;
  }

  public int getMaxSubscribers() {
    return maxSubscribers;
  }

  public void setMaxSubscribers(int maxSubscribers) {
    this.maxSubscribers = maxSubscribers;
  }
}
