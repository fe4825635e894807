package dev.tracekit.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.analysis.TraceFixture.Spec;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlowNetworkDetectorTest {

  private static List<Finding> slowNetwork(TraceAnalysis a) {
    return a.findings().stream().filter(f -> f.type() == FindingType.SLOW_NETWORK).toList();
  }

  @Test
  void firesWhenTheClientIsMuchLongerThanItsServer() {
    TraceFixture t = new TraceFixture();
    Spec root = t.root("gateway", "GET /").ms(0, 500);
    Spec client = root.http("GET /validate", "auth").ms(10, 430);
    Spec server = client.server("auth-service", "GET /validate").ms(200, 212);

    List<Finding> found = slowNetwork(t.analyze());

    assertThat(found).hasSize(1);
    assertThat(found.get(0).spanIds()).containsExactly(client.hex(), server.hex());
    assertThat(found.get(0).timeAtStakeMicros()).isEqualTo(408_000);
    assertThat(found.get(0).message()).isEqualTo("`GET /validate` from gateway took 420 ms but auth-service "
        + "handled it in 12.0 ms; 408 ms went to the network, connection setup or queueing in between.");
  }

  @Test
  void doesNotFireWhenTheGapIsUnderTheAbsoluteThreshold() {
    TraceFixture t = new TraceFixture();
    Spec root = t.root("gateway", "GET /").ms(0, 500);
    // Ten times as long, but only 90 ms apart.
    root.http("GET /validate", "auth").ms(10, 110).server("auth-service", "GET /validate").ms(55, 65);
    assertThat(slowNetwork(t.analyze())).isEmpty();
  }

  @Test
  void doesNotFireWhenClientAndServerAreClose() {
    TraceFixture t = new TraceFixture();
    Spec root = t.root("gateway", "GET /").ms(0, 2_000);
    // 200 ms apart, but the client is only 1.25 times the server.
    root.http("GET /report", "data").ms(10, 1_010).server("data-service", "GET /report").ms(110, 910);
    assertThat(slowNetwork(t.analyze())).isEmpty();
  }

  @Test
  void callsOfOneOperationMakeOneFinding() {
    TraceFixture t = new TraceFixture();
    Spec root = t.root("gateway", "GET /").ms(0, 2_000);
    for (int i = 0; i < 3; i++) {
      root.http("GET /validate", "auth").ms(i * 300L, i * 300L + 250)
          .server("auth-service", "GET /validate").ms(i * 300L + 100, i * 300L + 110);
    }
    List<Finding> found = slowNetwork(t.analyze());
    assertThat(found).hasSize(1);
    assertThat(found.get(0).spanCount()).isEqualTo(6);
    assertThat(found.get(0).timeAtStakeMicros()).isEqualTo(3 * 240_000);
    assertThat(found.get(0).message()).startsWith("3 calls `GET /validate` from gateway took 750 ms in total");
  }
}
