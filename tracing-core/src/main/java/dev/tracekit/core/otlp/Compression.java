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
import net.jpountz.xxhash.XXHash32;

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
   * LZ4 frames (version 1, independent 64 KB blocks, content size and content checksum), read
   * by {@link Lz4FrameDecoder} and by any standard reader. The frame is written here around
   * lz4-java's block compressor, and the checksum taken with one call of its XXHash32: its
   * {@code LZ4FrameOutputStream} hashes through a pure-Java streaming hash and clears its buffer
   * for every block. JNI is asked for explicitly: lz4-java picks it only when loaded by the system
   * class loader, so inside a Spring Boot executable jar its fastest instance is its pure-Java
   * one, several times slower.
   */
  private static final class Lz4 {
    private static final LZ4Compressor COMPRESSOR = Lz4FrameDecoder.nativeOrFastestLz4().fastCompressor();
    private static final XXHash32 HASH = Lz4FrameDecoder.nativeOrFastestXxHash().hash32();
    /** Version 01, independent blocks, content size, content checksum. */
    private static final byte FLG = 0x40 | 0x20 | 0x08 | 0x04;
    /** Largest block: 64 KB. */
    private static final byte BD = 0x40;
    private static final int BLOCK = 64 * 1024;
    private static final int UNCOMPRESSED = 0x80000000;

    static byte[] compress(byte[] data) {
      int blocks = (data.length + BLOCK - 1) / BLOCK;
      // Header (magic, FLG, BD, content size, header checksum), per block its size and at most
      // maxCompressedLength, end mark, content checksum.
      byte[] out = new byte[4 + 2 + 8 + 1 + blocks * (4 + 16) + COMPRESSOR.maxCompressedLength(data.length) + 4 + 4];
      int pos = writeIntLe(out, 0, Lz4FrameDecoder.MAGIC);
      out[pos++] = FLG;
      out[pos++] = BD;
      pos = writeIntLe(out, pos, data.length);
      pos = writeIntLe(out, pos, 0); // content size is 8 bytes; a byte[] never needs the high half
      out[pos] = (byte) (HASH.hash(out, 4, 10, 0) >>> 8);
      pos++;
      for (int from = 0; from < data.length; from += BLOCK) {
        int length = Math.min(BLOCK, data.length - from);
        int size = COMPRESSOR.compress(data, from, length, out, pos + 4, out.length - pos - 4);
        if (size >= length) {
          // Incompressible: stored as is, which the size's high bit says.
          System.arraycopy(data, from, out, pos + 4, length);
          writeIntLe(out, pos, length | UNCOMPRESSED);
          pos += 4 + length;
        } else {
          writeIntLe(out, pos, size);
          pos += 4 + size;
        }
      }
      pos = writeIntLe(out, pos, 0); // end mark
      pos = writeIntLe(out, pos, HASH.hash(data, 0, data.length, 0));
      return Arrays.copyOf(out, pos);
    }

    private static int writeIntLe(byte[] out, int pos, int value) {
      out[pos] = (byte) value;
      out[pos + 1] = (byte) (value >>> 8);
      out[pos + 2] = (byte) (value >>> 16);
      out[pos + 3] = (byte) (value >>> 24);
      return pos + 4;
    }
  }
}
