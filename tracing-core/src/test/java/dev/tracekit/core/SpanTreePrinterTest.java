package dev.tracekit.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

// Scopes are opened for their effect on the current context, not referenced: the point of them.
@SuppressWarnings("try")
class SpanTreePrinterTest {

  private static final long MS = 1_000_000L;
  private static final Resource GATEWAY = new Resource(Attributes.builder().put("service.name", "gateway").build());
  private static final Resource DATA = new Resource(Attributes.builder().put("service.name", "data").build());

  private static SpanData span(
      long traceLow, long id, long parent, String name, Resource res, long startMs, long endMs, SpanKind kind) {
    return SpanData.builder()
        .context(TraceContext.create(0, traceLow, id, TraceFlags.SAMPLED, TraceState.empty(), false))
        .parentSpanId(parent)
        .name(name)
        .kind(kind)
        .resource(res)
        .startEpochNanos(startMs * MS)
        .endEpochNanos(endMs * MS)
        .build();
  }

  @Test
  void rendersNestedTreeOrderedByStartWithDurationsServiceKindAndErrors() {
    SpanData root = SpanData.builder()
        .context(TraceContext.create(0, 1, 1, 1, TraceState.empty(), false))
        .name("GET /orders/{id}")
        .kind(SpanKind.SERVER)
        .resource(GATEWAY)
        .startEpochNanos(0)
        .endEpochNanos(12 * MS + 410_000)
        .attributes(Attributes.builder().put("http.route", "/orders/{id}").put("noise", "x").build())
        .build();
    SpanData second = span(1, 3, 1, "SELECT orders", DATA, 5, 7, SpanKind.CLIENT);
    SpanData failing = SpanData.builder()
        .context(TraceContext.create(0, 1, 4, 1, TraceState.empty(), false))
        .parentSpanId(3)
        .name("query")
        .resource(DATA)
        .startEpochNanos(5 * MS)
        .endEpochNanos(6 * MS)
        .status(StatusCode.ERROR, "timeout")
        .events(List.of(new EventData(6 * MS, "exception",
            Attributes.builder().put("exception.type", "java.sql.SQLTimeoutException").build())))
        .build();
    SpanData first = span(1, 2, 1, "auth", GATEWAY, 1, 4, SpanKind.CLIENT);

    String out = SpanTreePrinter.render(List.of(failing, second, root, first));

    assertThat(out).isEqualTo(
        "trace 00000000000000000000000000000001\n"
            + "└─ GET /orders/{id} [gateway] 12.41 ms SERVER http.route=/orders/{id}\n"
            + "   ├─ auth [gateway] 3.00 ms CLIENT\n"
            + "   └─ SELECT orders [data] 2.00 ms CLIENT\n"
            + "      └─ query [data] 1.00 ms INTERNAL ERROR(timeout) exception=java.sql.SQLTimeoutException\n");
  }

  @Test
  void orphansAreShownAtTopLevelWithTheMissingParent() {
    SpanData root = span(1, 1, 0, "root", GATEWAY, 0, 10, SpanKind.SERVER);
    SpanData orphan = span(1, 5, 0x99, "orphan", DATA, 2, 3, SpanKind.SERVER);
    String out = SpanTreePrinter.render(List.of(orphan, root));
    assertThat(out).contains("├─ root [gateway]")
        .contains("└─ orphan [data] 1.00 ms SERVER (parent 0000000000000099 not here)");
  }

  @Test
  void separateTracesAreRenderedSeparatelyAndCyclesTerminate() {
    SpanData a = span(1, 1, 2, "a", GATEWAY, 0, 1, SpanKind.INTERNAL);
    SpanData b = span(1, 2, 1, "b", GATEWAY, 0, 1, SpanKind.INTERNAL); // a <-> b: broken input
    SpanData other = span(2, 1, 0, "other trace", DATA, 5, 6, SpanKind.INTERNAL);
    String out = SpanTreePrinter.render(List.of(a, b, other));
    assertThat(out).contains("trace 00000000000000000000000000000001")
        .contains("trace 00000000000000000000000000000002")
        .contains("other trace")
        .contains("─ a [gateway]")
        .contains("─ b [gateway]");
    assertThat(SpanTreePrinter.render(List.of())).isEmpty();
  }

  @Test
  void rendersRealSpansFromTheTracer() {
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    try (TraceKit tk = TraceKit.builder().serviceName("demo").spanExporter(exporter).build()) {
      Span parent = tk.tracer().spanBuilder("parent").setKind(SpanKind.SERVER).startSpan();
      try (Scope s = Context.current().with(parent).makeCurrent()) {
        tk.tracer().spanBuilder("child").startSpan().setAttribute("db.system", "h2").end();
      }
      parent.end();
      tk.flush(java.time.Duration.ofSeconds(30));
      String out = SpanTreePrinter.render(exporter.spans());
      assertThat(out).containsPattern("└─ parent \\[demo] \\d+\\.\\d\\d ms SERVER\n   └─ child \\[demo] .* db.system=h2\n");
    }
  }
}
