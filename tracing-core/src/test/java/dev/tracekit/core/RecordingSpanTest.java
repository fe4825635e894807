package dev.tracekit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

// Scopes are opened for their effect on the current context, not referenced: the point of them.
@SuppressWarnings("try")
class RecordingSpanTest {

  private final FakeTime time = new FakeTime();
  private InMemorySpanExporter exporter;
  private TraceKit tk = kit(SpanLimits.defaults());

  /** A fresh kit with a fresh exporter (closing a kit closes its exporter). */
  private TraceKit kit(SpanLimits limits) {
    exporter = InMemorySpanExporter.create();
    return TraceKit.builder()
        .serviceName("svc")
        .spanExporter(exporter)
        .spanLimits(limits)
        .timeSource(time)
        .build();
  }

  @AfterEach
  void close() {
    tk.close();
  }

  private List<SpanData> exported() {
    tk.flush(Duration.ofSeconds(30));
    return exporter.spans();
  }

  private Span start(String name) {
    return tk.tracer().spanBuilder(name).startSpan();
  }

  @Test
  void endIsIdempotentAndExportsOnce() {
    Span span = start("once");
    time.advance(5_000_000);
    span.end();
    long firstEnd = ((SpanData) span).endEpochNanos();
    time.advance(5_000_000);
    span.end();
    span.end(firstEnd + 1_000_000_000L);

    assertThat(exported()).hasSize(1);
    assertThat(((SpanData) span).endEpochNanos()).isEqualTo(firstEnd);
    assertThat(((SpanData) span).durationNanos()).isEqualTo(5_000_000);
    assertThat(tk.metrics().spansEnded()).isEqualTo(1);
  }

  @Test
  void callsAfterEndAreIgnored() {
    Span span = start("done").setAttribute("before", "yes");
    span.end();
    assertThat(span.isRecording()).isFalse();
    span.setAttribute("after", "no")
        .setAttribute("n", 1L)
        .addEvent("late")
        .recordException(new IllegalStateException("late"))
        .setStatus(StatusCode.ERROR, "late")
        .updateName("renamed");

    SpanData data = exported().get(0);
    assertThat(data.name()).isEqualTo("done");
    assertThat(data.attributes().asMap()).containsOnlyKeys("before");
    assertThat(data.events()).isEmpty();
    assertThat(data.statusCode()).isEqualTo(StatusCode.UNSET);
  }

  @Test
  void typedAttributesKeepTheirTypesAndLaterPutReplaces() {
    Span span = start("typed")
        .setAttribute("s", "v")
        .setAttribute("l", 7L)
        .setAttribute("d", 1.5)
        .setAttribute("b", true)
        .setAttribute("i", (Object) 3)
        .setAttribute("list", (Object) List.of("a", "b"))
        .setAttribute("s", "replaced")
        .setAttribute("nullValue", (String) null)
        .setAttribute(null, "nullKey");
    span.end();

    Attributes a = exported().get(0).attributes();
    assertThat(a.size()).isEqualTo(6);
    assertThat(a.get("s")).isEqualTo("replaced");
    assertThat(a.get("l")).isEqualTo(7L);
    assertThat(a.get("d")).isEqualTo(1.5);
    assertThat(a.get("b")).isEqualTo(true);
    assertThat(a.get("i")).isEqualTo(3L);
    assertThat(a.get("list")).isEqualTo(List.of("a", "b"));
  }

  @Test
  void attributeCountLimitDropsExcessAndCountsIt() {
    tk.close();
    tk = kit(SpanLimits.builder().maxAttributes(2).build());
    Span span = tk.tracer().spanBuilder("limited").setAttribute("b1", "x").startSpan();
    span.setAttribute("a1", "x").setAttribute("a2", "x").setAttribute("a3", "x").setAttribute("b1", "y");
    span.end();

    SpanData data = exported().get(0);
    assertThat(data.attributes().asMap()).containsOnlyKeys("b1", "a1");
    assertThat(data.attributes().get("b1")).isEqualTo("y");
    assertThat(data.droppedAttributesCount()).isEqualTo(2);
    assertThat(tk.metrics().spansDropped(DropReason.LIMITS)).isEqualTo(2);
  }

