package dev.tracekit.collector.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.collector.TestSpans;
import dev.tracekit.collector.storage.memory.InMemorySpanStore;
import dev.tracekit.core.Ids;
import dev.tracekit.core.SpanData;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;

/** The live feed over a real in-memory store, ticked by hand (no clock, no sleeping). */
class LiveTraceFeedTest {

  private final InMemorySpanStore store = new InMemorySpanStore(10_000, 10_000);

  private void store(LiveTraceFeed feed, List<SpanData> spans) {
    store.write(spans, List.of());
    feed.written(spans, List.of());
  }

  private static String hex(long trace) {
    return Ids.toHex(trace, trace);
  }

  private static List<String> ids(List<LiveTrace> events) {
    return events.stream().map(LiveTrace::traceId).toList();
  }

  @Test
  void spansOfOneTraceStoredBetweenTwoTicksMakeOneEventWithTheWholeTrace() {
    LiveTraceFeed feed = new LiveTraceFeed(store, 20, 100, 16);
    List<LiveTrace> events = new CopyOnWriteArrayList<>();
    Disposable subscription = feed.subscribe().subscribe(events::add);

    store(feed, List.of(TestSpans.root(1, "gateway", "GET /a", 0, 50_000)));
    store(feed, List.of(TestSpans.child(1, 2, "auth", "GET /auth", 5_000, 10_000)));
    store(feed, List.of(TestSpans.error(TestSpans.child(1, 3, "data", "GET /data", 20_000, 10_000))));
    feed.tick();

    assertThat(events).hasSize(1);
    LiveTrace trace = events.get(0);
    assertThat(trace.traceId()).isEqualTo(hex(1));
    assertThat(trace.rootName()).isEqualTo("GET /a");
    assertThat(trace.rootService()).isEqualTo("gateway");
    assertThat(trace.spanCount()).isEqualTo(3);
    assertThat(trace.errorCount()).isEqualTo(1);
    assertThat(trace.error()).isTrue();
    assertThat(trace.durationMicros()).isEqualTo(50_000);
    assertThat(trace.services()).containsExactly("auth", "data", "gateway");

    feed.tick();
    assertThat(events).hasSize(1);
    // New spans of a trace already announced make a new event.
    store(feed, List.of(TestSpans.child(1, 4, "data", "SELECT", 21_000, 1_000)));
    feed.tick();
    assertThat(events).hasSize(2);
    assertThat(events.get(1).spanCount()).isEqualTo(4);
    subscription.dispose();
  }

  @Test
  void eachTickSendsAtMostItsShareOfTheEventsPerSecondInArrivalOrder() {
    LiveTraceFeed feed = new LiveTraceFeed(store, 8, 100, 16); // 2 per tick at 4 ticks a second
    List<LiveTrace> events = new CopyOnWriteArrayList<>();
    Disposable subscription = feed.subscribe().subscribe(events::add);
    for (long t = 1; t <= 5; t++) {
      store(feed, List.of(TestSpans.root(t, "gateway", "GET /" + t, t, 1_000)));
    }

    feed.tick();
    assertThat(ids(events)).containsExactly(hex(1), hex(2));
    feed.tick();
    feed.tick();
    assertThat(ids(events)).containsExactly(hex(1), hex(2), hex(3), hex(4), hex(5));
    assertThat(feed.sentEvents()).isEqualTo(5);
    subscription.dispose();
  }

  @Test
  void oldestPendingTracesAreSkippedAndCountedBeyondTheBound() {
    LiveTraceFeed feed = new LiveTraceFeed(store, 20, 3, 16);
    List<LiveTrace> events = new CopyOnWriteArrayList<>();
    Disposable subscription = feed.subscribe().subscribe(events::add);
    List<SpanData> batch = new ArrayList<>();
    for (long t = 1; t <= 5; t++) {
      batch.add(TestSpans.root(t, "gateway", "GET /" + t, t, 1_000));
    }
    store(feed, batch);
    feed.tick();

    assertThat(ids(events)).containsExactly(hex(3), hex(4), hex(5));
    assertThat(feed.skippedTraces()).isEqualTo(2);
    subscription.dispose();
  }

  @Test
  void nothingIsTrackedWhileNobodyListens() {
    LiveTraceFeed feed = new LiveTraceFeed(store, 20, 100, 16);
    store(feed, List.of(TestSpans.root(1, "gateway", "GET /early", 0, 1_000)));
    List<LiveTrace> events = new CopyOnWriteArrayList<>();
    Disposable subscription = feed.subscribe().subscribe(events::add);
    feed.tick();
    assertThat(events).isEmpty();

    store(feed, List.of(TestSpans.root(2, "gateway", "GET /late", 0, 1_000)));
    feed.tick();
    assertThat(ids(events)).containsExactly(hex(2));
    subscription.dispose();
  }

  @Test
  void slowSubscriberLosesItsOldestEventsWhileOthersGetAll() {
    LiveTraceFeed feed = new LiveTraceFeed(store, 40, 100, 2);
    List<LiveTrace> fast = new CopyOnWriteArrayList<>();
    Disposable fastSubscription = feed.subscribe().subscribe(fast::add);
    List<LiveTrace> slow = new CopyOnWriteArrayList<>();
    BaseSubscriber<LiveTrace> stalled = new BaseSubscriber<>() {
      @Override
      protected void hookOnSubscribe(Subscription subscription) {
        // Reads nothing until told to.
      }

      @Override
      protected void hookOnNext(LiveTrace value) {
        slow.add(value);
      }
    };
    feed.subscribe().subscribe(stalled);
    for (long t = 1; t <= 5; t++) {
      store(feed, List.of(TestSpans.root(t, "gateway", "GET /" + t, t, 1_000)));
    }
    feed.tick();

    assertThat(fast).hasSize(5);
    assertThat(slow).isEmpty();
    stalled.request(Long.MAX_VALUE);
    assertThat(ids(slow)).containsExactly(hex(4), hex(5));
    assertThat(feed.droppedEvents()).isEqualTo(3);
    fastSubscription.dispose();
    stalled.dispose();
  }

  @Test
  void stoppingCompletesOpenStreams() {
    LiveTraceFeed feed = new LiveTraceFeed(store, 20, 100, 16);
    feed.start();
    List<String> signals = new CopyOnWriteArrayList<>();
    feed.subscribe().subscribe(e -> signals.add("next"), e -> signals.add("error"), () -> signals.add("complete"));
    assertThat(feed.isRunning()).isTrue();

    feed.stop();

    assertThat(signals).containsExactly("complete");
    assertThat(feed.isRunning()).isFalse();
    assertThat(feed.subscribers()).isZero();
  }

  @Test
  void startingAgainAfterAStopServesNewSubscribers() {
    LiveTraceFeed feed = new LiveTraceFeed(store, 20, 100, 16);
    feed.start();
    feed.stop();
    feed.start();
    List<LiveTrace> events = new CopyOnWriteArrayList<>();
    Disposable subscription = feed.subscribe().subscribe(events::add);
    store(feed, List.of(TestSpans.root(7, "gateway", "GET /again", 0, 1_000)));
    feed.tick();

    assertThat(ids(events)).containsExactly(hex(7));
    subscription.dispose();
    feed.stop();
  }
}
