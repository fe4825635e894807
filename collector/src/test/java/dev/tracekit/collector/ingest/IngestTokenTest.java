package dev.tracekit.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.collector.CollectorClient;
import dev.tracekit.collector.TestSpans;
import dev.tracekit.collector.otlpjson.OtlpJsonEncoder;
import dev.tracekit.core.otlp.OtlpTraceCodec;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "tracekit.collector.ingest-token=s3cret-token")
class IngestTokenTest {

  @LocalServerPort
  int port;

  CollectorClient client;

  @BeforeEach
  void connect() {
    client = new CollectorClient(port);
  }

  private HttpResponse<byte[]> postTrace(String... headers) {
    return client.post("/v1/traces", "application/x-protobuf",
        OtlpTraceCodec.encode(List.of(TestSpans.root(77, "secured", "GET /", 0, 10))), headers);
  }

  @Test
  void ingestWithoutATokenGets401WithNoDetail() {
    HttpResponse<byte[]> response = postTrace();

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).isEmpty();
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
  }

  @Test
  void ingestWithAWrongTokenGets401WithNoDetail() {
    assertThat(postTrace("Authorization", "Bearer s3cret-tokeN").statusCode()).isEqualTo(401);
    assertThat(postTrace("Authorization", "Bearer s3cret-token-and-more").statusCode()).isEqualTo(401);
    assertThat(postTrace("Authorization", "Basic czNjcmV0LXRva2Vu").statusCode()).isEqualTo(401);
    HttpResponse<byte[]> zipkin = client.post("/api/v2/spans", "application/json", "[]".getBytes(),
        "Authorization", "Bearer nope");
    assertThat(zipkin.statusCode()).isEqualTo(401);
    assertThat(zipkin.body()).isEmpty();
  }

  @Test
  void ingestWithTheTokenIsAccepted() {
    assertThat(postTrace("Authorization", "Bearer s3cret-token").statusCode()).isEqualTo(200);
    assertThat(client.post("/v1/logs", "application/json", OtlpJsonEncoder.encodeLogs(List.of()),
        "Authorization", "bearer s3cret-token").statusCode()).isEqualTo(200);
  }

  @Test
  void theQueryApiNeedsNoIngestToken() {
    assertThat(client.get("/api/services").statusCode()).isEqualTo(200);
  }
}