  @Test
  void builderAttributesBeyondLimitAreDroppedAndCounted() {
    tk.close();
    tk = kit(SpanLimits.builder().maxAttributes(1).build());
    tk.tracer().spanBuilder("b").setAttribute("k1", "v").setAttribute("k2", 2L).setAttribute("k3", true)
        .startSpan().end();
    SpanData data = exported().get(0);
    assertThat(data.attributes().asMap()).containsOnlyKeys("k1");
    assertThat(data.droppedAttributesCount()).isEqualTo(2);
    assertThat(tk.metrics().spansDropped(DropReason.LIMITS)).isEqualTo(2);
  }

  @Test
  void longStringValuesAreCutToTheLengthLimit() {
    tk.close();
    tk = kit(SpanLimits.builder().maxAttributeValueLength(5).build());
    Span span = tk.tracer().spanBuilder("cut").setAttribute("early", "abcdefgh").startSpan();
    span.setAttribute("late", "123456789").setAttribute("list", (Object) List.of("short", "toolongvalue"));
    span.addEvent("e", Attributes.builder().put("msg", "0123456789").build());
    span.end();

    SpanData data = exported().get(0);
    assertThat(data.attributes().get("early")).isEqualTo("abcde");
    assertThat(data.attributes().get("late")).isEqualTo("12345");
    assertThat(data.attributes().get("list")).isEqualTo(List.of("short", "toolo"));
    assertThat(data.events().get(0).attributes().get("msg")).isEqualTo("01234");
  }

  @Test
  void eventAndLinkLimitsDropExcessAndCountIt() {
    tk.close();
    tk = kit(SpanLimits.builder().maxEvents(2).maxLinks(1).maxAttributesPerEvent(1).build());
    TraceContext other = TraceContext.create(9, 9, 9, TraceFlags.SAMPLED, TraceState.empty(), false);
    Span span = tk.tracer().spanBuilder("limited")
        .addLink(other, Attributes.empty())
        .addLink(other, Attributes.empty())
        .addLink(other, Attributes.empty())
        .startSpan();
    span.addEvent("e1", Attributes.builder().put("a", 1).put("b", 2).build());
    span.addEvent("e2").addEvent("e3").addEvent("e4");
    span.end();

    SpanData data = exported().get(0);
    assertThat(data.events()).extracting(EventData::name).containsExactly("e1", "e2");
    assertThat(data.events().get(0).attributes().size()).isEqualTo(1);
    assertThat(data.events().get(0).droppedAttributesCount()).isEqualTo(1);
    assertThat(data.droppedEventsCount()).isEqualTo(2);
    assertThat(data.links()).hasSize(1);
    assertThat(data.droppedLinksCount()).isEqualTo(2);
    // 1 event attribute + 2 events + 2 links
    assertThat(tk.metrics().spansDropped(DropReason.LIMITS)).isEqualTo(5);
    assertThat(tk.metrics().spansLost()).isZero();
  }

  @Test
  void recordExceptionAddsEventWithSemanticConventionKeys() {
    Span span = start("fails");
    span.recordException(new IllegalArgumentException("bad id"));
    span.recordException(new IllegalStateException());
    span.end();

    List<EventData> events = exported().get(0).events();
    assertThat(events).hasSize(2);
    EventData e = events.get(0);
    assertThat(e.name()).isEqualTo("exception");
    assertThat(e.attributes().get("exception.type")).isEqualTo("java.lang.IllegalArgumentException");
    assertThat(e.attributes().get("exception.message")).isEqualTo("bad id");
    assertThat(e.attributes().getString("exception.stacktrace"))
        .startsWith("java.lang.IllegalArgumentException: bad id")
        .contains("RecordingSpanTest");
    assertThat(events.get(1).attributes().get("exception.message")).isNull();
    assertThat(exporter.spans().get(0).statusCode()).isEqualTo(StatusCode.UNSET);
  }

