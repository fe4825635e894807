package dev.tracekit.collector.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.collector.CollectorHttpTest;
import dev.tracekit.collector.TestSpans;
import dev.tracekit.collector.otlpjson.OtlpJsonEncoder;
import dev.tracekit.core.Ids;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@code /api/live} over real HTTP: the stream announces a trace ingested after it opened. */
class LiveStreamHttpTest extends CollectorHttpTest {

  private static final String END = "\u0000end";

  /** Reads the event stream's lines on the HTTP client's threads into a queue. */
  private static final class EventStream implements AutoCloseable {
    final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    final HttpResponse<Stream<String>> response;

    EventStream(int port) throws Exception {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/live"))
          .header("Accept", "text/event-stream").GET().build();
      response = http.send(request, HttpResponse.BodyHandlers.ofLines());
      CompletableFuture.runAsync(() -> {
        try (Stream<String> body = response.body()) {
          body.forEach(lines::add);
        } catch (RuntimeException e) {
          // closed by the test
        } finally {
          lines.add(END);
        }
      });
    }

    /** The data line of the next event named {@code name}. */
    String next(String name) throws InterruptedException {
      boolean inEvent = false;
      while (true) {
        String line = lines.poll(30, TimeUnit.SECONDS);
        assertThat(line).as("an event " + name + " within 30 s").isNotNull().isNotEqualTo(END);
        if (line.equals("event:" + name)) {
          inEvent = true;
        } else if (inEvent && line.startsWith("data:")) {
          return line.substring(5);
        } else if (line.isEmpty()) {
          inEvent = false;
        }
      }
    }

    @Override
    public void close() {
      response.body().close();
    }
  }

  @Test
  void streamAnnouncesATraceStoredAfterItOpened() throws Exception {
    String service = "live-" + Long.toHexString(randomId());
    long trace = randomId();
    try (EventStream stream = new EventStream(port)) {
      assertThat(stream.response.statusCode()).isEqualTo(200);
      assertThat(stream.response.headers().firstValue("Content-Type")).hasValueSatisfying(
          type -> assertThat(type).startsWith("text/event-stream"));
      assertThat(stream.next("ready")).contains("\"ready\":true");

      byte[] body = OtlpJsonEncoder.encodeTraces(List.of(
          TestSpans.root(trace, service, "GET /live", 0, 30_000),
          TestSpans.child(trace, 2, service, "work", 1_000, 20_000)));
      assertThat(client.post("/v1/traces", "application/json", body).statusCode()).isEqualTo(200);

      String data;
      do {
        data = stream.next("trace");
      } while (!data.contains(Ids.toHex(trace, trace)));
      assertThat(data).contains("\"rootName\":\"GET /live\"").contains("\"spanCount\":2")
          .contains("\"services\":[\"" + service + "\"]");
    }
  }
}
