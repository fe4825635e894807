package dev.tracekit.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarksDocTest {

  @Test
  void replacesEachSectionWithItsResultAndKeepsTheProse(@TempDir Path results) throws Exception {
    Files.writeString(results.resolve("ingest.md"), "| a | $1 |\n\n");
    String doc = """
        # Benchmarks
        Prose before.
        <!-- bench:ingest -->
        old table
        <!-- /bench:ingest -->
        Prose between.
        <!-- bench:scale -->
        <!-- /bench:scale -->
        Prose after.
        """;
    String spliced = BenchmarksDoc.splice(doc, results);
    assertThat(spliced).isEqualTo("""
        # Benchmarks
        Prose before.
        <!-- bench:ingest -->

        | a | $1 |

        <!-- /bench:ingest -->
        Prose between.
        <!-- bench:scale -->

        _Not measured yet: no `benchmarks/results/scale.md`._

        <!-- /bench:scale -->
        Prose after.
        """);
    assertThat(BenchmarksDoc.splice(spliced, results)).isEqualTo(spliced);
  }

  @Test
  void theGoalsSectionCollectsEveryVerdictInPartOrder(@TempDir Path results) throws Exception {
    Files.writeString(results.resolve("query-memory.md"), """
        | table |
        - search ≤ 50 ms (TraceKit): **met** — p50 2 ms
        - a plain list item without a verdict
        """);
    Files.writeString(results.resolve("ingest.md"), "Goals:\n\n- ingest ≥ 10× Zipkin's spans/s: **missed** — 0.9×\n");
    String spliced = BenchmarksDoc.splice("<!-- bench:goals -->\n<!-- /bench:goals -->\n", results);
    assertThat(spliced).isEqualTo("""
        <!-- bench:goals -->

        - ingest ≥ 10× Zipkin's spans/s: **missed** — 0.9×
        - search ≤ 50 ms (TraceKit): **met** — p50 2 ms

        <!-- /bench:goals -->
        """);
  }
}
