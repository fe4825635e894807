package dev.tracekit.bench.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class IngestReportTest {

  private static IngestSession.Round round(String system, int n, double seconds, double cpuSeconds) {
    return new IngestSession.Round(system, "fmt", n, 100_000, seconds, cpuSeconds, 0.1, 0, 0, 0);
  }

  @Test
  void summaryIsTheMedianOfTheRoundsAfterTheWarmUp() {
    List<IngestSession.Round> rounds = List.of(
        round("ours", 1, 100, 10), round("peer", 1, 100, 10),
        round("ours", 2, 1, 1), round("peer", 2, 4, 2),
        round("ours", 3, 2, 1), round("peer", 3, 5, 2),
        round("ours", 4, 4, 1), round("peer", 4, 10, 2));
    List<IngestReport.Summary> summaries = IngestReport.summarize(rounds, 1);
    IngestReport.Summary ours = IngestReport.find(summaries, "ours");
    assertThat(ours.roundsCounted()).isEqualTo(3);
    assertThat(ours.medianSpansPerSecond()).isEqualTo(50_000);
    assertThat(ours.minSpansPerSecond()).isEqualTo(25_000);
    assertThat(ours.medianCpuMicrosPerSpan()).isEqualTo(10);
    assertThat(ours.spans()).isEqualTo(400_000);

    String table = IngestReport.throughputTable(summaries, "peer");
    assertThat(table).contains("| ours | fmt | 50,000 | 25,000 – 100,000 | 2.5× | 10.00 | 0.50× | 1.00 | 0 | 0 |");
    assertThat(table).contains("| peer | fmt | 20,000 | 10,000 – 25,000 | 1.0× | 20.00 | 1.0× | 1.00 | 0 | 0 |");
  }

  @Test
  void theRoundsCsvMarksTheWarmUpRoundsWhenAsked() {
    List<IngestSession.Round> rounds = List.of(round("ours", 1, 100, 10), round("ours", 2, 1, 1), round("ours", 3, 2, 1));

    List<String> marked = IngestReport.roundsCsv(rounds, 2).lines().toList();
    assertThat(marked.get(0)).endsWith(",lost,warmup");
    assertThat(marked.subList(1, 4)).extracting(line -> line.substring(line.lastIndexOf(',') + 1))
        .containsExactly("true", "true", "false");
    assertThat(IngestReport.roundsCsv(rounds).lines().findFirst().orElseThrow()).endsWith(",lost");
  }

  @Test
  void memoryPerSpanSubtractsTheEmptyServer() {
    IngestSession.Memory m = new IngestSession.Memory("ours", 1_000_000, 1_500_000_000L, 100_000_000L, 0);
    assertThat(m.bytesPerSpan()).isEqualTo(1_400);
  }

  @Test
  void ratiosKeepTwoSignificantDigits() {
    assertThat(IngestReport.ratio(12.4)).isEqualTo("12×");
    assertThat(IngestReport.ratio(1.54)).isEqualTo("1.5×");
    assertThat(IngestReport.ratio(0.754)).isEqualTo("0.75×");
    assertThat(IngestReport.ratio(0.000649)).isEqualTo("0.00065×");
  }

  @Test
  void spanCountsAreLabelledShort() {
    assertThat(IngestReport.spansLabel(100_000)).isEqualTo("100k");
    assertThat(IngestReport.spansLabel(5_000_000)).isEqualTo("5M");
    assertThat(IngestReport.spansLabel(1_500_000)).isEqualTo("1.5M");
    assertThat(IngestReport.spansLabel(1_250_000)).isEqualTo("1.25M");
    assertThat(IngestReport.spansLabel(1_234)).isEqualTo("1234");
  }
}
