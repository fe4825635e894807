package dev.tracekit.core.export;

import dev.tracekit.core.ExportListener;
import dev.tracekit.core.otlp.Compression;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.LongUnaryOperator;

/** The options both OTLP/HTTP exporter builders share, with their defaults and validation. */
final class OtlpHttpSettings {

  static final String DEFAULT_ENDPOINT = "http://localhost:9411";

  String endpoint = DEFAULT_ENDPOINT;
  Compression compression = Compression.LZ4;
  final Map<String, String> headers = new LinkedHashMap<>();
  Duration connectTimeout = Duration.ofSeconds(5);
  Duration timeout = Duration.ofSeconds(10);
  int maxRetries = 5;
  Duration initialBackoff = Duration.ofMillis(100);
  Duration maxBackoff = Duration.ofSeconds(5);
  ExportListener listener = ExportListener.NOOP;
  // Seams for tests: observe delays, fix jitter and time.
  Sleeper sleeper = Sleeper.THREAD;
  LongUnaryOperator jitter = Backoff.randomJitter();
  Clock clock = Clock.systemUTC();
  LongSupplier nanoTime = System::nanoTime;

  void endpoint(String endpoint) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
  }

  void compression(Compression compression) {
    this.compression = Objects.requireNonNull(compression, "compression");
  }

  void header(String name, String value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.equals("content-type") || lower.equals("content-encoding")) {
      throw new IllegalArgumentException(name + " is set by the exporter from its compression; do not set it");
    }
    headers.put(name, value);
  }

  void connectTimeout(Duration timeout) {
    this.connectTimeout = positive(timeout, "connectTimeout");
  }

  void timeout(Duration timeout) {
    this.timeout = positive(timeout, "timeout");
  }

  void maxRetries(int maxRetries) {
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must be >= 0, was " + maxRetries);
    }
    this.maxRetries = maxRetries;
  }

  void initialBackoff(Duration backoff) {
    this.initialBackoff = positive(backoff, "initialBackoff");
  }

  void maxBackoff(Duration backoff) {
    this.maxBackoff = positive(backoff, "maxBackoff");
  }

  void listener(ExportListener listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /** The full URL for {@code path} ("/v1/traces"); fails fast on an unusable endpoint. */
  URI uri(String path) {
    String base = endpoint.trim();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    URI uri;
    try {
      uri = URI.create(base + path);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("endpoint '" + endpoint + "' is not a valid URL: " + e.getMessage(), e);
    }
    String scheme = uri.getScheme();
    if (uri.getHost() == null || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
      throw new IllegalArgumentException(
          "endpoint '" + endpoint + "' must be an http(s) base URL such as " + DEFAULT_ENDPOINT);
    }
    return uri;
  }

  OtlpHttpSender buildSender(String path, String what) {
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("maxBackoff (" + maxBackoff + ") is below initialBackoff (" + initialBackoff + ")");
    }
    return new OtlpHttpSender(this, uri(path), what);
  }

  private static Duration positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + d);
    }
    return d;
  }
}
