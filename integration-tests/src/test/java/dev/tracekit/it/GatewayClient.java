package dev.tracekit.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/** Calls the demo gateway's public API as Alice, the way a user of the demo does. */
final class GatewayClient {

  static final String ALICE = "Bearer demo-token-alice";

  private final URI baseUrl;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  GatewayClient(URI baseUrl) {
    this.baseUrl = baseUrl;
  }

  URI baseUrl() {
    return baseUrl;
  }

  /** {@code GET path} with Alice's token and, unless null, the {@code X-Demo-Scenario} header. */
  Answer get(String path, String scenario) {
    HttpRequest.Builder request = HttpRequest.newBuilder(baseUrl.resolve(path))
        .timeout(Duration.ofSeconds(60))
        .header("Authorization", ALICE)
        .header("X-Request-Id", "it-" + UUID.randomUUID());
    if (scenario != null) {
      request.header("X-Demo-Scenario", scenario);
    }
    try {
      HttpResponse<String> response = http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.headers().firstValue("traceresponse").orElse(null),
          response.body());
    } catch (IOException e) {
      throw new AssertionError("GET " + baseUrl.resolve(path) + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted during GET " + path, e);
    }
  }

  /**
   * The gateway's answer.
   *
   * @param traceResponse the W3C {@code traceresponse} header: {@code 00-<trace id>-<server span id>-<flags>}
   */
  record Answer(int status, String traceResponse, String body) {

    /** The trace the gateway recorded the request in. */
    String traceId() {
      return part(1, 32);
    }

    /** The gateway's server span. */
    String serverSpanId() {
      return part(2, 16);
    }

    private String part(int index, int length) {
      if (traceResponse == null) {
        throw new AssertionError("the gateway's answer (" + status + ") has no traceresponse header: " + body);
      }
      String[] parts = traceResponse.split("-");
      if (parts.length != 4 || parts[index].length() != length) {
        throw new AssertionError("malformed traceresponse header '" + traceResponse + "'");
      }
      return parts[index];
    }
  }
}
