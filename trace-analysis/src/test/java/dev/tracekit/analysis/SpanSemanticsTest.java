package dev.tracekit.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpanSemanticsTest {

  @Test
  void urlHostDropsSchemeUserInfoPortAndPath() {
    assertThat(SpanSemantics.urlHost("http://user:pw@auth.internal:8443/v1/check?x=1")).isEqualTo("auth.internal");
    assertThat(SpanSemantics.urlHost("https://[::1]:9000/x")).isEqualTo("[::1]");
    assertThat(SpanSemantics.urlHost("http://data")).isEqualTo("data");
    assertThat(SpanSemantics.urlHost("/relative/path")).isNull();
    assertThat(SpanSemantics.urlHost("http://")).isNull();
  }

  @Test
  void urlPathDropsQueryAndFragment() {
    assertThat(SpanSemantics.urlPath("http://data:8080/items/7?fields=all#top")).isEqualTo("/items/7");
    assertThat(SpanSemantics.urlPath("http://data:8080")).isEqualTo("/");
    assertThat(SpanSemantics.urlPath("http://data?x")).isEqualTo("/");
    assertThat(SpanSemantics.urlPath("not a url")).isNull();
  }
}
