package dev.tracekit.starter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.core.Baggage;
import dev.tracekit.core.Context;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RemoteFieldsPropagatorTests {

  private final RemoteFieldsPropagator propagator = new RemoteFieldsPropagator(List.of("x-request-id", "tenant"));

  private Map<String, String> inject(Baggage baggage) {
    Map<String, String> headers = new HashMap<>();
    propagator.inject(Context.root().with(baggage), headers, Map::put);
    return headers;
  }

  @Test
  void safeValuesAreWrittenAsTheirOwnHeaders() {
    assertThat(inject(Baggage.empty().with("x-request-id", "req 42\tok").with("tenant", "acme")))
        .containsEntry("x-request-id", "req 42\tok").containsEntry("tenant", "acme");
  }

  @Test
  void valuesThatCouldSplitOrBreakAHeaderAreNotWritten() {
    for (String unsafe : List.of("a\r\nX-Injected: yes", "a\nb", "a\rb", "nul\u0000", "del\u007f", "caf\u00e9",
        "\u2028")) {
      assertThat(inject(Baggage.empty().with("tenant", unsafe).with("x-request-id", "r1")))
          .as(unsafe).doesNotContainKey("tenant").containsEntry("x-request-id", "r1");
    }
  }
}
