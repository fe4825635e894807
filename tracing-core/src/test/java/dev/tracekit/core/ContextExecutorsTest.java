package dev.tracekit.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

// Scopes are opened for their effect on the current context, not referenced: the point of them.
@SuppressWarnings("try")
class ContextExecutorsTest {

  private final ExecutorService pool = Executors.newSingleThreadExecutor();
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stop() {
    pool.shutdownNow();
    scheduler.shutdownNow();
  }

  private static Context ctx(long spanId) {
    return Context.root()
        .with(Span.wrap(TraceContext.create(1, 2, spanId, TraceFlags.SAMPLED, TraceState.empty(), false)))
        .with(Baggage.empty().with("tenant", "t" + spanId));
  }

  private static long currentSpanId() {
    return Context.currentSpan().context().spanId();
  }

  @Test
  void executorRunsTaskWithSubmittersContextAndRestoresWorker() throws Exception {
    CompletableFuture<Long> seen = new CompletableFuture<>();
    CompletableFuture<Long> after = new CompletableFuture<>();
    try (Scope s = ctx(7).makeCurrent()) {
      ContextExecutors.wrap((java.util.concurrent.Executor) pool)
          .execute(() -> seen.complete(currentSpanId()));
    }
    pool.execute(() -> after.complete(currentSpanId()));
    assertThat(seen.get(30, TimeUnit.SECONDS)).isEqualTo(7);
    assertThat(after.get(30, TimeUnit.SECONDS)).isZero();
  }

  @Test
  void executorServiceSubmitCarriesContextAndBaggage() throws Exception {
    ExecutorService wrapped = ContextExecutors.wrap(pool);
    Future<String> baggage;
    Future<Long> span;
    try (Scope s = ctx(8).makeCurrent()) {
      baggage = wrapped.submit(() -> Context.current().baggage().get("tenant"));
      span = wrapped.submit(ContextExecutorsTest::currentSpanId);
    }
    assertThat(baggage.get(30, TimeUnit.SECONDS)).isEqualTo("t8");
    assertThat(span.get(30, TimeUnit.SECONDS)).isEqualTo(8);
  }

  @Test
  void invokeAllAndInvokeAnyCarryContext() throws Exception {
    ExecutorService wrapped = ContextExecutors.wrap(pool);
    Callable<Long> task = ContextExecutorsTest::currentSpanId;
    List<Future<Long>> all;
    Long any;
    try (Scope s = ctx(9).makeCurrent()) {
      all = wrapped.invokeAll(List.of(task, task));
      any = wrapped.invokeAny(List.of(task));
    }
    for (Future<Long> f : all) {
      assertThat(f.get()).isEqualTo(9);
    }
    assertThat(any).isEqualTo(9);
  }

  @Test
  void contextIsTakenAtSubmitTimeNotRunTime() throws Exception {
    ExecutorService wrapped = ContextExecutors.wrap(pool);
    CompletableFuture<Void> gate = new CompletableFuture<>();
    pool.execute(gate::join); // holds the worker until both submissions are in
    Future<Long> first;
    Future<Long> second;
    try (Scope s = ctx(1).makeCurrent()) {
      first = wrapped.submit(ContextExecutorsTest::currentSpanId);
    }
    try (Scope s = ctx(2).makeCurrent()) {
      second = wrapped.submit(ContextExecutorsTest::currentSpanId);
    }
    gate.complete(null);
    assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo(2);
  }

  @Test
  void scheduledExecutorCarriesContext() throws Exception {
    ScheduledExecutorService wrapped = ContextExecutors.wrap(scheduler);
    Future<Long> later;
    try (Scope s = ctx(5).makeCurrent()) {
      later = wrapped.schedule(ContextExecutorsTest::currentSpanId, 1, TimeUnit.MILLISECONDS);
    }
    assertThat(later.get(30, TimeUnit.SECONDS)).isEqualTo(5);
  }

  @Test
  void spanStartedInWrappedTaskIsChildOfSubmittingSpan() throws Exception {
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    try (TraceKit tk = TraceKit.builder().spanExporter(exporter).build()) {
      Span parent = tk.tracer().spanBuilder("parent").startSpan();
      Future<Span> child;
      try (Scope s = Context.current().with(parent).makeCurrent()) {
        child = ContextExecutors.wrap(pool).submit(() -> tk.tracer().spanBuilder("child").startSpan());
      }
      Span c = child.get(30, TimeUnit.SECONDS);
      assertThat(((SpanData) c).parentSpanId()).isEqualTo(parent.context().spanId());
      assertThat(c.context().traceIdLow()).isEqualTo(parent.context().traceIdLow());
    }
  }
}
