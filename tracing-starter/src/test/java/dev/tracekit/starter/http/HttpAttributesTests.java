package dev.tracekit.starter.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.core.TraceContext;
import dev.tracekit.core.TraceState;
import org.junit.jupiter.api.Test;

class HttpAttributesTests {

  @Test
  void unknownMethodsAreOtherAndNamedHttp() {
    assertThat(HttpAttributes.knownMethod("GET")).isEqualTo("GET");
    assertThat(HttpAttributes.knownMethod("PROPFIND")).isEqualTo("_OTHER");
    assertThat(HttpAttributes.spanName("_OTHER", "/x")).isEqualTo("HTTP /x");
    assertThat(HttpAttributes.spanName("GET", null)).isEqualTo("GET");
    assertThat(HttpAttributes.spanName("GET", "/orders/{id}")).isEqualTo("GET /orders/{id}");
  }

  @Test
  void traceResponseNamesTraceSpanAndFlags() {
    TraceContext context = TraceContext.create(0x1L, 0x2L, 0xabcL, 1, TraceState.empty(), false);
    assertThat(HttpAttributes.traceResponse(context))
        .isEqualTo("00-00000000000000010000000000000002-0000000000000abc-01");
  }
}
