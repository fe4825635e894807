package dev.tracekit.demo.data;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * Counts the attempts of each call in the {@code retries} scenario, so that the first
 * {@code demo.retry-failures} attempts of a call fail and the next one succeeds. Remembers a
 * bounded number of calls; the least recently seen are forgotten first.
 */
@Component
final class RetryBudget {

    private final int failures;
    private final Map<String, Integer> attempts;

    RetryBudget(DemoProperties properties) {
        this.failures = properties.retryFailures();
        int capacity = properties.rememberedCalls();
        this.attempts = new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Records one more attempt of {@code call} and returns its number, starting at 1. */
    int attempt(String call) {
        synchronized (attempts) {
            return attempts.merge(call, 1, Integer::sum);
        }
    }

    boolean fails(int attempt) {
        return attempt <= failures;
    }

    int failures() {
        return failures;
    }
}
