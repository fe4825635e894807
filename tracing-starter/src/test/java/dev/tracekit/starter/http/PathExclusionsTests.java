package dev.tracekit.starter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PathExclusionsTests {

  @Test
  void actuatorPathsAreExcludedByTheDefaultPattern() {
    PathExclusions exclusions = new PathExclusions(List.of("/actuator/**"));
    assertThat(exclusions.isExcluded("/actuator")).isTrue();
    assertThat(exclusions.isExcluded("/actuator/health")).isTrue();
    assertThat(exclusions.isExcluded("/actuator/metrics/jvm.memory.used")).isTrue();
    assertThat(exclusions.isExcluded("/api/actuator")).isFalse();
    assertThat(exclusions.isExcluded("/orders/1")).isFalse();
  }

  @Test
  void noPatternsExcludeNothing() {
    assertThat(new PathExclusions(List.of()).isExcluded("/actuator/health")).isFalse();
  }
}
