package dev.tracekit.collector.storage.postgres;

import static dev.tracekit.collector.TestSpans.child;
import static dev.tracekit.collector.TestSpans.root;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracekit.collector.storage.SpanStore;
import dev.tracekit.collector.storage.SpanStoreContractTest;
import dev.tracekit.collector.storage.TraceId;
import dev.tracekit.collector.storage.TraceQuery;
import dev.tracekit.collector.storage.TraceSummary;
import dev.tracekit.core.Attributes;
import dev.tracekit.core.SpanData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class PostgresSpanStoreTest extends SpanStoreContractTest {

  private static final String SCHEMA = TestDatabase.uniqueSchema();

  @Override
  protected SpanStore newStore() {
    PostgresSpanStore opened = PostgresSpanStore.open(TestDatabase.settings(SCHEMA));
    TestDatabase.execute("TRUNCATE " + SCHEMA + ".spans, " + SCHEMA + ".traces, " + SCHEMA + ".operations, "
        + SCHEMA + ".logs");
    return opened;
  }

  @AfterAll
  static void dropSchema() {
    TestDatabase.dropSchema(SCHEMA);
  }

  @Test
  void isDurable() {
    assertThat(store.durable()).isTrue();
  }

  @Test
  void collectorsSharingTheDatabaseSeeEachOthersSpans() {
    try (PostgresSpanStore other = PostgresSpanStore.open(TestDatabase.settings(SCHEMA))) {
      store.write(List.of(root(1, "api", "GET /", 0, 100)), List.of());
      other.write(List.of(child(1, 2, "db", "query", 10, 20)), List.of());

      assertThat(other.getTrace(new TraceId(1, 1)).orElseThrow().spans()).hasSize(2);
      assertThat(store.findTraces(TraceQuery.builder().service("db").build())).singleElement()
          .extracting(TraceSummary::spanCount).isEqualTo(2);
    }
  }

  @Test
  void concurrentWritersOfOneTraceKeepItsSummaryExact() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (PostgresSpanStore other = PostgresSpanStore.open(TestDatabase.settings(SCHEMA))) {
      List<SpanData> first = new ArrayList<>();
      List<SpanData> second = new ArrayList<>();
      for (int n = 2; n < 402; n++) {
        SpanData span = child(1, n, n % 2 == 0 ? "even" : "odd", "op" + (n % 7), n, 5);
        // Both collectors receive every span (a client retrying against another instance).
        first.add(span);
        second.add(span);
      }
      second.add(root(1, "gateway", "GET /", 0, 1_000));
      List<Callable<Void>> writes = List.of(
          () -> { store.write(first, List.of()); return null; },
          () -> { other.write(second, List.of()); return null; });
      for (Future<Void> f : pool.invokeAll(writes)) {
        f.get();
      }

      TraceSummary summary = store.findTraces(TraceQuery.builder().build()).get(0);
      assertThat(summary.spanCount()).isEqualTo(401);
      assertThat(summary.rootName()).isEqualTo("GET /");
      assertThat(summary.services()).containsExactly("even", "gateway", "odd");
      assertThat(store.operations("even")).containsExactly("op0", "op1", "op2", "op3", "op4", "op5", "op6");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void textWithNulCharactersIsStoredAndReturnedExactly() {
    SpanData span = dev.tracekit.collector.TestSpans.span(1, 101, 0, "api", "GET /\0x", 0, 10)
        .attributes(Attributes.builder().put("k\0", "v\0v").build()).build();

    store.write(List.of(span), List.of());

    SpanData stored = store.getTrace(new TraceId(1, 1)).orElseThrow().spans().get(0);
    assertThat(stored.name()).isEqualTo("GET /\0x");
    assertThat(stored.attributes()).isEqualTo(span.attributes());
    assertThat(store.findTraces(TraceQuery.builder().tag("k", "vv").build())).hasSize(1);
  }

  @Test
  void reopeningAnExistingSchemaKeepsItsData() {
    store.write(List.of(root(1, "api", "GET /", 0, 100)), List.of());
    store.close();

    store = PostgresSpanStore.open(TestDatabase.settings(SCHEMA));

    assertThat(store.getTrace(new TraceId(1, 1))).isPresent();
  }

  @Test
  void unreachableDatabaseFailsToOpenWithAClearMessage() {
    PostgresSettings nowhere = new PostgresSettings("jdbc:postgresql://127.0.0.1:1/test", "postgres", "",
        TestDatabase.uniqueSchema(), 1, Duration.ofSeconds(1), 0);

    assertThatThrownBy(() -> PostgresSpanStore.open(nowhere))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("127.0.0.1:1")
        .hasMessageContaining("tracekit.collector.storage.postgres");
  }
}
