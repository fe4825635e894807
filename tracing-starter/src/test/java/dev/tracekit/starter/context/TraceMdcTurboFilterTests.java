package dev.tracekit.starter.context;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import dev.tracekit.core.Context;
import dev.tracekit.core.Scope;
import dev.tracekit.core.Span;
import dev.tracekit.core.TraceContext;
import dev.tracekit.core.TraceState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class TraceMdcTurboFilterTests {

  private final LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();

  @BeforeEach
  void install() {
    TraceMdcTurboFilter.install(logback);
    MDC.clear();
  }

  private static Context contextWithSpan(long spanId) {
    return Context.root().with(Span.wrap(TraceContext.create(7L, spanId, spanId, 1, TraceState.empty(), false)));
  }

  @Test
  void hopsLeaveTheMdcAloneAndLogLinesCarryTheCurrentIds() {
    Context context = contextWithSpan(0x42L);
    try (Scope ignored = TraceMdc.switchTo(context)) {
      assertThat(MDC.get(TraceMdc.SPAN_ID)).isNull(); // nothing written on entering the scope
      assertThat(LoggedMdc.get(TraceMdc.TRACE_ID)).isEqualTo(context.span().context().traceIdHex());
      assertThat(LoggedMdc.get(TraceMdc.SPAN_ID)).isEqualTo("0000000000000042");
      assertThat(LoggedMdc.get(TraceMdc.TRACE_FLAGS)).isEqualTo("01");
    }
    assertThat(LoggedMdc.get(TraceMdc.TRACE_ID)).isNull();
    assertThat(LoggedMdc.get(TraceMdc.SPAN_ID)).isNull();
  }

  @Test
  void aLineAfterOtherCodeRewroteTheMdcStillCarriesTheCurrentIds() {
    Context outer = contextWithSpan(0x1L);
    Context inner = contextWithSpan(0x2L);
    try (Scope ignored = TraceMdc.switchTo(outer)) {
      assertThat(LoggedMdc.get(TraceMdc.SPAN_ID)).isEqualTo("0000000000000001");
      MDC.clear();
      assertThat(LoggedMdc.get(TraceMdc.SPAN_ID)).isEqualTo("0000000000000001");
      MDC.put(TraceMdc.SPAN_ID, "stale");
      try (Scope nested = TraceMdc.switchTo(inner)) {
        assertThat(LoggedMdc.get(TraceMdc.SPAN_ID)).isEqualTo("0000000000000002");
      }
      assertThat(LoggedMdc.get(TraceMdc.SPAN_ID)).isEqualTo("0000000000000001");
    }
  }

  @Test
  void aServerFilterScopeWritesTheMdcForCodeThatReadsItDirectly() {
    try (Scope ignored = TraceMdc.makeCurrent(contextWithSpan(0x5L))) {
      assertThat(MDC.get(TraceMdc.SPAN_ID)).isEqualTo("0000000000000005");
    }
    assertThat(MDC.get(TraceMdc.SPAN_ID)).isNull();
  }

  @Test
  void survivesLogbackBeingReconfigured() {
    logback.reset();
    try (Scope ignored = TraceMdc.switchTo(contextWithSpan(0x3L))) {
      assertThat(LoggedMdc.get(TraceMdc.SPAN_ID)).isEqualTo("0000000000000003");
    }
    assertThat(logback.getTurboFilterList()).filteredOn(f -> f instanceof TraceMdcTurboFilter).hasSize(1);
  }

  @Test
  void installingTwiceAddsOneFilter() {
    TraceMdcTurboFilter.install(logback);
    assertThat(logback.getTurboFilterList()).filteredOn(f -> f instanceof TraceMdcTurboFilter).hasSize(1);
  }
}
