package dev.tracekit.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.tracekit.collector.otlpjson.Decoded;
import dev.tracekit.collector.otlpjson.MalformedJsonException;
import dev.tracekit.core.Attributes;
import dev.tracekit.core.EventData;
import dev.tracekit.core.InstrumentationScope;
import dev.tracekit.core.Resource;
import dev.tracekit.core.SpanData;
import dev.tracekit.core.SpanKind;
import dev.tracekit.core.StatusCode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The streaming {@link ZipkinJsonDecoder} against the tree decoder it replaced ({@link
 * ZipkinJsonTreeDecoder}): on thousands of generated bodies, valid and faulty field by field (every
 * field absent, null, of the wrong type, out of range, repeated, in any order; bodies cut short or
 * with content after them), both give the same spans or fail with the same message.
 */
class ZipkinJsonDecoderDifferentialTest {

  private static final String[] TRACE_IDS = {
    "\"463ac35c9f6413ad48485a3953bb6124\"", "\"463ac35c9f6413ad\"", "\"abc\"", "\"463AC35C9F6413AD48485A3953BB6124\"",
    null, "null", "\"\"", "\"463ac35c9f6413ad48485a3953bb61240\"", "\"xyz\"", "\"0\"",
    "\"00000000000000000000000000000000\"", "123", "true", "{}", "[1]", "1.5", "\"1234567890abcdef1\"",
  };
  private static final String[] SPAN_IDS = {
    "\"a2fb4a1d1a96d312\"", "\"1\"", "\"A2FB4A1D1A96D312\"", null, "null", "\"\"", "\"a2fb4a1d1a96d3120\"",
    "\"g\"", "\"0000000000000000\"", "77", "false", "{\"x\":1}", "[]",
  };
  private static final String[] KINDS = {
    null, "\"CLIENT\"", "\"server\"", "\"Producer\"", "\"consumer\"", "\"weird\"", "null", "5", "{}", "true",
  };
  private static final String[] NAMES = {
    null, "\"get /orders/{id}\"", "null", "42", "1.25", "[]", "\"\"", "\"naïve ✓ \\\"quoted\\\"\"", "-0", "1e3",
  };
  private static final String[] SHARED = {
    null, "true", "false", "1", "0", "\"true\"", "\" true \"", "\"TRUE\"", "\"yes\"", "1.0", "null", "{}", "-1",
  };
  private static final String[] TIMESTAMPS = {
    "1700000000000000", "1700000000000000", "0", null, "null", "-5", "1.5", "\"123\"", "99999999999999999",
    "9223372036854775808", "{}", "[]",
  };
  private static final String[] DURATIONS = {
    null, "150", "0", "null", "-1", "2.5", "\"x\"", "9223372036854775808", "[]", "9223372036854775807",
  };
  private static final String[] ENDPOINTS = {
    null, "null", "\"str\"", "[]", "{}", "{\"serviceName\":\"svc\",\"ipv4\":\"10.0.0.1\",\"port\":8080}",
    "{\"serviceName\":null,\"ipv6\":\"::1\",\"port\":-1}", "{\"serviceName\":{}}", "{\"ipv4\":[1]}",
    "{\"ipv4\":null,\"ipv6\":{}}", "{\"ipv4\":\"1.2.3.4\",\"ipv6\":{}}", "{\"port\":\"80\"}",
    "{\"port\":99999999999999999999}", "{\"port\":1.5}", "{\"serviceName\":7,\"ipv4\":\"\"}",
    "{\"serviceName\":\"\",\"port\":443,\"extra\":{\"a\":[1,{}]}}", "{\"serviceName\":\"a\",\"serviceName\":\"b\"}",
  };
  private static final String[] TAGS = {
    null, "null", "[]", "\"x\"", "{}", "{\"http.method\":\"GET\",\"error\":\"boom\"}",
    "{\"otel.status_code\":\"ok\",\"otel.status_description\":\"d\",\"otel.scope.name\":\"s\",\"otel.scope.version\":\"1\"}",
    "{\"otel.status_code\":\"ERROR\",\"otel.library.name\":\"lib\",\"otel.library.version\":\"2\"}",
    "{\"a\":1,\"b\":true,\"c\":1.5e3,\"d\":null,\"e\":12345678901,\"f\":123456789012345678901234567890}",
    "{\"a\":{}}", "{\"a\":\"1\",\"b\":[]}", "{\"a\":\"1\",\"b\":\"2\",\"a\":\"3\"}", "{\"error\":\"x\",\"error\":\"y\"}",
    "{\"a\":{},\"a\":\"ok\"}", "{\"error\":\"\",\"otel.status_code\":\"OK\"}", "{\"x\":0.1,\"y\":-0.0,\"z\":1E-7}",
  };
  private static final String[] ANNOTATIONS = {
    null, "null", "[]", "[{\"timestamp\":5,\"value\":\"v\"}]", "[{\"timestamp\":5}]", "[{\"timestamp\":5,\"value\":3}]",
    "[{\"timestamp\":1,\"value\":\"a\"},{\"timestamp\":2,\"value\":\"b\",\"x\":[]},{\"value\":\"c\",\"timestamp\":3}]",
    "{}", "\"x\"", "[{\"value\":\"x\"}]", "[1]", "[null]", "[{\"timestamp\":5,\"value\":{}}]",
    "[{\"timestamp\":99999999999999999,\"value\":\"v\"}]", "[{\"timestamp\":-1,\"value\":\"v\"}]",
  };
  private static final String[] EXTRAS = {
    "\"debug\":true", "\"foo\":{\"nested\":[1,2,{\"x\":null}]}", "\"bar\":[[],{}]", "\"baz\":null",
  };