  @Test
  void statusOkIsFinalAndDescriptionOnlyKeptForError() {
    Span ok = start("ok").setStatus(StatusCode.OK, "ignored").setStatus(StatusCode.ERROR, "too late");
    ok.end();
    Span error = start("error").setStatus(StatusCode.ERROR, "boom");
    error.end();
    Span unset = start("unset").setStatus(StatusCode.ERROR, "first").setStatus(StatusCode.UNSET);
    unset.end();

    List<SpanData> spans = exported();
    assertThat(spans.get(0).statusCode()).isEqualTo(StatusCode.OK);
    assertThat(spans.get(0).statusMessage()).isEmpty();
    assertThat(spans.get(1).statusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(spans.get(1).statusMessage()).isEqualTo("boom");
    assertThat(spans.get(2).statusCode()).isEqualTo(StatusCode.UNSET);
  }

  @Test
  void eventTimesAndUpdateNameAreRecorded() {
    Span span = start("old");
    time.advance(1_000);
    span.addEvent("cache miss");
    span.updateName("new");
    span.end();
    SpanData data = exported().get(0);
    assertThat(data.name()).isEqualTo("new");
    assertThat(data.events().get(0).epochNanos()).isEqualTo(data.startEpochNanos() + 1_000);
  }

  @Test
  void wallClockJumpsNeverSkewATraceAndShowInRootsStartedAfterTheAnchorRefresh() {
    Span root = start("root");
    int readsAfterRoot = time.epochReads();
    time.advance(2_000_000);
    time.jumpWallClock(-60_000_000_000L); // NTP steps the clock back a minute
    Span child;
    try (Scope s = Context.current().with(root).makeCurrent()) {
      child = start("child");
    }
    time.advance(3_000_000);
    child.end();
    time.advance(1_000_000);
    root.end();

    assertThat(time.epochReads()).isEqualTo(readsAfterRoot);
    SpanData r = (SpanData) root;
    SpanData c = (SpanData) child;
    assertThat(c.startEpochNanos() - r.startEpochNanos()).isEqualTo(2_000_000);
    assertThat(c.durationNanos()).isEqualTo(3_000_000);
    assertThat(r.durationNanos()).isEqualTo(6_000_000);

    // Roots within the anchor's refresh interval share its reading: no new wall-clock read.
    Span soon = start("next root");
    soon.end();
    assertThat(time.epochReads()).isEqualTo(readsAfterRoot);
    assertThat(((SpanData) soon).startEpochNanos() - r.startEpochNanos()).isEqualTo(6_000_000);

    // After the interval the wall clock is read again and the step back shows.
    time.advance(EpochAnchor.REFRESH_NANOS);
    Span later = start("later root");
    later.end();
    assertThat(time.epochReads()).isEqualTo(readsAfterRoot + 1);
    assertThat(((SpanData) later).startEpochNanos() - r.startEpochNanos())
        .isEqualTo(6_000_000 + EpochAnchor.REFRESH_NANOS - 60_000_000_000L);
  }

  @Test
  void explicitStartAndEndTimestampsAreUsed() {
    Span span = tk.tracer().spanBuilder("explicit").setStartTimestamp(1_000L).startSpan();
    span.end(5_000L);
    SpanData data = exported().get(0);
    assertThat(data.startEpochNanos()).isEqualTo(1_000L);
    assertThat(data.endEpochNanos()).isEqualTo(5_000L);

    Span backwards = tk.tracer().spanBuilder("backwards").setStartTimestamp(9_000L).startSpan();
    backwards.end(8_000L);
    assertThat(((SpanData) backwards).durationNanos()).isZero();
  }

  @Test
  void attributesSetFromManyThreadsAreAllKept() throws Exception {
    Span span = start("shared");
    int threads = 4;
    int perThread = 30;
    CyclicBarrier barrier = new CyclicBarrier(threads);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      Thread w = new Thread(() -> {
        try {
          barrier.await();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        for (int i = 0; i < perThread; i++) {
          span.setAttribute("t" + id + ".k" + i, (long) i);
          span.addEvent("t" + id + ".e" + i);
        }
      });
      workers.add(w);
      w.start();
    }
    for (Thread w : workers) {
      w.join();
    }
    span.end();
    SpanData data = exported().get(0);
    assertThat(data.attributes().size()).isEqualTo(threads * perThread);
    assertThat(data.events()).hasSize(threads * perThread);
    for (int t = 0; t < threads; t++) {
      assertThat(data.attributes().get("t" + t + ".k" + (perThread - 1))).isEqualTo((long) perThread - 1);
    }
  }

  @Test
  void settingOneKeyOverAndOverKeepsTheLastValueAndTheCountsOfWhatLimitsDropped() {
    tk.close();
    tk = kit(SpanLimits.builder().maxAttributes(3).maxEvents(2).build());
    Span span = start("busy").setStatus(StatusCode.ERROR, "first");
    for (int i = 0; i < 10; i++) {
      span.setAttribute("extra" + i, (long) i); // 3 kept, 7 dropped
      span.addEvent("e" + i); // 2 kept, 8 dropped
    }
    for (int i = 0; i < 100_000; i++) {
      span.setAttribute("extra1", (long) i); // the log is compacted many times over
    }
    span.updateName("renamed").setStatus(StatusCode.OK, null).setStatus(StatusCode.ERROR, "too late");
    span.end();

    SpanData data = exported().get(0);
    assertThat(data.name()).isEqualTo("renamed");
    assertThat(data.attributes().asMap())
        .containsExactly(entry("extra0", 0L), entry("extra1", 99_999L), entry("extra2", 2L));
    assertThat(data.events()).extracting(EventData::name).containsExactly("e0", "e1");
    assertThat(data.droppedAttributesCount()).isEqualTo(7);
    assertThat(data.droppedEventsCount()).isEqualTo(8);
    assertThat(data.statusCode()).isEqualTo(StatusCode.OK);
    assertThat(tk.metrics().spansDropped(DropReason.LIMITS)).isEqualTo(15);
  }

  @Test
  void limitDropsAreCountedOnceHoweverManyThreadsReadTheEndedSpan() throws Exception {
    tk.close();
    tk = kit(SpanLimits.builder().maxAttributes(1).build());
    Span span = start("read").setAttribute("a", "1").setAttribute("b", "2").setAttribute("c", "3");
    span.end();
    List<Thread> readers = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Thread r = new Thread(() -> ((SpanData) span).attributes());
      readers.add(r);
      r.start();
    }
    for (Thread r : readers) {
      r.join();
    }
    assertThat(exported().get(0).droppedAttributesCount()).isEqualTo(2);
    assertThat(tk.metrics().spansDropped(DropReason.LIMITS)).isEqualTo(2);
  }

