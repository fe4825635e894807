package dev.tracekit.collector;

import dev.tracekit.core.Attributes;
import dev.tracekit.core.InstrumentationScope;
import dev.tracekit.core.LogRecordData;
import dev.tracekit.core.Resource;
import dev.tracekit.core.SpanData;
import dev.tracekit.core.SpanDataBuilder;
import dev.tracekit.core.SpanKind;
import dev.tracekit.core.StatusCode;
import dev.tracekit.core.TraceContext;
import dev.tracekit.core.TraceFlags;
import dev.tracekit.core.TraceState;

/** Builds spans and logs for tests with readable ids and times in microseconds from a fixed base. */
public final class TestSpans {

  /** 2023-11-14T22:13:20Z in epoch nanos: a base far from "now" so retention tests are explicit. */
  public static final long T0 = 1_700_000_000_000_000_000L;

  private TestSpans() {}

  public static Resource service(String name) {
    return new Resource(Attributes.builder().put(Resource.SERVICE_NAME, name).build());
  }

  public static long nanos(long micros) {
    return T0 + micros * 1_000;
  }

  /** A span builder: trace {@code trace}, span {@code spanId}, starting {@code startMicros} after T0. */
  public static SpanDataBuilder span(long trace, long spanId, long parentSpanId, String service, String name,
      long startMicros, long durationMicros) {
    return SpanData.builder()
        .context(TraceContext.create(trace, trace, spanId, TraceFlags.SAMPLED, TraceState.empty(), false))
        .parentSpanId(parentSpanId)
        .name(name)
        .kind(parentSpanId == 0 ? SpanKind.SERVER : SpanKind.INTERNAL)
        .startEpochNanos(nanos(startMicros))
        .endEpochNanos(nanos(startMicros + durationMicros))
        .resource(service(service))
        .scope(new InstrumentationScope("test", "1.0"));
  }

  public static SpanData root(long trace, String service, String name, long startMicros, long durationMicros) {
    return span(trace, trace * 100 + 1, 0, service, name, startMicros, durationMicros).build();
  }

  public static SpanData child(long trace, long n, String service, String name, long startMicros, long durationMicros) {
    return span(trace, trace * 100 + n, trace * 100 + 1, service, name, startMicros, durationMicros).build();
  }

  public static SpanData error(SpanData span) {
    return SpanData.builder()
        .context(span.context()).parentSpanId(span.parentSpanId()).name(span.name()).kind(span.kind())
        .startEpochNanos(span.startEpochNanos()).endEpochNanos(span.endEpochNanos())
        .attributes(span.attributes()).events(span.events()).links(span.links())
        .status(StatusCode.ERROR, "boom").resource(span.resource()).scope(span.scope())
        .build();
  }

  public static LogRecordData log(long trace, long spanId, String service, long atMicros, int severity, String body) {
    return new LogRecordData(nanos(atMicros), nanos(atMicros), severity, "", body, Attributes.empty(),
        trace, trace, spanId, TraceFlags.SAMPLED, service(service), new InstrumentationScope("test", null));
  }
}
