package dev.tracekit.collector;

import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** The error body of the query API and the Zipkin endpoint: {@code {"error": "what went wrong"}}. */
public final class ErrorBody {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ErrorBody() {}

  public static byte[] json(String message) {
    return JSON.writeValueAsBytes(Map.of("error", message));
  }
}
