package dev.tracekit.bench.ingest;

import dev.tracekit.core.Ids;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.SplittableRandom;

/**
 * Proves that a server stored what it acknowledged: its own count equals the spans sent, it
 * reports nothing dropped, and sampled traces read back whole. A throughput figure for spans
 * that were not kept would be worthless.
 */
final class StoredCheck {

  private StoredCheck() {}

  record Outcome(boolean ok, String text) {}

  static Outcome check(SpanServer server, long sent, long[] traceIds, int samples, int spansPerTrace)
      throws IOException, InterruptedException {
    long stored = server.storedSpans();
    long dropped = server.droppedSpans();
    SplittableRandom random = new SplittableRandom(11);
    int whole = 0;
    for (int i = 0; i < samples; i++) {
      int t = random.nextInt(traceIds.length / 2);
      HttpResponse<byte[]> response = Http.get(server.traceUri(Ids.toHex(traceIds[2 * t], traceIds[2 * t + 1])));
      if (response.statusCode() == 200 && server.spansInTrace(response.body()) == spansPerTrace) {
        whole++;
      }
    }
    boolean ok = stored == sent && dropped == 0 && whole == samples;
    return new Outcome(ok, String.format(java.util.Locale.ROOT,
        "%s: sent %,d spans, server reports %,d stored and %,d dropped; %d of %d sampled traces read back with all %d spans%s",
        server.label(), sent, stored, dropped, whole, samples, spansPerTrace, ok ? "" : " — CHECK FAILED"));
  }
}
