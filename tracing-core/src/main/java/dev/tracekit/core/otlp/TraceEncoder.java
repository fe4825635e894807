package dev.tracekit.core.otlp;

import dev.tracekit.core.EventData;
import dev.tracekit.core.LinkData;
import dev.tracekit.core.SpanData;
import dev.tracekit.core.StatusCode;
import dev.tracekit.core.TraceContext;
import dev.tracekit.core.TraceState;
import java.util.Collection;
import java.util.List;

/** Writes {@code ExportTraceServiceRequest} in two passes (see {@link ProtoWriter}). */
final class TraceEncoder {

  // ExportTraceServiceRequest.resource_spans, ResourceSpans.resource, ScopeSpans.scope: 1, LEN
  private static final int TAG_FIELD1_LEN = 0x0A;
  // ResourceSpans.scope_spans, ScopeSpans.spans: 2, LEN
  private static final int TAG_FIELD2_LEN = 0x12;

  private static final int TAG_SPAN_TRACE_ID = 0x0A;
  private static final int TAG_SPAN_SPAN_ID = 0x12;
  private static final int TAG_SPAN_TRACE_STATE = 0x1A;
  private static final int TAG_SPAN_PARENT_SPAN_ID = 0x22;
  private static final int TAG_SPAN_NAME = 0x2A;
  private static final int TAG_SPAN_KIND = 0x30;
  private static final int TAG_SPAN_START = 0x39;
  private static final int TAG_SPAN_END = 0x41;
  private static final int TAG_SPAN_ATTRIBUTES = 0x4A;
  private static final int TAG_SPAN_DROPPED_ATTRIBUTES = 0x50;
  private static final int TAG_SPAN_EVENTS = 0x5A;
  private static final int TAG_SPAN_DROPPED_EVENTS = 0x60;
  private static final int TAG_SPAN_LINKS = 0x6A;
  private static final int TAG_SPAN_DROPPED_LINKS = 0x70;
  private static final int TAG_SPAN_STATUS = 0x7A;
  /** Field 16, FIXED32: the two-byte varint tag 0x85 0x01. */
  private static final int TAG_SPAN_FLAGS_0 = 0x85;
  private static final int TAG_SPAN_FLAGS_1 = 0x01;

  private static final int TAG_EVENT_TIME = 0x09;
  private static final int TAG_EVENT_NAME = 0x12;
  private static final int TAG_EVENT_ATTRIBUTES = 0x1A;
  private static final int TAG_EVENT_DROPPED_ATTRIBUTES = 0x20;

  private static final int TAG_LINK_TRACE_ID = 0x0A;
  private static final int TAG_LINK_SPAN_ID = 0x12;
  private static final int TAG_LINK_TRACE_STATE = 0x1A;
  private static final int TAG_LINK_ATTRIBUTES = 0x22;
  private static final int TAG_LINK_DROPPED_ATTRIBUTES = 0x28;
  private static final int TAG_LINK_FLAGS = 0x35;

  private static final int TAG_STATUS_MESSAGE = 0x12;
  private static final int TAG_STATUS_CODE = 0x18;

  /** Tag, length and 16 bytes of a trace id plus tag, length and 8 bytes of a span id. */
  private static final int IDS_SIZE = 18 + 10;

  private TraceEncoder() {}

  static byte[] encode(Collection<? extends SpanData> spans) {
    List<Grouping.ResourceGroup<SpanData>> groups =
        Grouping.group(spans, SpanData::resource, SpanData::scope);
    ProtoWriter w = ProtoWriter.get();
    int size = sizeRequest(w, groups);
    w.startWriting(size);
    writeRequest(w, groups);
    return w.finish();
  }

  private static int sizeRequest(ProtoWriter w, List<Grouping.ResourceGroup<SpanData>> groups) {
    int n = 0;
    for (Grouping.ResourceGroup<SpanData> group : groups) {
      int slot = w.reserve();
      int resourceSpans = sizeResourceSpans(w, group);
      w.fill(slot, resourceSpans);
      n += 1 + ProtoWriter.delimited(resourceSpans);
    }
    return n;
  }

  private static void writeRequest(ProtoWriter w, List<Grouping.ResourceGroup<SpanData>> groups) {
    for (Grouping.ResourceGroup<SpanData> group : groups) {
      w.writeByte(TAG_FIELD1_LEN);
      w.writeLength();
      writeResourceSpans(w, group);
    }
  }

  private static int sizeResourceSpans(ProtoWriter w, Grouping.ResourceGroup<SpanData> group) {
    int slot = w.reserve();
    int resource = CommonMessages.sizeResource(w, group.resource());
    w.fill(slot, resource);
    int n = 1 + ProtoWriter.delimited(resource);
    for (Grouping.ScopeGroup<SpanData> scopeGroup : group.scopes()) {
      int scopeSpansSlot = w.reserve();
      int scopeSpans = sizeScopeSpans(w, scopeGroup);
      w.fill(scopeSpansSlot, scopeSpans);
      n += 1 + ProtoWriter.delimited(scopeSpans);
    }
    return n;
  }

