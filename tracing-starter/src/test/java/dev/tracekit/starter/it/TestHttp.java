package dev.tracekit.starter.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;

/**
 * The HTTP client the tests call their applications with: plain HTTP/1.1 (no h2c upgrade
 * attempt on the first request) and bounded waits, so that a stuck request fails its test
 * instead of hanging the build.
 */
final class TestHttp {

  static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

  private TestHttp() {}

  static HttpRequest.Builder request(String url) {
    return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
  }
}
