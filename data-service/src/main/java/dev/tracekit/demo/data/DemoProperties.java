package dev.tracekit.demo.data;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Knobs of the demo scenarios.
 *
 * @param slowQueryPause how long the catalog and recommendation queries pause in the
 *        {@code slow-query} scenario
 * @param nPlusOneQueryPause how long each per-item query pauses in the {@code n-plus-one}
 *        scenario, as a query over a network takes: a dozen of them then cost what an N+1
 *        costs in production (the collector's analysis ignores N+1 patterns under 50 ms)
 * @param sequentialCallPause how much longer every call takes in the {@code sequential}
 *        scenario, as real work would: calls made one after another then visibly cost their
 *        sum (the analysis ignores sequences that parallel calls would shorten by under 20 ms)
 * @param retryFailures how many attempts of one call fail with 503 in the {@code retries}
 *        scenario before one succeeds
 * @param rememberedCalls how many calls the {@code retries} scenario remembers attempts of;
 *        the oldest are forgotten first
 */
@ConfigurationProperties("demo")
record DemoProperties(
        @DefaultValue("300ms") Duration slowQueryPause,
        @DefaultValue("10ms") Duration nPlusOneQueryPause,
        @DefaultValue("25ms") Duration sequentialCallPause,
        @DefaultValue("3") int retryFailures,
        @DefaultValue("10000") int rememberedCalls) {

    DemoProperties {
        if (slowQueryPause.isNegative() || slowQueryPause.compareTo(Duration.ofSeconds(10)) > 0) {
            throw new IllegalArgumentException("demo.slow-query-pause must be between 0 and 10s, was " + slowQueryPause);
        }
        for (Duration pause : new Duration[] {nPlusOneQueryPause, sequentialCallPause}) {
            if (pause.isNegative() || pause.compareTo(Duration.ofSeconds(1)) > 0) {
                throw new IllegalArgumentException(
                        "demo.n-plus-one-query-pause and demo.sequential-call-pause must be between 0 and 1s, was " + pause);
            }
        }
        if (retryFailures < 0 || rememberedCalls < 1) {
            throw new IllegalArgumentException("demo.retry-failures must be >= 0 and demo.remembered-calls >= 1");
        }
    }
}
