package dev.tracekit.demo.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;

import dev.tracekit.core.InMemorySpanExporter;
import dev.tracekit.core.SpanData;
import dev.tracekit.core.TraceKit;

/**
 * Keeps the spans an application exports in memory (instead of sending them to a collector),
 * so tests can look at the traces the demo produces.
 */
@TestConfiguration(proxyBeanMethods = false)
class SpanCapture {

    @Bean
    InMemorySpanExporter capturedSpans() {
        return InMemorySpanExporter.create();
    }

    /**
     * The spans of {@code traceId} the applications have ended, once {@code complete} holds for
     * them. Spans end a moment after the answer is sent, so this waits for them (ten seconds at
     * most, then returns what there is and lets the assertions say what is missing).
     */
    static List<SpanData> trace(String traceId, Predicate<List<SpanData>> complete, ApplicationContext... applications) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            List<SpanData> spans = new ArrayList<>();
            for (ApplicationContext application : applications) {
                application.getBean(TraceKit.class).flush(Duration.ofSeconds(5));
                application.getBean(InMemorySpanExporter.class).spans().stream()
                        .filter(span -> span.traceIdHex().equals(traceId))
                        .forEach(spans::add);
            }
            if (complete.test(spans) || System.nanoTime() > deadline) {
                return spans;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return spans;
            }
        }
    }

    /** The trace id of a W3C traceresponse header value ({@code 00-traceid-spanid-flags}). */
    static String traceId(String traceresponse) {
        if (traceresponse == null || traceresponse.length() < 35) {
            throw new AssertionError("no traceresponse header in the answer: " + traceresponse);
        }
        return traceresponse.substring(3, 35);
    }
}
