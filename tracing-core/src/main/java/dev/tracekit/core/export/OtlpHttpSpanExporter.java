package dev.tracekit.core.export;

import dev.tracekit.core.ExportListener;
import dev.tracekit.core.ExportResult;
import dev.tracekit.core.SpanData;
import dev.tracekit.core.SpanExporter;
import dev.tracekit.core.otlp.Compression;
import dev.tracekit.core.otlp.OtlpTraceCodec;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.function.LongSupplier;
import java.util.function.LongUnaryOperator;

/**
 * Exports spans as OTLP/HTTP protobuf: {@code POST <endpoint>/v1/traces} with
 * {@code Content-Type: application/x-protobuf} and {@code Content-Encoding: lz4} by default
 * ({@code gzip}, or none, for other OTLP receivers). Connection failures, timeouts and HTTP
 * 429/502/503/504 are retried with exponential backoff and full jitter, honouring
 * {@code Retry-After}, at most {@code maxRetries} times; other statuses (400 among them) are not
 * retried. A batch that cannot be delivered is dropped: {@link #export} returns
 * {@link ExportResult#FAILURE} for the pipeline to count, and a warning (at most one per 30 s)
 * says what happened and what to do. Call from one exporter thread.
 */
public final class OtlpHttpSpanExporter implements SpanExporter {

  private final OtlpHttpSender sender;

  private OtlpHttpSpanExporter(OtlpHttpSender sender) {
    this.sender = sender;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public ExportResult export(Collection<? extends SpanData> spans) {
    if (spans.isEmpty()) {
      return ExportResult.SUCCESS;
    }
    byte[] encoded;
    try {
      encoded = OtlpTraceCodec.encode(spans);
    } catch (RuntimeException e) { // a broken data implementation must not kill the exporter thread
      return sender.encodingFailed(spans.size(), e);
    }
    return sender.send(encoded, spans.size());
  }

  /** Stops the HTTP client's threads; later exports fail at once. */
  @Override
  public void close() {
    sender.close();
  }

  @Override
  public String toString() {
    return "OtlpHttpSpanExporter{" + sender.uri() + "}";
  }

  /** Options with defaults: see each method. */
  public static final class Builder {
    private final OtlpHttpSettings settings = new OtlpHttpSettings();

    private Builder() {}

    /**
     * The receiver's base URL; {@code /v1/traces} is appended. Default
     * {@value OtlpHttpSettings#DEFAULT_ENDPOINT}.
     */
    public Builder endpoint(String endpoint) {
      settings.endpoint(endpoint);
      return this;
    }

    /** Body compression. Default {@link Compression#LZ4}; GZIP or NONE for other OTLP receivers. */
    public Builder compression(Compression compression) {
      settings.compression(compression);
      return this;
    }

    /** An extra request header, such as an auth token; a repeated name replaces the value. */
    public Builder header(String name, String value) {
      settings.header(name, value);
      return this;
    }

    /** How long to wait for a TCP connection. Default 5 s. */
    public Builder connectTimeout(Duration connectTimeout) {
      settings.connectTimeout(connectTimeout);
      return this;
    }

    /** How long one attempt may take until the response is complete. Default 10 s. */
    public Builder timeout(Duration timeout) {
      settings.timeout(timeout);
      return this;
    }

    /** Retries after the first attempt before the batch is dropped; 0 disables retries. Default 5. */
    public Builder maxRetries(int maxRetries) {
      settings.maxRetries(maxRetries);
      return this;
    }

    /** Upper bound of the first retry's jittered delay, doubling per retry. Default 100 ms. */
    public Builder initialBackoff(Duration initialBackoff) {
      settings.initialBackoff(initialBackoff);
      return this;
    }

    /** Cap on any delay between attempts, {@code Retry-After} included. Default 5 s. */
    public Builder maxBackoff(Duration maxBackoff) {
      settings.maxBackoff(maxBackoff);
      return this;
    }

    /** Receives encoded and compressed sizes and retries, for self-metrics. Default none. */
    public Builder listener(ExportListener listener) {
      settings.listener(listener);
      return this;
    }

    Builder sleeper(Sleeper sleeper) {
      settings.sleeper = sleeper;
      return this;
    }

    Builder jitter(LongUnaryOperator jitter) {
      settings.jitter = jitter;
      return this;
    }

    Builder clock(Clock clock) {
      settings.clock = clock;
      return this;
    }

    Builder nanoTime(LongSupplier nanoTime) {
      settings.nanoTime = nanoTime;
      return this;
    }

    /**
     * @throws IllegalArgumentException for an endpoint that is not an http(s) URL, a header the
     *     HTTP client refuses, or a max backoff below the initial one
     */
    public OtlpHttpSpanExporter build() {
      return new OtlpHttpSpanExporter(settings.buildSender("/v1/traces", "spans"));
    }
  }
}
