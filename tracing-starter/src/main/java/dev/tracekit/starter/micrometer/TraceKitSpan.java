package dev.tracekit.starter.micrometer;

import dev.tracekit.core.Baggage;
import dev.tracekit.core.StatusCode;
import io.micrometer.tracing.Span;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Micrometer {@link Span} that is one of our spans. Spans are started when they are created
 * (by {@link TraceKitSpanBuilder#start()} or {@link TraceKitTracer#nextSpan()}), as in
 * Micrometer's OpenTelemetry bridge; {@link #start()} does nothing.
 */
final class TraceKitSpan implements Span {

  static final String PEER_SERVICE = "peer.service";
  static final String NETWORK_PEER_ADDRESS = "network.peer.address";
  static final String NETWORK_PEER_PORT = "network.peer.port";

  private final TraceKitTraceContext context;

  TraceKitSpan(TraceKitTraceContext context) {
    this.context = context;
  }

  static TraceKitSpan of(dev.tracekit.core.Span span, Baggage baggage) {
    return new TraceKitSpan(TraceKitTraceContext.of(span, baggage));
  }

  dev.tracekit.core.Span delegate() {
    return context.span();
  }

  /** True for unsampled spans and remote parents: they record nothing. */
  @Override
  public boolean isNoop() {
    return !context.span().isRecording();
  }

  @Override
  public TraceKitTraceContext context() {
    return context;
  }

  @Override
  public Span start() {
    return this;
  }

  @Override
  public Span name(String name) {
    if (name != null) {
      delegate().updateName(name);
    }
    return this;
  }

  @Override
  public Span event(String value) {
    if (value != null) {
      delegate().addEvent(value);
    }
    return this;
  }

  /**
   * Records the event now: our span API takes no event timestamp, and observation events
   * carry the time they happened, which is now.
   */
  @Override
  public Span event(String value, long time, TimeUnit timeUnit) {
    return event(value);
  }

  @Override
  public Span tag(String key, String value) {
    if (key != null && value != null) {
      delegate().setAttribute(key, value);
    }
    return this;
  }

  @Override
  public Span tag(String key, long value) {
    if (key != null) {
      delegate().setAttribute(key, value);
    }
    return this;
  }

  @Override
  public Span tag(String key, double value) {
    if (key != null) {
      delegate().setAttribute(key, value);
    }
    return this;
  }

  @Override
  public Span tag(String key, boolean value) {
    if (key != null) {
      delegate().setAttribute(key, value);
    }
    return this;
  }

  @Override
  public Span tagOfStrings(String key, List<String> values) {
    return tagList(key, values);
  }

  @Override
  public Span tagOfLongs(String key, List<Long> values) {
    return tagList(key, values);
  }

  @Override
  public Span tagOfDoubles(String key, List<Double> values) {
    return tagList(key, values);
  }

  @Override
  public Span tagOfBooleans(String key, List<Boolean> values) {
    return tagList(key, values);
  }

  private Span tagList(String key, List<?> values) {
    if (key != null && values != null) {
      delegate().setAttribute(key, (Object) values);
    }
    return this;
  }

  @Override
  public Span error(Throwable throwable) {
    recordError(delegate(), throwable);
    return this;
  }

  static void recordError(dev.tracekit.core.Span span, Throwable throwable) {
    if (throwable != null) {
      span.recordException(throwable);
      span.setStatus(StatusCode.ERROR, throwable.getMessage());
    }
  }

  @Override
  public void end() {
    delegate().end();
  }

  @Override
  public void end(long time, TimeUnit timeUnit) {
    delegate().end(timeUnit.toNanos(time));
  }

  /**
   * Does nothing: a span that is never ended is never exported, which is what abandoning
   * means. Our core has no separate discard operation.
   */
  @Override
  public void abandon() {}

  @Override
  public Span remoteServiceName(String remoteServiceName) {
    return tag(PEER_SERVICE, remoteServiceName);
  }

  @Override
  public Span remoteIpAndPort(String ip, int port) {
    tag(NETWORK_PEER_ADDRESS, ip);
    if (port > 0) {
      tag(NETWORK_PEER_PORT, (long) port);
    }
    return this;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TraceKitSpan other && context.equals(other.context);
  }

  @Override
  public int hashCode() {
    return context.hashCode();
  }

  @Override
  public String toString() {
    return "TraceKitSpan{" + context + "}";
  }
}
