package dev.tracekit.collector.storage.memory;

import static dev.tracekit.collector.TestSpans.child;
import static dev.tracekit.collector.TestSpans.log;
import static dev.tracekit.collector.TestSpans.root;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracekit.collector.storage.LogQuery;
import dev.tracekit.collector.storage.SpanStore;
import dev.tracekit.collector.storage.SpanStoreContractTest;
import dev.tracekit.collector.storage.StoreStats;
import dev.tracekit.collector.storage.TraceId;
import dev.tracekit.collector.storage.TraceQuery;
import dev.tracekit.collector.storage.TraceSummary;
import dev.tracekit.core.LogRecordData;
import dev.tracekit.core.SpanData;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class InMemorySpanStoreTest extends SpanStoreContractTest {

  @Override
  protected SpanStore newStore() {
    return new InMemorySpanStore(1_000, 1_000);
  }

  @Test
  void evictsWholeOldestTracesBeforeABatchThatWouldExceedTheBound() {
    InMemorySpanStore small = new InMemorySpanStore(5, 10);
    small.write(List.of(root(1, "api", "GET /", 0, 10), child(1, 2, "db", "q", 1, 5)), List.of());
    small.write(List.of(root(2, "api", "GET /", 100, 10), child(2, 2, "db", "q", 101, 5)), List.of());
    small.write(List.of(root(3, "api", "GET /", 200, 10)), List.of());

    small.write(List.of(root(4, "api", "GET /", 300, 10), child(4, 2, "db", "q", 301, 5)), List.of());

    assertThat(small.getTrace(new TraceId(1, 1))).isEmpty();
    assertThat(small.findTraces(TraceQuery.builder().build())).extracting(TraceSummary::traceId)
        .containsExactly(new TraceId(4, 4), new TraceId(3, 3), new TraceId(2, 2));
    assertThat(small.getTrace(new TraceId(2, 2)).orElseThrow().spans()).hasSize(2);
    assertThat(small.stats()).isEqualTo(new StoreStats(5, 3, 0, 2, 0));
  }

  @Test
  void evictionRemovesIndexEntriesLeftEmpty() {
    InMemorySpanStore small = new InMemorySpanStore(2, 10);
    small.write(List.of(root(1, "legacy", "old-op", 0, 10)), List.of());
    small.write(List.of(root(2, "api", "GET /", 100, 10), child(2, 2, "api", "render", 101, 5)), List.of());

    assertThat(small.services()).containsExactly("api");
    assertThat(small.operations("legacy")).isEmpty();
    assertThat(small.findTraces(TraceQuery.builder().service("legacy").build())).isEmpty();
  }

  @Test
  void evictingATraceTakesItsLogsWithIt() {
    InMemorySpanStore small = new InMemorySpanStore(1, 10);
    small.write(List.of(root(1, "api", "GET /", 0, 10)), List.of(log(1, 101, "api", 1, 9, "of trace 1")));

    small.write(List.of(root(2, "api", "GET /", 100, 10)), List.of());

    assertThat(small.findLogs(LogQuery.builder().build())).isEmpty();
  }

  @Test
  void logBoundEvictsTheOldestLogs() {
    InMemorySpanStore small = new InMemorySpanStore(10, 3);
    for (int i = 1; i <= 5; i++) {
      small.write(List.of(), List.of(log(1, 101, "api", i, 9, "log" + i)));
    }

    assertThat(small.findLogs(LogQuery.builder().build())).extracting(LogRecordData::body)
        .containsExactly("log5", "log4", "log3");
    assertThat(small.stats().logs()).isEqualTo(3);
  }

  @Test
  void aBatchLargerThanTheBoundIsRefusedWhole() {
    InMemorySpanStore small = new InMemorySpanStore(1, 10);

    assertThatThrownBy(() -> small.write(List.of(root(1, "api", "a", 0, 1), root(2, "api", "b", 0, 1)), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(small.stats().spans()).isZero();
  }

  @Test
  void statsCountSpansTracesLogsAndExpiredSpans() {
    InMemorySpanStore memory = new InMemorySpanStore(100, 100);
    memory.write(List.of(root(1, "api", "GET /", 0, 10), child(1, 2, "db", "q", 1, 5)), List.of());
    memory.write(List.of(root(2, "api", "GET /", 100_000, 10)), List.of(log(1, 101, "api", 1, 9, "x")));

    memory.purgeBefore(dev.tracekit.collector.TestSpans.nanos(50_000));

    assertThat(memory.stats()).isEqualTo(new StoreStats(1, 1, 0, 0, 2));
  }

  @Test
  void readersSeeWholeBatchesWhileTheWriterEvicts() throws Exception {
    InMemorySpanStore small = new InMemorySpanStore(300, 10);
    AtomicBoolean writing = new AtomicBoolean(true);
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    CountDownLatch readersStarted = new CountDownLatch(2);
    List<Thread> readers = new ArrayList<>();
    for (int r = 0; r < 2; r++) {
      Thread reader = new Thread(() -> {
        readersStarted.countDown();
        try {
          while (writing.get()) {
            for (TraceSummary summary : small.findTraces(TraceQuery.builder().service("db").limit(50).build())) {
              // Every batch carries a whole trace of 3 spans: a reader never sees part of one.
              assertThat(summary.spanCount()).isEqualTo(3);
              List<SpanData> spans = small.getTrace(summary.traceId()).map(t -> t.spans()).orElse(List.of());
              assertThat(spans.size()).isIn(0, 3);
            }
          }
        } catch (Throwable t) {
          failures.add(t);
        }
      });
      reader.start();
      readers.add(reader);
    }
    readersStarted.await();
    for (int t = 1; t <= 2_000; t++) {
      small.write(List.of(root(t, "api", "GET /", t * 10L, 5), child(t, 2, "db", "q", t * 10L + 1, 2),
          child(t, 3, "db", "q2", t * 10L + 2, 2)), List.of());
    }
    writing.set(false);
    for (Thread reader : readers) {
      reader.join();
    }

    assertThat(failures).isEmpty();
    assertThat(small.stats().spans()).isEqualTo(300);
    assertThat(small.stats().evictedSpans()).isEqualTo(6_000 - 300);
  }
}
