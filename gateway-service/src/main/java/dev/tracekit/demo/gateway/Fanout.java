package dev.tracekit.demo.gateway;

import reactor.core.publisher.Mono;

/**
 * Runs three independent downstream calls and combines their answers: all at once normally,
 * one after another in the {@code sequential} scenario (the slow shape the trace analysis
 * should flag, since none of the calls needs another's answer).
 */
final class Fanout {

    private Fanout() {
    }

    @FunctionalInterface
    interface Combiner<A, B, C, R> {
        R apply(A first, B second, C third);
    }

    static <A, B, C, R> Mono<R> join(Scenario scenario, Mono<A> first, Mono<B> second, Mono<C> third,
            Combiner<A, B, C, R> combine) {
        if (scenario == Scenario.SEQUENTIAL) {
            return first.flatMap(a -> second.flatMap(b -> third.map(c -> combine.apply(a, b, c))));
        }
        return Mono.zip(first, second, third).map(all -> combine.apply(all.getT1(), all.getT2(), all.getT3()));
    }
}
