package dev.tracekit.starter.context;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.core.Context;
import dev.tracekit.core.Span;
import dev.tracekit.core.TraceContext;
import dev.tracekit.core.TraceState;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

class TraceKitContextAccessorTests {

  @BeforeAll
  static void automaticPropagation() {
    Hooks.enableAutomaticContextPropagation();
  }

  private static Context contextWithSpan(long spanId) {
    return Context.root()
        .with(Span.wrap(TraceContext.create(7L, spanId, spanId, 1, TraceState.empty(), false)));
  }

  @Test
  void reactorOperatorsOnOtherThreadsSeeTheContextAndMdcIds() {
    Context context = contextWithSpan(0x1234L);
    String expected = context.span().context().traceIdHex();
    List<String> seen =
        Flux.range(0, 8)
            .publishOn(Schedulers.parallel())
            .map(i -> LoggedMdc.get(TraceMdc.TRACE_ID) + "|" + (Context.current() == context))
            .subscribeOn(Schedulers.boundedElastic())
            .contextWrite(reactor -> reactor.put(TraceKitContextAccessor.KEY, context))
            .collectList()
            .block();
    assertThat(seen).hasSize(8).containsOnly(expected + "|true");
  }

  @Test
  void threadsAreCleanAfterTheChain() {
    Context context = contextWithSpan(0x99L);
    Mono.just(1)
        .publishOn(Schedulers.single())
        .map(i -> i + 1)
        .contextWrite(reactor -> reactor.put(TraceKitContextAccessor.KEY, context))
        .block();
    String after =
        Mono.fromCallable(() -> LoggedMdc.get(TraceMdc.TRACE_ID) + "|" + Context.current().span().context().isValid())
            .subscribeOn(Schedulers.single())
            .block();
    assertThat(after).isEqualTo("null|false");
  }

  @Test
  void accessorCapturesNothingOutsideATrace() {
    assertThat(new TraceKitContextAccessor().getValue()).isNull();
  }
}
