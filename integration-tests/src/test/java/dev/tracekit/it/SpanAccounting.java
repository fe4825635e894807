package dev.tracekit.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A service's span pipeline as its self-metrics tell it ({@code /actuator/prometheus}, the
 * starter's {@code tracekit.*} meters): spans ended, exported, dropped (every reason that loses a
 * span), still queued, and failed export attempts that were retried.
 */
record SpanAccounting(long ended, long exported, long dropped, long queued, long exportRetries) {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** Scrapes {@code baseUrl}/actuator/prometheus. */
  static SpanAccounting scrape(URI baseUrl) {
    URI uri = baseUrl.resolve("/actuator/prometheus");
    String text;
    try {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new AssertionError("GET " + uri + " answered " + response.statusCode());
      }
      text = response.body();
    } catch (IOException e) {
      throw new AssertionError("GET " + uri + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted during GET " + uri, e);
    }
    return new SpanAccounting(
        sum(text, "tracekit_spans_ended_total", ""),
        sum(text, "tracekit_spans_exported_total", ""),
        sum(text, "tracekit_spans_dropped_total", ""),
        sum(text, "tracekit_queue_depth_items", "signal=\"spans\""),
        sum(text, "tracekit_export_retries_total", ""));
  }

  /** Whether every span that ended is accounted for: nothing queued, and ended = exported + dropped. */
  boolean settled() {
    return queued == 0 && ended == exported + dropped;
  }

  /**
   * The sum of the samples of metric {@code name} whose labels contain {@code label} (all of them
   * when it is empty), in the Prometheus text format ({@code name{labels} value}).
   */
  private static long sum(String text, String name, String label) {
    double sum = 0;
    boolean found = false;
    for (String line : text.split("\n")) {
      if (line.startsWith("#") || !line.startsWith(name)) {
        continue;
      }
      String rest = line.substring(name.length());
      if (!(rest.startsWith("{") || rest.startsWith(" "))) {
        continue; // a longer metric name that starts the same
      }
      int close = rest.startsWith("{") ? rest.indexOf('}') : -1;
      String labels = close < 0 ? "" : rest.substring(1, close);
      if (!label.isEmpty() && !labels.contains(label)) {
        continue;
      }
      sum += Double.parseDouble(rest.substring(close + 1).trim().split(" ")[0]);
      found = true;
    }
    if (!found) {
      throw new AssertionError("no " + name + (label.isEmpty() ? "" : "{" + label + "}") + " in the scrape");
    }
    return Math.round(sum);
  }
}
