package dev.tracekit.core.otlp;

import dev.tracekit.core.Attributes;
import dev.tracekit.core.EventData;
import dev.tracekit.core.InstrumentationScope;
import dev.tracekit.core.LinkData;
import dev.tracekit.core.Resource;
import dev.tracekit.core.SpanData;
import dev.tracekit.core.SpanDataBuilder;
import dev.tracekit.core.SpanKind;
import dev.tracekit.core.StatusCode;
import dev.tracekit.core.TraceContext;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code ExportTraceServiceRequest} strictly (see {@link ProtoReader}). */
final class TraceDecoder {

  private TraceDecoder() {}

  static List<SpanData> decode(byte[] payload) {
    ProtoReader r = new ProtoReader(payload);
    List<SpanData> out = new ArrayList<>();
    long[] ids = new long[4];
    while (!r.atEnd()) {
      int tag = r.readTag();
      if (ProtoReader.fieldNumber(tag) == 1) {
        r.expect(tag, ProtoWriter.WIRE_LEN, "ExportTraceServiceRequest.resource_spans");
        int outer = r.enter("ResourceSpans");
        readResourceSpans(r, out, ids);
        r.leave(outer);
      } else {
        r.skip(tag);
      }
    }
    return out;
  }

  /** Reads the resource first (fields may come in any order), then the scope spans. */
  private static void readResourceSpans(ProtoReader r, List<SpanData> out, long[] ids) {
    int start = r.position();
    Attributes.Builder attributes = null;
    while (!r.atEnd()) {
      int tag = r.readTag();
      if (ProtoReader.fieldNumber(tag) == 1) {
        r.expect(tag, ProtoWriter.WIRE_LEN, "ResourceSpans.resource");
        if (attributes == null) {
          attributes = Attributes.builder();
        }
        CommonMessages.readResource(r, attributes, "ResourceSpans.resource");
      } else {
        r.skip(tag);
      }
    }
    Resource resource = attributes == null ? Resource.empty() : new Resource(attributes.build());
    r.seek(start);
    while (!r.atEnd()) {
      int tag = r.readTag();
      if (ProtoReader.fieldNumber(tag) == 2) {
        r.expect(tag, ProtoWriter.WIRE_LEN, "ResourceSpans.scope_spans");
        int outer = r.enter("ScopeSpans");
        readScopeSpans(r, resource, out, ids);
        r.leave(outer);
      } else {
        r.skip(tag);
      }
    }
  }

  private static void readScopeSpans(ProtoReader r, Resource resource, List<SpanData> out, long[] ids) {
    int start = r.position();
    String[] nameAndVersion = {"", null};
    while (!r.atEnd()) {
      int tag = r.readTag();
      if (ProtoReader.fieldNumber(tag) == 1) {
        r.expect(tag, ProtoWriter.WIRE_LEN, "ScopeSpans.scope");
        CommonMessages.readScope(r, nameAndVersion, "ScopeSpans.scope");
      } else {
        r.skip(tag);
      }
    }
    InstrumentationScope scope = CommonMessages.toScope(nameAndVersion);
    r.seek(start);
    while (!r.atEnd()) {
      int tag = r.readTag();
      if (ProtoReader.fieldNumber(tag) == 2) {
        r.expect(tag, ProtoWriter.WIRE_LEN, "ScopeSpans.spans");
        out.add(readSpan(r, resource, scope, ids));
      } else {
        r.skip(tag);
      }
    }
  }

