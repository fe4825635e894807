package dev.tracekit.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tracekit.collector.CollectorHttpTest;
import dev.tracekit.collector.TestSpans;
import dev.tracekit.collector.otlpjson.OtlpJsonEncoder;
import dev.tracekit.core.Attributes;
import dev.tracekit.core.EventData;
import dev.tracekit.core.Ids;
import dev.tracekit.core.LogRecordData;
import dev.tracekit.core.SpanData;
import dev.tracekit.core.StatusCode;
import dev.tracekit.core.otlp.Compression;
import dev.tracekit.core.otlp.OtlpLogsCodec;
import dev.tracekit.core.otlp.OtlpTraceCodec;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A seeded, reproducible fuzz loop over real HTTP: random bytes and mutated valid bodies (OTLP
 * protobuf for traces and logs, OTLP JSON, Zipkin JSON), sent plain, in LZ4 frames and gzipped —
 * mutated before compression (a valid frame around a broken payload) and after (a broken frame).
 * Every answer must be 200/202/400/413/415, never a 5xx, and the collector must keep storing and
 * serving valid data throughout. Reproduce a failure with {@code -Dtracekit.fuzz.seed=<seed>}; run
 * longer with {@code -Dtracekit.fuzz.requests=<n>}.
 */
class IngestFuzzTest extends CollectorHttpTest {

  private static final long SEED = Long.getLong("tracekit.fuzz.seed", 0x7EACE_F022L);
  private static final int REQUESTS = Integer.getInteger("tracekit.fuzz.requests", 6_000);
  private static final Set<Integer> ALLOWED = Set.of(200, 202, 400, 413, 415);
  private static final String PROTOBUF = "application/x-protobuf";
  private static final String JSON = "application/json";

  private final Random random = new Random(SEED);

  @Test
  void randomAndMutatedBodiesNeverGetAServerErrorAndTheCollectorKeepsServing() {
    long fuzzTrace = randomId();
    List<SpanData> spans = validSpans(fuzzTrace);
    List<LogRecordData> logs = validLogs(fuzzTrace);
    byte[] traceProto = OtlpTraceCodec.encode(spans);
    byte[] logsProto = OtlpLogsCodec.encode(logs);
    byte[] traceJson = OtlpJsonEncoder.encodeTraces(spans);
    byte[] logsJson = OtlpJsonEncoder.encodeLogs(logs);
    byte[] zipkin = zipkinJson(fuzzTrace);

    Map<String, Integer> statuses = new TreeMap<>();
    for (int i = 0; i < REQUESTS; i++) {
      Case c = switch (random.nextInt(9)) {
        case 0 -> new Case("/v1/traces", PROTOBUF, null, randomBytes(random.nextInt(2_000)));
        case 1 -> new Case("/v1/traces", PROTOBUF, null, mutate(traceProto));
        case 2 -> new Case("/v1/logs", PROTOBUF, null, mutate(logsProto));
        case 3 -> new Case("/v1/traces", JSON, null, mutateText(traceJson));
        case 4 -> new Case("/v1/logs", JSON, null, mutateText(logsJson));
        case 5 -> new Case("/api/v2/spans", JSON, null, mutateText(zipkin));
        case 6 -> compressed("/v1/traces", PROTOBUF, Compression.LZ4, traceProto);
        case 7 -> compressed("/v1/traces", JSON, Compression.GZIP, traceJson);
        default -> compressed("/api/v2/spans", JSON, Compression.GZIP, zipkin);
      };
      HttpResponse<byte[]> response = c.encoding == null
          ? client.post(c.path, c.contentType, c.body)
          : client.post(c.path, c.contentType, c.body, "Content-Encoding", c.encoding);
      statuses.merge(c.path + " " + response.statusCode(), 1, Integer::sum);
      assertThat(ALLOWED)
          .as("request %d (seed %d) to %s %s %s answered %d: %s", i, SEED, c.path, c.contentType, c.encoding,
              response.statusCode(), new String(response.body(), StandardCharsets.UTF_8))
          .contains(response.statusCode());
      if (i % 1_000 == 999) {
        validTraceIsStoredAndServed();
      }
    }
    validTraceIsStoredAndServed();
    // Whatever the mutated-but-valid bodies stored, the query API serves it.
    assertThat(client.get("/api/traces?limit=1000").statusCode()).isEqualTo(200);
    assertThat(client.get("/api/services").statusCode()).isEqualTo(200);
    assertThat(client.get("/api/logs?limit=1000").statusCode()).isEqualTo(200);
    assertThat(client.get("/api/dependencies").statusCode()).isEqualTo(200);
    // Both outcomes occur, so the loop exercises acceptance as well as refusal.
    assertThat(statuses.keySet()).contains("/v1/traces 200", "/v1/traces 400", "/api/v2/spans 400");
    System.out.println("IngestFuzzTest: " + REQUESTS + " requests, seed " + SEED + ", statuses " + statuses);
  }

  private void validTraceIsStoredAndServed() {
    long id = randomId();
    HttpResponse<byte[]> response = client.post("/v1/traces", PROTOBUF,
        Compression.LZ4.compress(OtlpTraceCodec.encode(validSpans(id))), "Content-Encoding", "lz4");
    assertThat(response.statusCode()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(30))
        .until(() -> client.get("/api/traces/" + Ids.toHex(id, id)).statusCode() == 200);
  }