  private final Random random = new Random(20261125L);

  @Test
  void theStreamingDecoderGivesWhatTheTreeDecoderGaveOnGeneratedBodies() {
    int decoded = 0;
    int failed = 0;
    for (int i = 0; i < 30_000; i++) {
      String body = body();
      if (compare(body)) {
        decoded++;
      } else {
        failed++;
      }
    }
    // Both outcomes were exercised, many times each.
    assertThat(decoded).isGreaterThan(1_000);
    assertThat(failed).isGreaterThan(1_000);
  }

  @Test
  void bodiesThatAreNotAnArrayOfSpansFailAlike() {
    for (String body : new String[] {"", " ", "{}", "1", "null", "\"x\"", "[", "[{", "[1]", "[null]", "[[]]",
        "[] []", "[]x", "{\"a\":1} x", "[{\"traceId\":\"1\",\"id\":\"1\",\"timestamp\":1}", "[{}]",
        "[{\"traceId\":\"xyz\",\"id\":\"1\",\"timestamp\":1}, {", "[1, {", "{\"a\":", "[{\"a\":1,}]"}) {
      compare(body);
    }
  }

  @Test
  void aFaultySpanDoesNotHideAFaultyBody() {
    assertThatThrownBy(() -> ZipkinJsonDecoder.decode(bytes("[{\"traceId\":\"xyz\",\"id\":\"1\",\"timestamp\":1}, {")))
        .isInstanceOf(MalformedJsonException.class)
        .hasMessageStartingWith("body is not valid JSON");
  }

  /** Decodes {@code body} with both decoders and fails unless they agree; true when it decoded. */
  private static boolean compare(String body) {
    Decoded<SpanData> expected;
    try {
      expected = ZipkinJsonTreeDecoder.decode(bytes(body));
    } catch (MalformedJsonException e) {
      String message = e.getMessage();
      assertThatThrownBy(() -> ZipkinJsonDecoder.decode(bytes(body))).as(body)
          .isInstanceOf(MalformedJsonException.class)
          .satisfies(thrown -> {
            if (message.startsWith("body is not valid JSON")) {
              assertThat(thrown.getMessage()).as(body).startsWith("body is not valid JSON");
            } else {
              assertThat(thrown.getMessage()).as(body).isEqualTo(message);
            }
          });
      return false;
    } catch (RuntimeException e) {
      // Where the tree decoder let Jackson's own exception out (a 500), the streaming one answers.
      try {
        ZipkinJsonDecoder.decode(bytes(body));
      } catch (MalformedJsonException clean) {
        return false;
      }
      return true;
    }
    Decoded<SpanData> actual;
    try {
      actual = ZipkinJsonDecoder.decode(bytes(body));
    } catch (RuntimeException e) {
      return fail("the tree decoder decoded " + body + " but the streaming one threw " + e);
    }
    assertThat(actual.rejected()).as(body).isEqualTo(expected.rejected());
    assertThat(actual.rejectionMessage()).as(body).isEqualTo(expected.rejectionMessage());
    assertThat(actual.items().stream().map(View::of).toList()).as(body)
        .isEqualTo(expected.items().stream().map(View::of).toList());
    return true;
  }

