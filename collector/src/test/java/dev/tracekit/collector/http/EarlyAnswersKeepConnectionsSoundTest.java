package dev.tracekit.collector.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A client whose request is answered before its body was read (here: 401 for a missing ingest
 * token) gets that answer and can go on using its connection: no reset, and no next request
 * hanging on the unread rest of the body. Before the fix, about one request in twenty hung.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "tracekit.collector.ingest-token=s3cret-token")
class EarlyAnswersKeepConnectionsSoundTest {

  @LocalServerPort
  int port;

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private HttpResponse<Void> send(HttpRequest request) throws IOException, InterruptedException {
    return http.send(request, HttpResponse.BodyHandlers.discarding());
  }

  @Test
  void requestsAnsweredBeforeTheirBodyIsReadLeaveTheConnectionUsable() throws Exception {
    byte[] body = new byte[300_000];
    new Random(42).nextBytes(body);
    for (int i = 0; i < 200; i++) {
      HttpResponse<Void> refused = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/traces"))
          .timeout(Duration.ofSeconds(20))
          .header("Content-Type", "application/x-protobuf")
          .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
      assertThat(refused.statusCode()).as("round %d", i).isEqualTo(401);
      // Bounded: a hang shows as a timeout, not as a stuck build.
      HttpResponse<Void> next = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/services"))
          .timeout(Duration.ofSeconds(20)).build());
      assertThat(next.statusCode()).as("round %d", i).isEqualTo(200);
    }
  }

  @Test
  void aBodyLargerThanTheSwallowLimitClosesTheConnectionAndTheNextRequestStillWorks() throws Exception {
    byte[] body = new byte[(int) DiscardLimit.BYTES + 1_000];
    for (int i = 0; i < 20; i++) {
      try {
        send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/traces"))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/x-protobuf")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
      } catch (IOException e) {
        // The connection is closed while the client still sends: a reset may beat the 401 to it.
      }
      HttpResponse<Void> next = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/services"))
          .timeout(Duration.ofSeconds(20)).build());
      assertThat(next.statusCode()).as("round %d", i).isEqualTo(200);
    }
  }
}
