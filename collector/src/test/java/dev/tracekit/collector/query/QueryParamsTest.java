package dev.tracekit.collector.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class QueryParamsTest {

  @Test
  void durationsTakeUnitsOrPlainMicroseconds() {
    assertThat(QueryParams.durationNanos("d", "150ms")).isEqualTo(150_000_000L);
    assertThat(QueryParams.durationNanos("d", "1.5s")).isEqualTo(1_500_000_000L);
    assertThat(QueryParams.durationNanos("d", "250us")).isEqualTo(250_000L);
    assertThat(QueryParams.durationNanos("d", "250µs")).isEqualTo(250_000L);
    assertThat(QueryParams.durationNanos("d", "2m")).isEqualTo(120_000_000_000L);
    assertThat(QueryParams.durationNanos("d", "1h")).isEqualTo(3_600_000_000_000L);
    assertThat(QueryParams.durationNanos("d", "42")).isEqualTo(42_000L);
    assertThat(QueryParams.durationNanos("d", " 7MS ")).isEqualTo(7_000_000L);
  }

  @Test
  void badDurationsNameTheParameter() {
    for (String bad : new String[] {"", "ms", "-5ms", "1.2.3s", "5 parsecs", "9999999999999h"}) {
      assertThatThrownBy(() -> QueryParams.durationNanos("minDuration", bad)).as(bad)
          .isInstanceOf(BadRequestException.class).hasMessageContaining("minDuration");
    }
  }

  @Test
  void timesAreEpochMicrosIsoInstantsOrTimeAgo() {
    long now = 1_700_000_000_000_000_000L;

    assertThat(QueryParams.timeNanos("t", "1700000000000000", now)).isEqualTo(now);
    assertThat(QueryParams.timeNanos("t", "2023-11-14T22:13:20Z", now)).isEqualTo(now);
    assertThat(QueryParams.timeNanos("t", "2023-11-14T22:13:20.000000123Z", now)).isEqualTo(now + 123);
    assertThat(QueryParams.timeNanos("t", "-15m", now)).isEqualTo(now - 900_000_000_000L);
    assertThatThrownBy(() -> QueryParams.timeNanos("start", "yesterday", now)).hasMessageContaining("start");
    assertThatThrownBy(() -> QueryParams.timeNanos("end", "99999999999999999999", now)).hasMessageContaining("end");
  }

  @Test
  void limitsLevelsTagsAndIds() {
    assertThat(QueryParams.limit(null, 20, 1000)).isEqualTo(20);
    assertThat(QueryParams.limit("1000", 20, 1000)).isEqualTo(1000);
    assertThatThrownBy(() -> QueryParams.limit("1001", 20, 1000)).hasMessageContaining("limit");
    assertThat(QueryParams.level("warn")).isEqualTo(13);
    assertThat(QueryParams.level("18")).isEqualTo(18);
    assertThatThrownBy(() -> QueryParams.level("25")).hasMessageContaining("level");
    assertThat(QueryParams.tag("a=b=c")).containsExactly("a", "b=c");
    assertThat(QueryParams.tag("a=")).containsExactly("a", "");
    assertThatThrownBy(() -> QueryParams.tag("=b")).hasMessageContaining("tag");
    assertThat(QueryParams.spanId("00000000000000FF")).isEqualTo(255L);
    assertThatThrownBy(() -> QueryParams.spanId("0000000000000000")).hasMessageContaining("spanId");
    assertThatThrownBy(() -> QueryParams.traceId("123")).hasMessageContaining("traceId");
  }
}