  private String body() {
    int shape = random.nextInt(40);
    if (shape == 0) {
      return pick(new String[] {"{}", "1", "null", "\"x\"", "", "[1]", "[null]"});
    }
    StringBuilder json = new StringBuilder("[");
    int spans = 1 + random.nextInt(4);
    for (int s = 0; s < spans; s++) {
      if (s > 0) {
        json.append(',');
      }
      json.append(span());
    }
    json.append(']');
    String body = json.toString();
    if (shape == 1) {
      return body.substring(0, random.nextInt(body.length())); // cut short
    }
    if (shape == 2) {
      return body + pick(new String[] {" ", "x", "[]", "{}", ","});
    }
    return body;
  }

  private String span() {
    List<String> fields = new ArrayList<>();
    // Mostly valid values (those before the count), so that every field gets judged often.
    field(fields, "traceId", mostly(TRACE_IDS, 4));
    field(fields, "id", mostly(SPAN_IDS, 3));
    field(fields, "parentId", random.nextBoolean() ? null : mostly(SPAN_IDS, 3));
    field(fields, "kind", mostly(KINDS, 6));
    field(fields, "name", mostly(NAMES, 5));
    field(fields, "shared", random.nextInt(3) == 0 ? pick(SHARED) : null);
    field(fields, "timestamp", mostly(TIMESTAMPS, 3));
    field(fields, "duration", mostly(DURATIONS, 4));
    field(fields, "localEndpoint", mostly(ENDPOINTS, 7));
    field(fields, "remoteEndpoint", mostly(ENDPOINTS, 7));
    field(fields, "tags", mostly(TAGS, 9));
    field(fields, "annotations", mostly(ANNOTATIONS, 7));
    if (random.nextInt(4) == 0) {
      fields.add(pick(EXTRAS));
    }
    if (random.nextInt(8) == 0 && !fields.isEmpty()) {
      fields.add(fields.get(random.nextInt(fields.size()))); // a field given twice: the last one counts
    }
    if (random.nextInt(8) == 0) {
      field(fields, "timestamp", pick(TIMESTAMPS));
    }
    Collections.shuffle(fields, random);
    return random.nextInt(60) == 0 ? pick(new String[] {"1", "null", "[]", "\"span\""}) : "{" + String.join(",", fields) + "}";
  }

  private static void field(List<String> fields, String name, String value) {
    if (value != null) {
      fields.add("\"" + name + "\":" + value);
    }
  }

  /** Nine times in ten one of the first {@code valid} values, else any. */
  private String mostly(String[] values, int valid) {
    return random.nextInt(10) > 0 ? values[random.nextInt(valid)] : pick(values);
  }

  private String pick(String[] values) {
    return values[random.nextInt(values.length)];
  }

  private static byte[] bytes(String body) {
    return body.getBytes(StandardCharsets.UTF_8);
  }

  /** Everything a decoder sets on a span, comparable with equals. */
  private record View(
      String traceId,
      String spanId,
      long parentSpanId,
      String name,
      SpanKind kind,
      long start,
      long end,
      Attributes attributes,
      List<EventData> events,
      StatusCode status,
      String statusMessage,
      Resource resource,
      InstrumentationScope scope) {

    static View of(SpanData span) {
      return new View(span.traceIdHex(), span.spanIdHex(), span.parentSpanId(), span.name(), span.kind(),
          span.startEpochNanos(), span.endEpochNanos(), span.attributes(), span.events(), span.statusCode(),
          span.statusMessage(), span.resource(), span.scope());
    }
  }
}
