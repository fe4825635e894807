package dev.tracekit.collector.ingest;

import dev.tracekit.collector.http.DiscardLimit;
import dev.tracekit.core.otlp.Compression;
import dev.tracekit.core.otlp.MalformedPayloadException;
import dev.tracekit.core.otlp.PayloadTooLargeException;
import java.time.Duration;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;

/**
 * Reads an ingest body with its limits: the body as sent may not exceed {@code maxBodyBytes}
 * (refused from Content-Length before reading when declared, else as soon as the bytes read pass
 * it), and decompressed it may not exceed {@code maxDecompressedBytes} (refused while inflating).
 */
final class RequestBodies {

  private static final Duration DISCARD_TIMEOUT = Duration.ofSeconds(10);

  private final int maxBodyBytes;
  private final int maxDecompressedBytes;

  RequestBodies(int maxBodyBytes, int maxDecompressedBytes) {
    this.maxBodyBytes = maxBodyBytes;
    this.maxDecompressedBytes = maxDecompressedBytes;
  }

  /** The body bytes as sent; fails with a 413 {@link IngestException} past the limit. */
  Mono<byte[]> read(ServerRequest request) {
    long declared = request.headers().contentLength().orElse(-1);
    if (declared > maxBodyBytes) {
      if (declared > DiscardLimit.BYTES) {
        return Mono.error(tooLarge(declared)); // the connection is closed after the answer
      }
      // Read and discard it first: a connection closed with the body unread is reset, and the
      // client could lose the 413 it was about to read.
      return request.body(BodyExtractors.toDataBuffers()).doOnNext(DataBufferUtils::release)
          .timeout(DISCARD_TIMEOUT).onErrorResume(e -> Mono.empty())
          .then(Mono.error(tooLarge(declared)));
    }
    return DataBufferUtils.join(request.body(BodyExtractors.toDataBuffers()), maxBodyBytes)
        .map(RequestBodies::toBytes)
        .onErrorMap(DataBufferLimitException.class, e -> tooLarge(-1))
        .defaultIfEmpty(new byte[0]);
  }

  private IngestException tooLarge(long declared) {
    return IngestException.tooLarge("body_too_large", "request body " + (declared >= 0 ? "of " + declared + " bytes " : "")
        + "exceeds the limit of " + maxBodyBytes + " bytes (tracekit.collector.ingest.max-body-size); send smaller batches");
  }

  private static byte[] toBytes(DataBuffer buffer) {
    try {
      byte[] bytes = new byte[buffer.readableByteCount()];
      buffer.read(bytes);
      return bytes;
    } finally {
      DataBufferUtils.release(buffer);
    }
  }

  /**
   * The decompressed body.
   *
   * @throws IngestException 415 for an unknown Content-Encoding, 413 past the decompressed limit,
   *     400 for a body that is not valid in its encoding
   */
  byte[] decompress(String contentEncoding, byte[] body) {
    Compression compression;
    try {
      compression = Compression.fromContentEncoding(contentEncoding);
    } catch (IllegalArgumentException e) {
      throw IngestException.unsupported("unsupported_encoding", e.getMessage());
    }
    try {
      return Compression.decompress(compression, body, maxDecompressedBytes);
    } catch (PayloadTooLargeException e) {
      throw IngestException.tooLarge("decompressed_too_large", e.getMessage()
          + " (tracekit.collector.ingest.max-decompressed-size)");
    } catch (MalformedPayloadException e) {
      throw IngestException.malformed(e.getMessage());
    }
  }
}
