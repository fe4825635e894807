package dev.tracekit.collector.live;

import dev.tracekit.collector.storage.SpanStore;
import dev.tracekit.collector.storage.StoredTrace;
import dev.tracekit.collector.storage.TraceId;
import dev.tracekit.collector.storage.listen.StoreWriteListener;
import dev.tracekit.core.LogRecordData;
import dev.tracekit.core.SpanData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Turns stored batches into live trace events for {@code /api/live}.
 *
 * <p>The store's writer thread only notes which traces got new spans, in a bounded set (the
 * oldest pending trace is skipped when it is full); it never reads the store and never waits.
 * A ticker on its own thread takes pending traces, reads each one's current summary from the
 * store and multicasts it. So a trace that got spans in several batches between two ticks makes
 * one event (coalesced), and at most {@code maxEventsPerSecond} events leave per second however
 * fast spans come in. Every subscriber has its own bounded buffer that drops its oldest events
 * when the client reads too slowly; a slow client never holds up the others or ingest.
 * Nothing is tracked while nobody listens.
 */
public final class LiveTraceFeed implements StoreWriteListener, SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(LiveTraceFeed.class);
  /** Ticks per second; each tick sends up to a tick's share of the events per second. */
  private static final int TICKS_PER_SECOND = 4;

  private final SpanStore store;
  private final int eventsPerTick;
  private final int maxPendingTraces;
  private final int subscriberBuffer;
  private final LinkedHashSet<TraceId> pending = new LinkedHashSet<>();
  /** Replaced on a start after a stop: a stopped stream stays completed for its subscribers. */
  private volatile Streams streams = new Streams();
  private final AtomicLong skippedTraces = new AtomicLong();
  private final AtomicLong droppedEvents = new AtomicLong();
  private final AtomicLong sentEvents = new AtomicLong();
  private volatile Scheduler ticker;
  private volatile Disposable ticks;

  /**
   * @param maxEventsPerSecond events sent per second at most (to every subscriber alike)
   * @param maxPendingTraces traces waiting for their event at most; beyond, the oldest is skipped
   * @param subscriberBuffer events buffered per subscriber at most; beyond, its oldest is dropped
   */
  public LiveTraceFeed(SpanStore store, int maxEventsPerSecond, int maxPendingTraces, int subscriberBuffer) {
    if (maxEventsPerSecond < TICKS_PER_SECOND || maxPendingTraces < 1 || subscriberBuffer < 1) {
      throw new IllegalArgumentException("max-events-per-second must be at least " + TICKS_PER_SECOND
          + ", max-pending-traces and subscriber-buffer at least 1");
    }
    this.store = store;
    this.eventsPerTick = maxEventsPerSecond / TICKS_PER_SECOND;
    this.maxPendingTraces = maxPendingTraces;
    this.subscriberBuffer = subscriberBuffer;
  }

  @Override
  public void written(List<SpanData> spans, List<LogRecordData> logs) {
    if (spans.isEmpty() || streams.sink.currentSubscriberCount() == 0) {
      return;
    }
    long skipped = 0;
    synchronized (pending) {
      TraceId last = null;
      for (SpanData span : spans) {
        TraceId id = TraceId.of(span);
        if (id.equals(last)) {
          continue;
        }
        last = id;
        if (pending.add(id) && pending.size() > maxPendingTraces) {
          Iterator<TraceId> oldest = pending.iterator();
          oldest.next();
          oldest.remove();
          skipped++;
        }
      }
    }
    if (skipped > 0) {
      skippedTraces.addAndGet(skipped);
    }
  }

  /**
   * The events for one subscriber: live traces from now on, through a buffer of its own that
   * drops the oldest when full. Completes when the collector stops.
   */
  public Flux<LiveTrace> subscribe() {
    Streams current = streams;
    return current.sink.asFlux()
        .onBackpressureBuffer(subscriberBuffer, dropped -> droppedEvents.incrementAndGet(),
            BufferOverflowStrategy.DROP_OLDEST)
        .takeUntilOther(current.stopped.asMono());
  }

  /** Completes when the collector stops, so that open streams end instead of holding up shutdown. */
  public Mono<Void> stopped() {
    return streams.stopped.asMono();
  }

  public int subscribers() {
    return streams.sink.currentSubscriberCount();
  }

  /** Traces that got new spans but no event because too many were pending, since start. */
  public long skippedTraces() {
    return skippedTraces.get();
  }

  /** Events a slow subscriber's full buffer dropped, since start (summed over subscribers). */
  public long droppedEvents() {
    return droppedEvents.get();
  }

  /** Events multicast, since start. */
  public long sentEvents() {
    return sentEvents.get();
  }

  /** Sends the events of one tick; package-private so tests can tick without a clock. */
  void tick() {
    List<TraceId> due = new ArrayList<>(eventsPerTick);
    synchronized (pending) {
      Iterator<TraceId> it = pending.iterator();
      while (it.hasNext() && due.size() < eventsPerTick) {
        due.add(it.next());
        it.remove();
      }
    }
    Sinks.Many<LiveTrace> sink = streams.sink;
    for (TraceId id : due) {
      if (sink.currentSubscriberCount() == 0) {
        return;
      }
      Optional<StoredTrace> trace;
      try {
        trace = store.getTrace(id);
      } catch (RuntimeException e) {
        log.debug("The live view could not read trace {}: {}", id, e.getMessage());
        continue;
      }
      if (trace.isPresent() && !trace.get().spans().isEmpty()) {
        // Best effort and serialized (only this thread emits): a failed emit means nobody listens.
        if (sink.tryEmitNext(LiveTrace.of(trace.get())).isSuccess()) {
          sentEvents.incrementAndGet();
        }
      }
    }
  }

  @Override
  public void start() {
    if (streams.stoppedOnce) {
      // Started again after a stop (a paused test context): new streams for new subscribers.
      streams = new Streams();
    }
    Duration period = Duration.ofMillis(1_000 / TICKS_PER_SECOND);
    ticker = Schedulers.newSingle("tracekit-live", true);
    ticks = Flux.interval(period, period, ticker)
        .onBackpressureDrop()
        .subscribe(t -> {
          try {
            tick();
          } catch (RuntimeException e) {
            log.warn("The live view skipped a tick after an unexpected error: {}", e.toString());
          }
        });
  }

  @Override
  public void stop() {
    Streams current = streams;
    current.stoppedOnce = true;
    current.stopped.tryEmitEmpty();
    current.sink.tryEmitComplete();
    Disposable d = ticks;
    if (d != null) {
      d.dispose();
      ticker.dispose();
    }
    ticks = null;
  }

  @Override
  public boolean isRunning() {
    return ticks != null;
  }

  /** The multicast of one run (start to stop) and the signal that ends its subscribers' streams. */
  private static final class Streams {
    final Sinks.Many<LiveTrace> sink = Sinks.many().multicast().directBestEffort();
    final Sinks.Empty<Void> stopped = Sinks.empty();
    volatile boolean stoppedOnce;
  }

  /** Stops first of all (before the web server's graceful shutdown), so open streams end at once. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE;
  }
}
