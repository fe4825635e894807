package dev.tracekit.collector.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.collector.CollectorHttpTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** With no CORS origins configured, no response carries an Access-Control-* header. */
class CorsClosedByDefaultTest extends CollectorHttpTest {

  @Test
  void aCrossOriginReadGetsNoCorsHeaders() {
    HttpResponse<String> read = Http.send("GET", client.base() + "/api/services", "Origin", "http://evil.example");

    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(Http.hasCorsHeader(read)).as(read.headers().map().toString()).isFalse();
  }

  @Test
  void aPreflightIsNotGranted() {
    HttpResponse<String> preflight = Http.send("OPTIONS", client.base() + "/api/traces", "Origin", "http://evil.example",
        "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "authorization");

    assertThat(Http.hasCorsHeader(preflight)).as(preflight.headers().map().toString()).isFalse();
  }

  @Test
  void ingestFromABrowserOriginGetsNoCorsHeaders() {
    HttpResponse<String> preflight = Http.send("OPTIONS", client.base() + "/v1/traces", "Origin", "http://evil.example",
        "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type");

    assertThat(Http.hasCorsHeader(preflight)).as(preflight.headers().map().toString()).isFalse();
  }

  @Test
  void queryApiIsOpenWhenNoQueryCredentialIsConfigured() {
    assertThat(Http.send("GET", client.base() + "/api/services").statusCode()).isEqualTo(200);
  }
}
