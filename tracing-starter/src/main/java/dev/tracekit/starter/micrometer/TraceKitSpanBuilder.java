package dev.tracekit.starter.micrometer;

import dev.tracekit.core.Attributes;
import dev.tracekit.core.Baggage;
import dev.tracekit.core.Context;
import dev.tracekit.core.SpanBuilder;
import dev.tracekit.core.SpanKind;
import dev.tracekit.core.Tracer;
import io.micrometer.tracing.Link;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Collects a Micrometer span's settings and starts one of our spans with them. Our span
 * builder needs the name up front (the sampler sees it), so nothing is started before
 * {@link #start()}. Without {@link #setParent} or {@link #setNoParent()} the parent is our
 * current span, the same one our own instrumentation would use.
 */
final class TraceKitSpanBuilder implements Span.Builder {

  private final Tracer tracer;
  private String name = "";
  private SpanKind kind = SpanKind.INTERNAL;
  /** Explicit parent (its span may be invalid: then the span is a root); null = current. */
  private Context parent;
  private boolean noParent;
  /** key, value pairs in call order. */
  private final List<Object> tags = new ArrayList<>(8);
  private List<String> events;
  private List<Link> links;
  private Throwable error;
  private long startEpochNanos;

  TraceKitSpanBuilder(Tracer tracer) {
    this.tracer = tracer;
  }

  /** A builder whose parent is an extracted context (a remote span and/or baggage). */
  static TraceKitSpanBuilder withExtractedParent(Tracer tracer, Context extracted) {
    TraceKitSpanBuilder builder = new TraceKitSpanBuilder(tracer);
    builder.parent = extracted;
    return builder;
  }

  @Override
  public Span.Builder setParent(TraceContext context) {
    if (context == null) {
      return this;
    }
    TraceKitTraceContext ours = TraceKitTraceContext.from(context);
    this.parent = Context.root().with(ours.span()).with(ours.baggage());
    this.noParent = false;
    return this;
  }

  @Override
  public Span.Builder setNoParent() {
    this.noParent = true;
    this.parent = null;
    return this;
  }

  @Override
  public Span.Builder name(String name) {
    if (name != null) {
      this.name = name;
    }
    return this;
  }

  @Override
  public Span.Builder event(String value) {
    if (value != null) {
      if (events == null) {
        events = new ArrayList<>(2);
      }
      events.add(value);
    }
    return this;
  }

  @Override
  public Span.Builder tag(String key, String value) {
    return put(key, value);
  }

  @Override
  public Span.Builder tag(String key, long value) {
    return put(key, value);
  }

  @Override
  public Span.Builder tag(String key, double value) {
    return put(key, value);
  }

  @Override
  public Span.Builder tag(String key, boolean value) {
    return put(key, value);
  }

  @Override
  public Span.Builder tagOfStrings(String key, List<String> values) {
    return put(key, values);
  }

  @Override
  public Span.Builder tagOfLongs(String key, List<Long> values) {
    return put(key, values);
  }

  @Override
  public Span.Builder tagOfDoubles(String key, List<Double> values) {
    return put(key, values);
  }

  @Override
  public Span.Builder tagOfBooleans(String key, List<Boolean> values) {
    return put(key, values);
  }

  private Span.Builder put(String key, Object value) {
    if (key != null && value != null) {
      tags.add(key);
      tags.add(value);
    }
    return this;
  }

  @Override
  public Span.Builder error(Throwable throwable) {
    this.error = throwable;
    return this;
  }

  @Override
  public Span.Builder kind(Span.Kind kind) {
    this.kind = toKind(kind);
    return this;
  }

  static SpanKind toKind(Span.Kind kind) {
    if (kind == null) {
      return SpanKind.INTERNAL;
    }
    return switch (kind) {
      case SERVER -> SpanKind.SERVER;
      case CLIENT -> SpanKind.CLIENT;
      case PRODUCER -> SpanKind.PRODUCER;
      case CONSUMER -> SpanKind.CONSUMER;
    };
  }

  @Override
  public Span.Builder remoteServiceName(String remoteServiceName) {
    return put(TraceKitSpan.PEER_SERVICE, remoteServiceName);
  }

  @Override
  public Span.Builder remoteIpAndPort(String ip, int port) {
    put(TraceKitSpan.NETWORK_PEER_ADDRESS, ip);
    if (port > 0) {
      put(TraceKitSpan.NETWORK_PEER_PORT, (long) port);
    }
    return this;
  }

  @Override
  public Span.Builder startTimestamp(long startTimestamp, TimeUnit unit) {
    this.startEpochNanos = unit.toNanos(startTimestamp);
    return this;
  }

  @Override
  public Span.Builder addLink(Link link) {
    if (link != null && link.getTraceContext() != null) {
      if (links == null) {
        links = new ArrayList<>(2);
      }
      links.add(link);
    }
    return this;
  }

  @Override
  public Span start() {
    Context parentContext = noParent ? null : parent != null ? parent : Context.current();
    SpanBuilder builder = tracer.spanBuilder(name).setKind(kind);
    if (noParent || (parent != null && !parent.span().context().isValid())) {
      builder.setNoParent();
    } else if (parent != null) {
      builder.setParent(parent);
    }
    for (int i = 0; i < tags.size(); i += 2) {
      builder.setAttribute((String) tags.get(i), tags.get(i + 1));
    }
    if (links != null) {
      for (Link link : links) {
        TraceKitTraceContext target = TraceKitTraceContext.from(link.getTraceContext());
        if (target.isValid()) {
          builder.addLink(target.span().context(), linkAttributes(link.getTags()));
        }
      }
    }
    if (startEpochNanos > 0) {
      builder.setStartTimestamp(startEpochNanos);
    }
    dev.tracekit.core.Span span = builder.startSpan();
    if (events != null) {
      for (String event : events) {
        span.addEvent(event);
      }
    }
    TraceKitSpan.recordError(span, error);
    long parentSpanId = 0L;
    if (parentContext != null && parentContext.span().context().isValid()) {
      parentSpanId = parentContext.span().context().spanId();
    }
    Baggage baggage = parentContext == null ? Context.current().baggage() : parentContext.baggage();
    return new TraceKitSpan(new TraceKitTraceContext(span, parentSpanId, baggage));
  }

  private static Attributes linkAttributes(Map<String, Object> tags) {
    return tags == null || tags.isEmpty() ? Attributes.empty() : Attributes.of(tags);
  }
}
