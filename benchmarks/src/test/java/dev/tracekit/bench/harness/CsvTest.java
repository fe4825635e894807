package dev.tracekit.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {

  @Test
  void fieldsWithCommasAndQuotesRoundTrip(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("r.csv");
    Files.writeString(file, Csv.line("system", "note") + Csv.line("Zipkin, 3.5.1", "said \"hi\"") + Csv.line("x", null));
    assertThat(Csv.read(file)).containsExactly(
        java.util.List.of("Zipkin, 3.5.1", "said \"hi\""),
        java.util.List.of("x", ""));
  }
}
