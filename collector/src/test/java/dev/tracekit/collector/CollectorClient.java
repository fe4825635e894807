package dev.tracekit.collector;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Talks to a running collector over real HTTP with the JDK client. */
public final class CollectorClient {

  public static final JsonMapper JSON = JsonMapper.builder().build();

  // HTTP/1.1 as OTLP exporters speak it; the default (HTTP/2) would first try an h2c upgrade.
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
  private final String base;

  public CollectorClient(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  public String base() {
    return base;
  }

  /** POSTs {@code body}; {@code headers} are name/value pairs. */
  public HttpResponse<byte[]> post(String path, String contentType, byte[] body, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(60))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return send(request.build());
  }

  public HttpResponse<byte[]> get(String pathAndQuery) {
    return send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(60)).GET().build());
  }

  /** GETs JSON and fails unless the status is 200. */
  public JsonNode getJson(String pathAndQuery) {
    HttpResponse<byte[]> response = get(pathAndQuery);
    if (response.statusCode() != 200) {
      throw new AssertionError("GET " + pathAndQuery + " answered " + response.statusCode() + ": "
          + new String(response.body(), StandardCharsets.UTF_8));
    }
    return JSON.readTree(response.body());
  }

  public static JsonNode json(HttpResponse<byte[]> response) {
    return JSON.readTree(response.body());
  }

  public static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  public static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private HttpResponse<byte[]> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
