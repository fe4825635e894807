package dev.tracekit.demo.data;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Knobs of the demo scenarios.
 *
 * @param slowQueryPause how long the catalog and recommendation queries pause in the
 *        {@code slow-query} scenario
 * @param retryFailures how many attempts of one call fail with 503 in the {@code retries}
 *        scenario before one succeeds
 * @param rememberedCalls how many calls the {@code retries} scenario remembers attempts of;
 *        the oldest are forgotten first
 */
@ConfigurationProperties("demo")
record DemoProperties(
        @DefaultValue("300ms") Duration slowQueryPause,
        @DefaultValue("3") int retryFailures,
        @DefaultValue("10000") int rememberedCalls) {

    DemoProperties {
        if (slowQueryPause.isNegative() || slowQueryPause.compareTo(Duration.ofSeconds(10)) > 0) {
            throw new IllegalArgumentException("demo.slow-query-pause must be between 0 and 10s, was " + slowQueryPause);
        }
        if (retryFailures < 0 || rememberedCalls < 1) {
            throw new IllegalArgumentException("demo.retry-failures must be >= 0 and demo.remembered-calls >= 1");
        }
    }
}
