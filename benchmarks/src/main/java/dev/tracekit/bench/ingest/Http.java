package dev.tracekit.bench.ingest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Small blocking GETs of the servers' JSON (metrics, query answers) over HTTP/1.1. */
final class Http {

  static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();

  private Http() {}

  static HttpResponse<byte[]> get(URI uri) throws IOException, InterruptedException {
    return CLIENT.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  static JsonNode getJson(URI uri) throws IOException, InterruptedException {
    HttpResponse<byte[]> response = get(uri);
    if (response.statusCode() != 200) {
      throw new IOException("GET " + uri + " answered " + response.statusCode() + ": " + new String(response.body()));
    }
    return JSON.readTree(response.body());
  }

  static JsonNode parse(byte[] body) {
    return JSON.readTree(body);
  }
}