  private static void writeResourceSpans(ProtoWriter w, Grouping.ResourceGroup<SpanData> group) {
    w.writeByte(TAG_FIELD1_LEN);
    w.writeLength();
    CommonMessages.writeResource(w, group.resource());
    for (Grouping.ScopeGroup<SpanData> scopeGroup : group.scopes()) {
      w.writeByte(TAG_FIELD2_LEN);
      w.writeLength();
      writeScopeSpans(w, scopeGroup);
    }
  }

  private static int sizeScopeSpans(ProtoWriter w, Grouping.ScopeGroup<SpanData> group) {
    int slot = w.reserve();
    int scope = CommonMessages.sizeScope(w, group.scope());
    w.fill(slot, scope);
    int n = 1 + ProtoWriter.delimited(scope);
    List<SpanData> spans = group.items();
    for (int i = 0, size = spans.size(); i < size; i++) {
      int spanSlot = w.reserve();
      int span = sizeSpan(w, spans.get(i));
      w.fill(spanSlot, span);
      n += 1 + ProtoWriter.delimited(span);
    }
    return n;
  }

  private static void writeScopeSpans(ProtoWriter w, Grouping.ScopeGroup<SpanData> group) {
    w.writeByte(TAG_FIELD1_LEN);
    w.writeLength();
    CommonMessages.writeScope(w, group.scope());
    List<SpanData> spans = group.items();
    for (int i = 0, size = spans.size(); i < size; i++) {
      w.writeByte(TAG_FIELD2_LEN);
      w.writeLength();
      writeSpan(w, spans.get(i));
    }
  }

  private static int sizeSpan(ProtoWriter w, SpanData span) {
    TraceContext context = span.context();
    int n = IDS_SIZE;
    TraceState traceState = context.traceState();
    if (!traceState.isEmpty()) {
      n += 1 + ProtoWriter.delimited(w.sizeString(traceState.toString()));
    }
    if (span.parentSpanId() != 0) {
      n += 10;
    }
    String name = span.name();
    if (!name.isEmpty()) {
      n += 1 + ProtoWriter.delimited(w.sizeString(name));
    }
    n += 1 + ProtoWriter.varintSize(span.kind().otlpValue());
    if (span.startEpochNanos() != 0) {
      n += 9;
    }
    if (span.endEpochNanos() != 0) {
      n += 9;
    }
    n += CommonMessages.sizeAttributes(w, span.attributes());
    n += sizeCount(span.droppedAttributesCount());
    List<EventData> events = span.events();
    for (int i = 0, size = events.size(); i < size; i++) {
      int slot = w.reserve();
      int event = sizeEvent(w, events.get(i));
      w.fill(slot, event);
      n += 1 + ProtoWriter.delimited(event);
    }
    n += sizeCount(span.droppedEventsCount());
    List<LinkData> links = span.links();
    for (int i = 0, size = links.size(); i < size; i++) {
      int slot = w.reserve();
      int link = sizeLink(w, links.get(i));
      w.fill(slot, link);
      n += 1 + ProtoWriter.delimited(link);
    }
    n += sizeCount(span.droppedLinksCount());
    StatusCode code = span.statusCode();
    String message = nonNull(span.statusMessage());
    if (code != StatusCode.UNSET || !message.isEmpty()) {
      int slot = w.reserve();
      int status = message.isEmpty() ? 0 : 1 + ProtoWriter.delimited(w.sizeString(message));
      if (code != StatusCode.UNSET) {
        status += 2;
      }
      w.fill(slot, status);
      n += 1 + ProtoWriter.delimited(status);
    }
    if (context.flags() != 0) {
      n += 2 + 4;
    }
    return n;
  }

