package dev.tracekit.starter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class UrlPathRedactionTests {

  private final UrlRedactor redactor = new UrlRedactor(List.of("token", "session"));

  @Test
  void secretPathParametersAreRedactedInEverySegment() {
    assertThat(redactor.redactPath("/a;jsessionid=abc/b;token=x;keep=1/c"))
        .isEqualTo("/a;jsessionid=REDACTED/b;token=REDACTED;keep=1/c");
  }

  @Test
  void pathsWithoutSecretParametersAreReturnedAsTheyAre() {
    String path = "/orders/42;v=2/items";
    assertThat(redactor.redactPath(path)).isSameAs(path);
    assertThat(redactor.redactPath("/plain")).isEqualTo("/plain");
    assertThat(redactor.redactPath(null)).isNull();
    assertThat(redactor.redactPath("/x;token")).isEqualTo("/x;token");
    assertThat(redactor.redactPath("/x;;token=1;")).isEqualTo("/x;;token=REDACTED;");
  }

  @Test
  void fullUrlsRedactPathAndQuery() {
    assertThat(redactor.fullUrl(URI.create("http://u:p@h:8080/a;jsessionid=s1/b?token=t&x=1#f")))
        .isEqualTo("http://h:8080/a;jsessionid=REDACTED/b?token=REDACTED&x=1");
  }
}
