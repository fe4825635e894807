package dev.tracekit.bench.ingest;

import dev.tracekit.bench.harness.ProcStat;
import dev.tracekit.bench.harness.ServerProcess;
import dev.tracekit.core.SpanData;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Timed ingest rounds and memory checkpoints against {@link SpanServer}s. A round's time runs
 * from the first request until the server reports every acknowledged span stored (our memory
 * store acknowledges when a batch is queued, so the queue's drain is part of the round), and its
 * CPU is the server JVM's user + system time over the same interval.
 */
final class IngestSession {

  private static final long STORE_TIMEOUT_NANOS = 300_000_000_000L;

  /** One server's result for one round. */
  record Round(String system, String format, int round, long spans, double seconds, double cpuSeconds,
      double clientCpuSeconds, long non2xx, long ioErrors, long lost) {

    double spansPerSecond() {
      return spans / seconds;
    }

    double cpuMicrosPerSpan() {
      return cpuSeconds * 1e6 / spans;
    }

    double clientCpuMicrosPerSpan() {
      return clientCpuSeconds * 1e6 / spans;
    }
  }

  /** Heap in use after a full GC with {@code spans} stored, against the empty server's. */
  record Memory(String system, long spans, long heapUsedBytes, long baselineBytes, long rssBytes) {

    double bytesPerSpan() {
      return (double) (heapUsedBytes - baselineBytes) / spans;
    }
  }

  private final LoadClient client;

  IngestSession(LoadClient client) {
    this.client = client;
  }

  /** Encodes export batches in one wire format (outside any timed interval). */
  static List<LoadClient.Body> encode(List<List<SpanData>> batches, WireFormat format) {
    List<LoadClient.Body> bodies = new ArrayList<>(batches.size());
    for (List<SpanData> batch : batches) {
      bodies.add(new LoadClient.Body(format.encode(batch), batch.size()));
    }
    return bodies;
  }

  /**
   * Sends {@code bodies} and waits until the server holds {@code storedBefore} plus what it
   * acknowledged.
   */
  Round round(SpanServer server, WireFormat format, List<LoadClient.Body> bodies, long storedBefore, int round)
      throws IOException, InterruptedException {
    ServerProcess process = server.process();
    long clientCpuBefore = ProcStat.cpuNanos(ProcessHandle.current().pid());
    long cpuBefore = process.cpuNanos();
    long started = System.nanoTime();
    LoadClient.Outcome outcome = client.send(process.baseUrl(), format, bodies);
    long target = storedBefore + outcome.spansAcknowledged();
    long stored;
    while ((stored = server.storedSpans()) < target) {
      if (System.nanoTime() - started > STORE_TIMEOUT_NANOS) {
        throw new IOException(server.label() + " acknowledged " + outcome.spansAcknowledged() + " spans but holds only "
            + (stored - storedBefore) + " of them after " + STORE_TIMEOUT_NANOS / 1_000_000_000L + " s");
      }
      Thread.sleep(2);
    }
    long elapsed = System.nanoTime() - started;
    long cpu = process.cpuNanos() - cpuBefore;
    long clientCpu = ProcStat.cpuNanos(ProcessHandle.current().pid()) - clientCpuBefore;
    return new Round(server.label(), format.label, round, outcome.spansAcknowledged(), elapsed / 1e9, cpu / 1e9,
        clientCpu / 1e9, outcome.non2xxTotal(), outcome.ioErrors(), outcome.spansLost());
  }

  static Memory memory(SpanServer server, long spans, long baseline) throws IOException, InterruptedException {
    long used = server.process().heapUsedAfterFullGc();
    return new Memory(server.label(), spans, used, baseline, server.process().rssBytes());
  }

  static String progress(Round r) {
    return String.format(Locale.ROOT, "  round %2d  %-34s %9.0f spans/s  %6.2f µs CPU/span  %4.1f s%s", r.round(),
        r.system() + " ← " + r.format(), r.spansPerSecond(), r.cpuMicrosPerSpan(), r.seconds(),
        r.non2xx() + r.ioErrors() + r.lost() > 0
            ? "  (non-2xx " + r.non2xx() + ", I/O errors " + r.ioErrors() + ", lost " + r.lost() + ")"
            : "");
  }
}