  private Case compressed(String path, String type, Compression compression, byte[] payload) {
    int mode = random.nextInt(3);
    byte[] body = switch (mode) {
      case 0 -> compression.compress(mutate(payload)); // a valid frame around a broken payload
      case 1 -> mutate(compression.compress(payload)); // a broken frame
      default -> randomBytes(random.nextInt(500)); // not a frame at all
    };
    return new Case(path, type, compression.contentEncoding(), body);
  }

  private static List<SpanData> validSpans(long trace) {
    List<SpanData> spans = new ArrayList<>();
    spans.add(TestSpans.span(trace, trace * 100 + 1, 0, "fuzz-svc", "GET /fuzz", 0, 5_000)
        .attributes(Attributes.builder().put("http.request.method", "GET").put("http.response.status_code", 200L)
            .put("ratio", 0.5).put("flag", true).build())
        .events(List.of(new EventData(TestSpans.nanos(10), "retry", Attributes.builder().put("n", 1L).build(), 0)))
        .build());
    for (int i = 2; i <= 4; i++) {
      spans.add(TestSpans.span(trace, trace * 100 + i, trace * 100 + 1, "fuzz-db", "SELECT " + i, i * 100, 50)
          .status(i == 3 ? StatusCode.ERROR : StatusCode.UNSET, i == 3 ? "boom" : null).build());
    }
    return spans;
  }

  private static List<LogRecordData> validLogs(long trace) {
    return List.of(TestSpans.log(trace, trace * 100 + 1, "fuzz-svc", 20, 9, "request handled"),
        TestSpans.log(trace, trace * 100 + 2, "fuzz-db", 30, 17, "query failed"));
  }

  private static byte[] zipkinJson(long trace) {
    String id = Ids.toHex(trace, trace);
    String root = Long.toHexString(trace * 100 + 1);
    String child = Long.toHexString(trace * 100 + 2);
    return ("[{\"traceId\":\"" + id + "\",\"id\":\"" + pad(root) + "\",\"name\":\"get /zipkin\",\"kind\":\"SERVER\","
        + "\"timestamp\":1700000000000000,\"duration\":5000,\"localEndpoint\":{\"serviceName\":\"zipkin-svc\"},"
        + "\"tags\":{\"http.method\":\"GET\"},\"annotations\":[{\"timestamp\":1700000000000100,\"value\":\"ws\"}]},"
        + "{\"traceId\":\"" + id + "\",\"id\":\"" + pad(child) + "\",\"parentId\":\"" + pad(root) + "\","
        + "\"name\":\"select\",\"kind\":\"CLIENT\",\"timestamp\":1700000000000200,\"duration\":300,"
        + "\"localEndpoint\":{\"serviceName\":\"zipkin-svc\"},\"remoteEndpoint\":{\"serviceName\":\"db\","
        + "\"ipv4\":\"10.0.0.1\",\"port\":5432},\"tags\":{\"error\":\"timeout\"},\"shared\":false}]")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static String pad(String hex) {
    return "0".repeat(16 - hex.length()) + hex;
  }

  private byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  /** Byte-level mutations: flips, truncation, insertion, deletion, duplication, varint blow-ups. */
  private byte[] mutate(byte[] valid) {
    byte[] b = valid.clone();
    int rounds = 1 + random.nextInt(4);
    for (int r = 0; r < rounds && b.length > 0; r++) {
      int at = random.nextInt(b.length);
      switch (random.nextInt(7)) {
        case 0 -> b[at] ^= (byte) (1 << random.nextInt(8));
        case 1 -> b[at] = (byte) random.nextInt(256);
        case 2 -> b = Arrays.copyOf(b, at);
        case 3 -> b = splice(b, at, randomBytes(1 + random.nextInt(16)), 0);
        case 4 -> b = splice(b, at, new byte[0], Math.min(b.length - at, 1 + random.nextInt(32)));
        case 5 -> b = splice(b, at, Arrays.copyOfRange(b, at, Math.min(b.length, at + 1 + random.nextInt(64))), 0);
        default -> b = splice(b, at, new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F}, 0);
      }
    }
    return b;
  }

  /** Text-level mutations of JSON: structural characters, wrong types, huge numbers, odd escapes. */
  private byte[] mutateText(byte[] valid) {
    if (random.nextInt(3) == 0) {
      return mutate(valid);
    }
    String[] tokens = {"{", "}", "[", "]", ",", ":", "\"", "null", "true", "-1", "1e999", "99999999999999999999",
        "\"\\u0000\"", "\"\\ud800\"", "{\"a\":", "[[[[[[[[", "\"traceId\":\"zz\"", "\"intValue\":\"x\"", "\\"};
    String s = new String(valid, StandardCharsets.UTF_8);
    StringBuilder b = new StringBuilder(s);
    int rounds = 1 + random.nextInt(3);
    for (int r = 0; r < rounds && b.length() > 0; r++) {
      int at = random.nextInt(b.length());
      switch (random.nextInt(3)) {
        case 0 -> b.insert(at, tokens[random.nextInt(tokens.length)]);
        case 1 -> b.delete(at, Math.min(b.length(), at + 1 + random.nextInt(20)));
        default -> b.replace(at, Math.min(b.length(), at + 1), tokens[random.nextInt(tokens.length)]);
      }
    }
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] splice(byte[] b, int at, byte[] insert, int remove) {
    byte[] out = new byte[b.length - remove + insert.length];
    System.arraycopy(b, 0, out, 0, at);
    System.arraycopy(insert, 0, out, at, insert.length);
    System.arraycopy(b, at + remove, out, at + insert.length, b.length - at - remove);
    return out;
  }

  private record Case(String path, String contentType, String encoding, byte[] body) {}
}
