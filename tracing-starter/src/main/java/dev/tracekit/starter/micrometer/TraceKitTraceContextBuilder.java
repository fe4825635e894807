package dev.tracekit.starter.micrometer;

import io.micrometer.tracing.TraceContext;

/** Builds a trace context from hex ids, for example ids read from a message by hand. */
final class TraceKitTraceContextBuilder implements TraceContext.Builder {

  private String traceId;
  private String parentId;
  private String spanId;
  private Boolean sampled;

  @Override
  public TraceContext.Builder traceId(String traceId) {
    this.traceId = traceId;
    return this;
  }

  @Override
  public TraceContext.Builder parentId(String parentId) {
    this.parentId = parentId;
    return this;
  }

  @Override
  public TraceContext.Builder spanId(String spanId) {
    this.spanId = spanId;
    return this;
  }

  @Override
  public TraceContext.Builder sampled(Boolean sampled) {
    this.sampled = sampled;
    return this;
  }

  /** Invalid or missing ids give a context that, used as a parent, starts a new trace. */
  @Override
  public TraceContext build() {
    return TraceKitTraceContext.fromIds(traceId, spanId, parentId, sampled);
  }
}
