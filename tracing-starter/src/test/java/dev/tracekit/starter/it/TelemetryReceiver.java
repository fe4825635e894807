package dev.tracekit.starter.it;

import static org.awaitility.Awaitility.await;

import dev.tracekit.core.ExportResult;
import dev.tracekit.core.LogRecordData;
import dev.tracekit.core.LogRecordExporter;
import dev.tracekit.core.SpanData;
import dev.tracekit.core.SpanExporter;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Collects the spans and logs that test applications export. */
final class TelemetryReceiver implements AutoCloseable {

  private final List<SpanData> spans = new CopyOnWriteArrayList<>();
  private final List<LogRecordData> logs = new CopyOnWriteArrayList<>();

  /** Makes {@code app} export to this receiver. */
  SpringApplicationBuilder exportTo(SpringApplicationBuilder app) {
    SpanExporter spanExporter =
        batch -> {
          spans.addAll(batch);
          return ExportResult.SUCCESS;
        };
    LogRecordExporter logExporter =
        batch -> {
          logs.addAll(batch);
          return ExportResult.SUCCESS;
        };
    return app.initializers(
        context -> {
          context.getBeanFactory().registerSingleton("receiverSpanExporter", spanExporter);
          context.getBeanFactory().registerSingleton("receiverLogExporter", logExporter);
        })
        .properties("tracekit.exporter.schedule-delay=50ms");
  }

  List<SpanData> spans() {
    return List.copyOf(spans);
  }

  List<LogRecordData> logs() {
    return List.copyOf(logs);
  }

  List<SpanData> trace(String traceId) {
    return spans.stream().filter(s -> s.traceIdHex().equals(traceId)).toList();
  }

  /** Waits (generously: the machine is slow, this is no timing assertion) until the spans satisfy {@code condition}. */
  List<SpanData> awaitSpans(Predicate<List<SpanData>> condition) {
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(this::spans, condition);
    return spans();
  }

  List<SpanData> awaitTrace(String traceId, int count) {
    awaitSpans(all -> all.stream().filter(s -> s.traceIdHex().equals(traceId)).count() >= count);
    return trace(traceId);
  }

  List<LogRecordData> awaitLogs(Predicate<List<LogRecordData>> condition) {
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(this::logs, condition);
    return logs();
  }

  void clear() {
    spans.clear();
    logs.clear();
  }

  @Override
  public void close() {}

  static <T> boolean any(Collection<T> items, Predicate<T> test) {
    return items.stream().anyMatch(test);
  }
}