  @Test
  void callsRacingWithEndAreEitherKeptOrIgnoredAndEndExportsOnce() throws Exception {
    for (int round = 0; round < 50; round++) {
      Span span = start("race" + round);
      CyclicBarrier barrier = new CyclicBarrier(2);
      Thread writer = new Thread(() -> {
        await(barrier);
        for (int i = 0; i < 200; i++) {
          span.setAttribute("k" + i, (long) i);
        }
      });
      writer.start();
      await(barrier);
      span.end();
      span.end();
      writer.join();
      Attributes kept = ((SpanData) span).attributes();
      // What was kept is a prefix of what was written: nothing after the end, no holes before it.
      for (int i = 0; i < kept.size(); i++) {
        assertThat(kept.get("k" + i)).isEqualTo((long) i);
      }
      assertThat(((SpanData) span).attributes().size()).isEqualTo(kept.size());
    }
    assertThat(exported()).hasSize(50);
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void spanDataViewOfOpenSpanIsASnapshot() {
    Span span = start("open").setAttribute("a", "1");
    Attributes snapshot = ((SpanData) span).attributes();
    span.setAttribute("a", "2").setAttribute("b", "3");
    assertThat(snapshot.asMap()).containsExactlyEntriesOf(java.util.Map.of("a", "1"));
    assertThat(((SpanData) span).endEpochNanos()).isZero();
    span.end();
  }

  @Test
  void linksAndResourceAreExported() {
    TraceContext other = TraceContext.create(5, 6, 7, TraceFlags.SAMPLED, TraceState.empty(), true);
    tk.tracer().spanBuilder("linked")
        .addLink(other, Attributes.builder().put("why", "batch").build())
        .addLink(TraceContext.create(0, 0, 0, 0, TraceState.empty(), false), Attributes.empty())
        .startSpan().end();
    SpanData data = exported().get(0);
    assertThat(data.links()).hasSize(1);
    assertThat(data.links().get(0).context().spanId()).isEqualTo(7);
    assertThat(data.links().get(0).attributes().get("why")).isEqualTo("batch");
    assertThat(data.resource().attributes().get("telemetry.sdk.name")).isEqualTo("tracekit");
    assertThat(data.scope()).isEqualTo(InstrumentationScope.TRACEKIT);
  }

  @Test
  void reusingBuilderAfterStartDoesNotChangeFirstSpan() {
    SpanBuilder builder = tk.tracer().spanBuilder("twice").setAttribute("k", "v")
        .addLink(TraceContext.create(1, 1, 1, 1, TraceState.empty(), false), Attributes.empty());
    Span first = builder.startSpan();
    builder.setAttribute("k", "changed").addLink(TraceContext.create(2, 2, 2, 1, TraceState.empty(), false), Attributes.empty());
    Span second = builder.startSpan();
    first.end();
    second.end();
    SpanData data = (SpanData) first;
    assertThat(data.attributes().get("k")).isEqualTo("v");
    assertThat(data.links()).hasSize(1);
  }
}
