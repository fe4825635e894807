package dev.tracekit.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AnalysisSettingsTest {

  @Test
  void defaultsAreTheDocumentedOnes() {
    AnalysisSettings d = AnalysisSettings.defaults();
    assertThat(d.nPlusOneMinRepeats()).isEqualTo(5);
    assertThat(d.nPlusOneMinTotal()).isEqualTo(Duration.ofMillis(50));
    assertThat(d.sequentialMinCalls()).isEqualTo(3);
    assertThat(d.sequentialMaxGap()).isEqualTo(Duration.ofMillis(50));
    assertThat(d.sequentialMinSaved()).isEqualTo(Duration.ofMillis(20));
    assertThat(d.retryMinAttempts()).isEqualTo(3);
    assertThat(d.slowNetworkMinGap()).isEqualTo(Duration.ofMillis(100));
    assertThat(d.slowNetworkMinRatio()).isEqualTo(2.0);
    assertThat(d.slowSpanMinSamples()).isEqualTo(20);
    assertThat(d.slowQueryMinDuration()).isEqualTo(Duration.ofMillis(100));
    assertThat(d.warningThreshold()).isEqualTo(Duration.ofMillis(100));
    assertThat(d.criticalThreshold()).isEqualTo(Duration.ofSeconds(1));
    assertThat(d.maxFindings()).isEqualTo(100);
    assertThat(d.maxSpanIdsPerFinding()).isEqualTo(100);
  }

  @Test
  void invalidValuesAreRejectedNamingTheSetting() {
    assertThatThrownBy(() -> AnalysisSettings.builder().nPlusOneMinRepeats(1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nPlusOneMinRepeats");
    assertThatThrownBy(() -> AnalysisSettings.builder().slowNetworkMinGap(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("slowNetworkMinGap");
    assertThatThrownBy(() -> AnalysisSettings.builder().slowNetworkMinRatio(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("slowNetworkMinRatio");
    assertThatThrownBy(() -> AnalysisSettings.builder().slowQueryMinDuration(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("slowQueryMinDuration");
    assertThatThrownBy(() -> AnalysisSettings.builder().warningThreshold(Duration.ofSeconds(5)).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("criticalThreshold");
  }
}
