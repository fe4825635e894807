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

/**
 * The options both OTLP/HTTP exporter builders share, with their defaults and validation; each
 * exporter's {@code Builder} adds only {@code build()}. Public so that code configuring both
 * exporters the same way can do it once; only this package can extend it.
 *
 * @param <B> the concrete builder, returned by every option for chaining
 */
public abstract class OtlpHttpExporterBuilder<B extends OtlpHttpExporterBuilder<B>> {

  static final String DEFAULT_ENDPOINT = "http://localhost:9411";

  private final String path;
  private final String what;
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

  /**
   * @param path the signal's path appended to the endpoint ("/v1/traces")
   * @param what what a batch holds, for log messages ("spans")
   */
  OtlpHttpExporterBuilder(String path, String what) {
    this.path = path;
    this.what = what;
  }

  /**
   * The receiver's base URL; the signal's path ({@code /v1/traces} or {@code /v1/logs}) is
   * appended. Default {@value #DEFAULT_ENDPOINT}.
   */
  public B endpoint(String endpoint) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    return self();
  }

  /** Body compression. Default {@link Compression#LZ4}; GZIP or NONE for other OTLP receivers. */
  public B compression(Compression compression) {
    this.compression = Objects.requireNonNull(compression, "compression");
    return self();
  }

  /** An extra request header, such as an auth token; a repeated name replaces the value. */
  public B header(String name, String value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.equals("content-type") || lower.equals("content-encoding")) {
      throw new IllegalArgumentException(name + " is set by the exporter from its compression; do not set it");
    }
    headers.put(name, value);
    return self();
  }

  /** How long to wait for a TCP connection. Default 5 s. */
  public B connectTimeout(Duration connectTimeout) {
    this.connectTimeout = positive(connectTimeout, "connectTimeout");
    return self();
  }

  /** How long one attempt may take until the response is complete. Default 10 s. */
  public B timeout(Duration timeout) {
    this.timeout = positive(timeout, "timeout");
    return self();
  }

  /** Retries after the first attempt before the batch is dropped; 0 disables retries. Default 5. */
  public B maxRetries(int maxRetries) {
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must be >= 0, was " + maxRetries);
    }
    this.maxRetries = maxRetries;
    return self();
  }

  /** Upper bound of the first retry's jittered delay, doubling per retry. Default 100 ms. */
  public B initialBackoff(Duration initialBackoff) {
    this.initialBackoff = positive(initialBackoff, "initialBackoff");
    return self();
  }

  /** Cap on any delay between attempts, {@code Retry-After} included. Default 5 s. */
  public B maxBackoff(Duration maxBackoff) {
    this.maxBackoff = positive(maxBackoff, "maxBackoff");
    return self();
  }

  /** Receives encoded and compressed sizes and retries, for self-metrics. Default none. */
  public B listener(ExportListener listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
    return self();
  }

  B sleeper(Sleeper sleeper) {
    this.sleeper = sleeper;
    return self();
  }

  B jitter(LongUnaryOperator jitter) {
    this.jitter = jitter;
    return self();
  }

  B clock(Clock clock) {
    this.clock = clock;
    return self();
  }

  B nanoTime(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
    return self();
  }

  /**
   * The sender for these options; fails fast on an unusable endpoint, a header the HTTP client
   * refuses, or a max backoff below the initial one.
   */
  final OtlpHttpSender buildSender() {
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("maxBackoff (" + maxBackoff + ") is below initialBackoff (" + initialBackoff + ")");
    }
    return new OtlpHttpSender(this, uri(), what);
  }

  private URI uri() {
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

  // Safe: the constructor is package-private and each subclass passes itself as B.
  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }

  private static Duration positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + d);
    }
    return d;
  }
}