  private static void writeSpan(ProtoWriter w, SpanData span) {
    TraceContext context = span.context();
    w.writeByte(TAG_SPAN_TRACE_ID);
    w.writeByte(16);
    w.writeIdBytes(context.traceIdHigh());
    w.writeIdBytes(context.traceIdLow());
    w.writeByte(TAG_SPAN_SPAN_ID);
    w.writeByte(8);
    w.writeIdBytes(context.spanId());
    TraceState traceState = context.traceState();
    if (!traceState.isEmpty()) {
      w.writeByte(TAG_SPAN_TRACE_STATE);
      w.writeString(traceState.toString());
    }
    if (span.parentSpanId() != 0) {
      w.writeByte(TAG_SPAN_PARENT_SPAN_ID);
      w.writeByte(8);
      w.writeIdBytes(span.parentSpanId());
    }
    String name = span.name();
    if (!name.isEmpty()) {
      w.writeByte(TAG_SPAN_NAME);
      w.writeString(name);
    }
    w.writeByte(TAG_SPAN_KIND);
    w.writeVarint32(span.kind().otlpValue());
    if (span.startEpochNanos() != 0) {
      w.writeByte(TAG_SPAN_START);
      w.writeFixed64(span.startEpochNanos());
    }
    if (span.endEpochNanos() != 0) {
      w.writeByte(TAG_SPAN_END);
      w.writeFixed64(span.endEpochNanos());
    }
    CommonMessages.writeAttributes(w, TAG_SPAN_ATTRIBUTES, span.attributes());
    writeCount(w, TAG_SPAN_DROPPED_ATTRIBUTES, span.droppedAttributesCount());
    List<EventData> events = span.events();
    for (int i = 0, size = events.size(); i < size; i++) {
      w.writeByte(TAG_SPAN_EVENTS);
      w.writeLength();
      writeEvent(w, events.get(i));
    }
    writeCount(w, TAG_SPAN_DROPPED_EVENTS, span.droppedEventsCount());
    List<LinkData> links = span.links();
    for (int i = 0, size = links.size(); i < size; i++) {
      w.writeByte(TAG_SPAN_LINKS);
      w.writeLength();
      writeLink(w, links.get(i));
    }
    writeCount(w, TAG_SPAN_DROPPED_LINKS, span.droppedLinksCount());
    StatusCode code = span.statusCode();
    String message = nonNull(span.statusMessage());
    if (code != StatusCode.UNSET || !message.isEmpty()) {
      w.writeByte(TAG_SPAN_STATUS);
      w.writeLength();
      if (!message.isEmpty()) {
        w.writeByte(TAG_STATUS_MESSAGE);
        w.writeString(message);
      }
      if (code != StatusCode.UNSET) {
        w.writeByte(TAG_STATUS_CODE);
        w.writeByte(code.otlpValue());
      }
    }
    if (context.flags() != 0) {
      w.writeByte(TAG_SPAN_FLAGS_0);
      w.writeByte(TAG_SPAN_FLAGS_1);
      w.writeFixed32(context.flags());
    }
  }

  private static int sizeEvent(ProtoWriter w, EventData event) {
    int n = event.epochNanos() != 0 ? 9 : 0;
    if (!event.name().isEmpty()) {
      n += 1 + ProtoWriter.delimited(w.sizeString(event.name()));
    }
    n += CommonMessages.sizeAttributes(w, event.attributes());
    return n + sizeCount(event.droppedAttributesCount());
  }

  private static void writeEvent(ProtoWriter w, EventData event) {
    if (event.epochNanos() != 0) {
      w.writeByte(TAG_EVENT_TIME);
      w.writeFixed64(event.epochNanos());
    }
    if (!event.name().isEmpty()) {
      w.writeByte(TAG_EVENT_NAME);
      w.writeString(event.name());
    }
    CommonMessages.writeAttributes(w, TAG_EVENT_ATTRIBUTES, event.attributes());
    writeCount(w, TAG_EVENT_DROPPED_ATTRIBUTES, event.droppedAttributesCount());
  }

  private static int sizeLink(ProtoWriter w, LinkData link) {
    int n = IDS_SIZE;
    TraceState traceState = link.context().traceState();
    if (!traceState.isEmpty()) {
      n += 1 + ProtoWriter.delimited(w.sizeString(traceState.toString()));
    }
    n += CommonMessages.sizeAttributes(w, link.attributes());
    n += sizeCount(link.droppedAttributesCount());
    return n + 1 + 4; // flags always carry the known remote bit
  }

  private static void writeLink(ProtoWriter w, LinkData link) {
    TraceContext context = link.context();
    w.writeByte(TAG_LINK_TRACE_ID);
    w.writeByte(16);
    w.writeIdBytes(context.traceIdHigh());
    w.writeIdBytes(context.traceIdLow());
    w.writeByte(TAG_LINK_SPAN_ID);
    w.writeByte(8);
    w.writeIdBytes(context.spanId());
    TraceState traceState = context.traceState();
    if (!traceState.isEmpty()) {
      w.writeByte(TAG_LINK_TRACE_STATE);
      w.writeString(traceState.toString());
    }
    CommonMessages.writeAttributes(w, TAG_LINK_ATTRIBUTES, link.attributes());
    writeCount(w, TAG_LINK_DROPPED_ATTRIBUTES, link.droppedAttributesCount());
    w.writeByte(TAG_LINK_FLAGS);
    w.writeFixed32(linkFlags(context));
  }

  static int linkFlags(TraceContext context) {
    return context.flags()
        | OtlpTraceCodec.FLAGS_HAS_IS_REMOTE
        | (context.isRemote() ? OtlpTraceCodec.FLAGS_IS_REMOTE : 0);
  }

  /** A uint32 count field: omitted when 0. */
  private static int sizeCount(int count) {
    return count == 0 ? 0 : 1 + ProtoWriter.varintSize(count & 0xFFFF_FFFFL);
  }

  private static void writeCount(ProtoWriter w, int tag, int count) {
    if (count != 0) {
      w.writeByte(tag);
      w.writeVarint64(count & 0xFFFF_FFFFL);
    }
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }
}