  private static SpanData readSpan(ProtoReader r, Resource resource, InstrumentationScope scope, long[] ids) {
    int spanStart = r.position();
    int outer = r.enter("Span");
    boolean hasTraceId = false;
    boolean hasSpanId = false;
    ids[3] = 0;
    String traceState = "";
    int flags = 0;
    String name = "";
    int kind = 0;
    long start = 0;
    long end = 0;
    Attributes.Builder attributes = null;
    int droppedAttributes = 0;
    int droppedByDecoder = 0;
    List<EventData> events = null;
    int droppedEvents = 0;
    List<LinkData> links = null;
    int droppedLinks = 0;
    int statusCode = 0;
    String statusMessage = "";
    while (!r.atEnd()) {
      int tag = r.readTag();
      switch (ProtoReader.fieldNumber(tag)) {
        case 1 -> {
          r.expect(tag, ProtoWriter.WIRE_LEN, "Span.trace_id");
          r.readId("Span.trace_id", 16, false, ids, 0);
          hasTraceId = true;
        }
        case 2 -> {
          r.expect(tag, ProtoWriter.WIRE_LEN, "Span.span_id");
          r.readId("Span.span_id", 8, false, ids, 2);
          hasSpanId = true;
        }
        case 3 -> {
          r.expect(tag, ProtoWriter.WIRE_LEN, "Span.trace_state");
          traceState = r.readString("Span.trace_state");
        }
        case 4 -> {
          r.expect(tag, ProtoWriter.WIRE_LEN, "Span.parent_span_id");
          if (r.readId("Span.parent_span_id", 8, true, ids, 3) == 0) {
            ids[3] = 0;
          }
        }
        case 5 -> {
          r.expect(tag, ProtoWriter.WIRE_LEN, "Span.name");
          name = r.readString("Span.name");
        }
        case 6 -> {
          r.expect(tag, ProtoWriter.WIRE_VARINT, "Span.kind");
          kind = r.readVarint32("Span.kind");
        }
        case 7 -> {
          r.expect(tag, ProtoWriter.WIRE_FIXED64, "Span.start_time_unix_nano");
          start = r.readFixed64("Span.start_time_unix_nano");
        }
        case 8 -> {
          r.expect(tag, ProtoWriter.WIRE_FIXED64, "Span.end_time_unix_nano");
          end = r.readFixed64("Span.end_time_unix_nano");
        }
        case 9 -> {
          r.expect(tag, ProtoWriter.WIRE_LEN, "Span.attributes");
          if (attributes == null) {
            attributes = Attributes.builder();
          }
          droppedByDecoder += CommonMessages.readKeyValue(r, attributes, "Span.attributes");
        }
        case 10 -> {
          r.expect(tag, ProtoWriter.WIRE_VARINT, "Span.dropped_attributes_count");
          droppedAttributes = r.readVarint32("Span.dropped_attributes_count");
        }
        case 11 -> {
          r.expect(tag, ProtoWriter.WIRE_LEN, "Span.events");
          if (events == null) {
            events = new ArrayList<>();
          }
          events.add(readEvent(r));
        }
        case 12 -> {
          r.expect(tag, ProtoWriter.WIRE_VARINT, "Span.dropped_events_count");
          droppedEvents = r.readVarint32("Span.dropped_events_count");
        }
        case 13 -> {
          r.expect(tag, ProtoWriter.WIRE_LEN, "Span.links");
          if (links == null) {
            links = new ArrayList<>();
          }
          links.add(readLink(r));
        }
        case 14 -> {
          r.expect(tag, ProtoWriter.WIRE_VARINT, "Span.dropped_links_count");
          droppedLinks = r.readVarint32("Span.dropped_links_count");
        }
        case 15 -> {
          r.expect(tag, ProtoWriter.WIRE_LEN, "Span.status");
          int statusOuter = r.enter("Span.status");
          while (!r.atEnd()) {
            int statusTag = r.readTag();
            switch (ProtoReader.fieldNumber(statusTag)) {
              case 2 -> {
                r.expect(statusTag, ProtoWriter.WIRE_LEN, "Status.message");
                statusMessage = r.readString("Status.message");
              }
              case 3 -> {
                r.expect(statusTag, ProtoWriter.WIRE_VARINT, "Status.code");
                statusCode = r.readVarint32("Status.code");
              }
              default -> r.skip(statusTag);
            }
          }
          r.leave(statusOuter);
        }
        case 16 -> {
          r.expect(tag, ProtoWriter.WIRE_FIXED32, "Span.flags");
          flags = r.readFixed32("Span.flags");
        }
        default -> r.skip(tag);
      }
    }
    r.leave(outer);
    if (!hasTraceId || (ids[0] | ids[1]) == 0) {
      throw r.malformed("Span.trace_id is " + (hasTraceId ? "all zeros" : "missing"), spanStart);
    }
    if (!hasSpanId || ids[2] == 0) {
      throw r.malformed("Span.span_id is " + (hasSpanId ? "all zeros" : "missing"), spanStart);
    }
    TraceContext context = TraceContext.create(
        ids[0], ids[1], ids[2], flags & 0xFF, CommonMessages.parseTraceState(traceState), false);
    SpanDataBuilder b = SpanData.builder()
        .context(context)
        .parentSpanId(ids[3])
        .name(name)
        .kind(SpanKind.fromOtlp(kind))
        .startEpochNanos(start)
        .endEpochNanos(end)
        .status(StatusCode.fromOtlp(statusCode), statusMessage)
        .resource(resource)
        .scope(scope)
        .droppedAttributesCount(CommonMessages.addDropped(droppedAttributes, droppedByDecoder))
        .droppedEventsCount(droppedEvents)
        .droppedLinksCount(droppedLinks);
    if (attributes != null) {
      b.attributes(attributes.build());
    }
    if (events != null) {
      b.events(events);
    }
    if (links != null) {
      b.links(links);
    }
    return b.build();
  }

