package dev.tracekit.core.export;

import dev.tracekit.core.ExportResult;
import dev.tracekit.core.LogRecordData;
import dev.tracekit.core.LogRecordExporter;
import dev.tracekit.core.otlp.OtlpLogsCodec;
import java.util.Collection;

/**
 * Exports log records as OTLP/HTTP protobuf: {@code POST <endpoint>/v1/logs} with
 * {@code Content-Type: application/x-protobuf} and {@code Content-Encoding: lz4} by default
 * ({@code gzip}, or none, for other OTLP receivers). Connection failures, timeouts and HTTP
 * 429/502/503/504 are retried with exponential backoff and full jitter, honouring
 * {@code Retry-After}, at most {@code maxRetries} times; other statuses (400 among them) are not
 * retried. A batch that cannot be delivered is dropped: {@link #export} returns
 * {@link ExportResult#FAILURE} for the pipeline to count, and a warning (at most one per 30 s)
 * says what happened and what to do. Call from one exporter thread.
 */
public final class OtlpHttpLogExporter implements LogRecordExporter {

  private final OtlpHttpSender sender;

  private OtlpHttpLogExporter(OtlpHttpSender sender) {
    this.sender = sender;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public ExportResult export(Collection<LogRecordData> logs) {
    return sender.export(logs.size(), () -> OtlpLogsCodec.encode(logs));
  }

  /** Stops the HTTP client's threads; later exports fail at once. */
  @Override
  public void close() {
    sender.close();
  }

  @Override
  public String toString() {
    return "OtlpHttpLogExporter{" + sender.uri() + "}";
  }

  /** Options with defaults: see each method of {@link OtlpHttpExporterBuilder}. */
  public static final class Builder extends OtlpHttpExporterBuilder<Builder> {

    private Builder() {
      super("/v1/logs", "log records");
    }

    /**
     * @throws IllegalArgumentException for an endpoint that is not an http(s) URL, a header the
     *     HTTP client refuses, or a max backoff below the initial one
     */
    public OtlpHttpLogExporter build() {
      return new OtlpHttpLogExporter(buildSender());
    }
  }
}
