package dev.tracekit.starter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class UrlRedactorTests {

  private final UrlRedactor redactor = new UrlRedactor(List.of("password", "token", "api_key", "secret"));

  @Test
  void secretLikeParameterValuesAreRedacted() {
    assertThat(redactor.redactQuery("user=bob&password=hunter2&access_token=abc&page=2"))
        .isEqualTo("user=bob&password=REDACTED&access_token=REDACTED&page=2");
  }

  @Test
  void namesMatchCaseInsensitively() {
    assertThat(redactor.redactQuery("API_KEY=k&Client_Secret=s")).isEqualTo("API_KEY=REDACTED&Client_Secret=REDACTED");
  }

  @Test
  void parametersWithoutValueAndEmptyPartsSurvive() {
    assertThat(redactor.redactQuery("token&flag&&x=1")).isEqualTo("token=REDACTED&flag&&x=1");
  }

  @Test
  void queriesWithoutSecretsAreReturnedAsIs() {
    String query = "q=spring%20boot&page=1";
    assertThat(redactor.redactQuery(query)).isSameAs(query);
    assertThat(redactor.redactQuery(null)).isNull();
  }

  @Test
  void fullUrlDropsUserInfoAndFragmentAndRedactsTheQuery() {
    URI uri = URI.create("https://alice:pw@api.example.com:8443/v1/items?token=t1&id=7#frag");
    assertThat(redactor.fullUrl(uri)).isEqualTo("https://api.example.com:8443/v1/items?token=REDACTED&id=7");
  }
}