  private static EventData readEvent(ProtoReader r) {
    int outer = r.enter("Span.Event");
    long time = 0;
    String name = "";
    Attributes.Builder attributes = null;
    int dropped = 0;
    int droppedByDecoder = 0;
    while (!r.atEnd()) {
      int tag = r.readTag();
      switch (ProtoReader.fieldNumber(tag)) {
        case 1 -> {
          r.expect(tag, ProtoWriter.WIRE_FIXED64, "Event.time_unix_nano");
          time = r.readFixed64("Event.time_unix_nano");
        }
        case 2 -> {
          r.expect(tag, ProtoWriter.WIRE_LEN, "Event.name");
          name = r.readString("Event.name");
        }
        case 3 -> {
          r.expect(tag, ProtoWriter.WIRE_LEN, "Event.attributes");
          if (attributes == null) {
            attributes = Attributes.builder();
          }
          droppedByDecoder += CommonMessages.readKeyValue(r, attributes, "Event.attributes");
        }
        case 4 -> {
          r.expect(tag, ProtoWriter.WIRE_VARINT, "Event.dropped_attributes_count");
          dropped = r.readVarint32("Event.dropped_attributes_count");
        }
        default -> r.skip(tag);
      }
    }
    r.leave(outer);
    return new EventData(
        time, name, attributes == null ? Attributes.empty() : attributes.build(), CommonMessages.addDropped(dropped, droppedByDecoder));
  }

  private static LinkData readLink(ProtoReader r) {
    int linkStart = r.position();
    int outer = r.enter("Span.Link");
    long[] ids = new long[3];
    boolean hasTraceId = false;
    boolean hasSpanId = false;
    String traceState = "";
    Attributes.Builder attributes = null;
    int dropped = 0;
    int droppedByDecoder = 0;
    int flags = 0;
    while (!r.atEnd()) {
      int tag = r.readTag();
      switch (ProtoReader.fieldNumber(tag)) {
        case 1 -> {
          r.expect(tag, ProtoWriter.WIRE_LEN, "Link.trace_id");
          r.readId("Link.trace_id", 16, false, ids, 0);
          hasTraceId = true;
        }
        case 2 -> {
          r.expect(tag, ProtoWriter.WIRE_LEN, "Link.span_id");
          r.readId("Link.span_id", 8, false, ids, 2);
          hasSpanId = true;
        }
        case 3 -> {
          r.expect(tag, ProtoWriter.WIRE_LEN, "Link.trace_state");
          traceState = r.readString("Link.trace_state");
        }
        case 4 -> {
          r.expect(tag, ProtoWriter.WIRE_LEN, "Link.attributes");
          if (attributes == null) {
            attributes = Attributes.builder();
          }
          droppedByDecoder += CommonMessages.readKeyValue(r, attributes, "Link.attributes");
        }
        case 5 -> {
          r.expect(tag, ProtoWriter.WIRE_VARINT, "Link.dropped_attributes_count");
          dropped = r.readVarint32("Link.dropped_attributes_count");
        }
        case 6 -> {
          r.expect(tag, ProtoWriter.WIRE_FIXED32, "Link.flags");
          flags = r.readFixed32("Link.flags");
        }
        default -> r.skip(tag);
      }
    }
    r.leave(outer);
    if (!hasTraceId) {
      throw r.malformed("Link.trace_id is missing", linkStart);
    }
    if (!hasSpanId) {
      throw r.malformed("Link.span_id is missing", linkStart);
    }
    boolean remote = (flags & OtlpTraceCodec.FLAGS_HAS_IS_REMOTE) != 0
        && (flags & OtlpTraceCodec.FLAGS_IS_REMOTE) != 0;
    TraceContext context = TraceContext.create(
        ids[0], ids[1], ids[2], flags & 0xFF, CommonMessages.parseTraceState(traceState), remote);
    return new LinkData(
        context, attributes == null ? Attributes.empty() : attributes.build(), CommonMessages.addDropped(dropped, droppedByDecoder));
  }
}
