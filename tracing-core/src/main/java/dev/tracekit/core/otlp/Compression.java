package dev.tracekit.core.otlp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FrameOutputStream;
import net.jpountz.xxhash.XXHash32;
import net.jpountz.xxhash.XXHashFactory;

/**
 * The body compressions of OTLP/HTTP, named by their {@code Content-Encoding}. {@link #LZ4} is
 * the standard LZ4 frame format (magic {@code 04 22 4D 18}, independent 64 KB blocks, content
 * size and content checksum), readable by the {@code lz4} tool and any frame decoder; it is the
 * fast path between TraceKit's own parts. {@link #GZIP} and {@link #NONE} serve other OTLP
 * receivers.
 */
public enum Compression {
  /** No compression; senders omit the {@code Content-Encoding} header. */
  NONE("identity"),
  GZIP("gzip"),
  LZ4("lz4");

  /** Allocation granularity while inflating: the output grows in steps, never to a claimed size. */
  private static final int MIN_BUFFER = 8 * 1024;

  private final String contentEncoding;

  Compression(String contentEncoding) {
    this.contentEncoding = contentEncoding;
  }

  /** The HTTP {@code Content-Encoding} token: {@code identity}, {@code gzip} or {@code lz4}. */
  public String contentEncoding() {
    return contentEncoding;
  }

  /**
   * The compression for a {@code Content-Encoding} header value (case-insensitive); null, blank
   * and {@code identity} mean {@link #NONE}, {@code x-gzip} is {@link #GZIP}.
   *
   * @throws IllegalArgumentException for any other encoding (a receiver answers 415)
   */
  public static Compression fromContentEncoding(String header) {
    if (header == null || header.isBlank()) {
      return NONE;
    }
    return switch (header.trim().toLowerCase(Locale.ROOT)) {
      case "identity" -> NONE;
      case "gzip", "x-gzip" -> GZIP;
      case "lz4" -> LZ4;
      default -> throw new IllegalArgumentException(
          "unsupported Content-Encoding '" + header + "': send lz4, gzip or no Content-Encoding");
    };
  }

  /** Compresses {@code data}; {@link #NONE} returns {@code data} itself. */
  public byte[] compress(byte[] data) {
    Objects.requireNonNull(data, "data");
    try {
      return switch (this) {
        case NONE -> data;
        case GZIP -> gzip(data);
        case LZ4 -> Lz4.compress(data);
      };
    } catch (IOException e) {
      throw new UncheckedIOException("in-memory compression failed", e); // no I/O happens here
    }
  }

  /**
   * Decompresses an untrusted {@code body}, refusing to produce more than
   * {@code maxDecompressedBytes}: inflation stops as soon as the output passes the limit (for
   * LZ4 at once when the frame declares a larger content size), so a small "bomb" costs at most
   * the limit plus one block of memory.
   *
   * @throws PayloadTooLargeException when the output would exceed {@code maxDecompressedBytes}
   * @throws MalformedPayloadException when the body is not valid for {@code compression}
   */
  public static byte[] decompress(Compression compression, byte[] body, int maxDecompressedBytes) {
    Objects.requireNonNull(compression, "compression");
    Objects.requireNonNull(body, "body");
    if (maxDecompressedBytes < 0) {
      throw new IllegalArgumentException("maxDecompressedBytes must be >= 0, was " + maxDecompressedBytes);
    }
    if (compression == NONE) {
      if (body.length > maxDecompressedBytes) {
        throw tooLarge(NONE, maxDecompressedBytes);
      }
      return body;
    }
    if (compression == LZ4) {
      return Lz4FrameDecoder.decode(body, maxDecompressedBytes);
    }
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body), MIN_BUFFER)) {
      return readAtMost(in, compression, body.length, maxDecompressedBytes);
    } catch (PayloadTooLargeException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      // The library signals corrupt input with IOExceptions and sometimes runtime exceptions:
      // all mean a bad body.
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new MalformedPayloadException("malformed " + compression.contentEncoding + " body: " + why, e);
    }
  }

  private static byte[] readAtMost(InputStream in, Compression compression, int bodyLength, int max)
      throws IOException {
    long limit = (long) max + 1; // read one byte past the limit to tell "exactly max" from "more"
    byte[] out = new byte[(int) Math.min(limit, Math.max(MIN_BUFFER, (long) bodyLength * 4))];
    int n = 0;
    while (true) {
      if (n == out.length) {
        if (n >= limit) {
          throw tooLarge(compression, max);
        }
        out = Arrays.copyOf(out, (int) Math.min(limit, (long) out.length * 2));
      }
      int read = in.read(out, n, out.length - n);
      if (read < 0) {
        return n == out.length ? out : Arrays.copyOf(out, n);
      }
      n += read;
    }
  }

  private static PayloadTooLargeException tooLarge(Compression compression, int max) {
    return new PayloadTooLargeException(
        "payload (" + compression.contentEncoding + ") exceeds " + max + " bytes decompressed;"
            + " send smaller batches or raise the receiver's limit", max);
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 4));
    try (GZIPOutputStream gzip = new GZIPOutputStream(out, MIN_BUFFER)) {
      gzip.write(data);
    }
    return out.toByteArray();
  }

  /**
   * LZ4 frames through lz4-java, with its fastest implementations (JNI when it loads); read by
   * {@link Lz4FrameDecoder}.
   */
  private static final class Lz4 {
    private static final LZ4Compressor COMPRESSOR = LZ4Factory.fastestInstance().fastCompressor();
    private static final XXHash32 HASH = XXHashFactory.fastestInstance().hash32();
    /** Magic, FLG, BD, 8-byte content size, header checksum; end mark; content checksum. */
    private static final int FRAME_OVERHEAD = 4 + 2 + 8 + 1 + 4 + 4;

    static byte[] compress(byte[] data) throws IOException {
      // Telemetry compresses 3-5x; start there and let the rare incompressible batch grow.
      ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 3 + FRAME_OVERHEAD + 64);
      try (LZ4FrameOutputStream lz4 = new LZ4FrameOutputStream(
          out,
          LZ4FrameOutputStream.BLOCKSIZE.SIZE_64KB,
          data.length,
          COMPRESSOR,
          HASH,
          LZ4FrameOutputStream.FLG.Bits.BLOCK_INDEPENDENCE,
          LZ4FrameOutputStream.FLG.Bits.CONTENT_SIZE,
          LZ4FrameOutputStream.FLG.Bits.CONTENT_CHECKSUM)) {
        lz4.write(data);
      }
      return out.toByteArray();
    }
  }
}
