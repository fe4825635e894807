package dev.tracekit.core.otlp;

import java.util.Arrays;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import net.jpountz.xxhash.XXHash32;
import net.jpountz.xxhash.XXHashFactory;

/**
 * Decodes LZ4 frames (one or more, skippable frames skipped) from a byte array straight into
 * the output array: each block is decompressed in place by lz4-java's bounds-checked
 * decompressor, and the header, block and content checksums are verified with its XXHash32 in
 * one call each (the library's frame stream hashes the content through a pure-Java streaming
 * hash and copies every block once more). What it accepts and refuses is what
 * lz4-java's {@code LZ4FrameInputStream} accepts and refuses: version 1, independent blocks,
 * no dictionary, reserved bits clear.
 *
 * <p>Bounds: output never grows past {@code max} plus one block; a frame that declares a larger
 * content size is refused before anything is allocated.
 */
final class Lz4FrameDecoder {

  static final int MAGIC = 0x184D2204;
  private static final int SKIPPABLE_MAGIC_MASK = 0xFFFFFFF0;
  private static final int SKIPPABLE_MAGIC = 0x184D2A50;
  private static final int MIN_BUFFER = 8192;

  private static final LZ4SafeDecompressor DECOMPRESSOR = nativeOrFastestLz4().safeDecompressor();
  private static final XXHash32 HASH = nativeOrFastestXxHash().hash32();

  private final byte[] in;
  private final int max;
  private int pos;
  private byte[] out;
  private int guess;
  /** Where the current frame's content ends in {@link #out}, when it declares its size; else -1. */
  private int frameEnd = -1;
  private int size;

  /**
   * lz4-java picks JNI only when loaded by the system class loader, so inside an executable jar
   * (the collector's) it would use its several times slower pure-Java code; ask for JNI
   * explicitly and fall back only when it cannot load.
   */
  static LZ4Factory nativeOrFastestLz4() {
    try {
      return LZ4Factory.nativeInstance();
    } catch (LinkageError | RuntimeException e) {
      return LZ4Factory.fastestInstance();
    }
  }

  static XXHashFactory nativeOrFastestXxHash() {
    try {
      return XXHashFactory.nativeInstance();
    } catch (LinkageError | RuntimeException e) {
      return XXHashFactory.fastestInstance();
    }
  }

  private Lz4FrameDecoder(byte[] in, int max) {
    this.in = in;
    this.max = max;
  }

  /**
   * The concatenated content of the frames in {@code in}.
   *
   * @throws PayloadTooLargeException when the content exceeds {@code max} bytes
   * @throws MalformedPayloadException when {@code in} is not valid LZ4 frames
   */
  static byte[] decode(byte[] in, int max) {
    Lz4FrameDecoder decoder = new Lz4FrameDecoder(in, max);
    if (in.length == 0) {
      throw decoder.malformed("empty body, expected an LZ4 frame");
    }
    // Sized by the first frame: exactly when it declares its content size (ours do), else a guess.
    decoder.guess = (int) Math.min((long) max + 1, Math.max(MIN_BUFFER, (long) in.length * 4));
    while (decoder.pos < in.length) {
      decoder.frame();
    }
    if (decoder.out == null) {
      return new byte[0]; // skippable frames only
    }
    return decoder.size == decoder.out.length ? decoder.out : Arrays.copyOf(decoder.out, decoder.size);
  }

  private void frame() {
    int magic = intLe("magic");
    if ((magic & SKIPPABLE_MAGIC_MASK) == SKIPPABLE_MAGIC) {
      long skip = intLe("skippable frame size") & 0xFFFF_FFFFL;
      need(skip, "skippable frame");
      pos += (int) skip;
      return;
    }
    if (magic != MAGIC) {
      throw malformed("not an LZ4 frame (magic " + Integer.toHexString(magic) + ")");
    }
    int descriptor = pos;
    need(2, "frame descriptor");
    int flg = in[pos] & 0xFF;
    int bd = in[pos + 1] & 0xFF;
    pos += 2;
    if ((flg >>> 6) != 1) {
      throw malformed("LZ4 frame version " + (flg >>> 6) + " is unsupported");
    }
    if ((flg & 0x02) != 0 || (bd & 0x8F) != 0) {
      throw malformed("reserved bits of the LZ4 frame descriptor are set");
    }
    if ((flg & 0x20) == 0) {
      throw malformed("dependent LZ4 blocks are unsupported (set block independence)");
    }
    if ((flg & 0x01) != 0) {
      throw malformed("LZ4 dictionaries are unsupported");
    }
    int blockCode = bd >>> 4;
    if (blockCode < 4) {
      throw malformed("invalid LZ4 block size code " + blockCode);
    }
    int maxBlock = 1 << (8 + 2 * blockCode);
    boolean blockChecksum = (flg & 0x10) != 0;
    boolean contentChecksum = (flg & 0x04) != 0;
    long contentSize = -1;
    if ((flg & 0x08) != 0) {
      need(8, "content size");
      contentSize = (intLe("content size") & 0xFFFF_FFFFL) | (long) intLe("content size") << 32;
      if (contentSize < 0 || contentSize > max - size) {
        throw tooLarge();
      }
    }
    need(1, "header checksum");
    int headerChecksum = (HASH.hash(in, descriptor, pos - descriptor, 0) >>> 8) & 0xFF;
    if ((in[pos++] & 0xFF) != headerChecksum) {
      throw malformed("LZ4 frame header checksum mismatch");
    }
    if (out == null) {
      out = new byte[contentSize >= 0 ? (int) contentSize : guess];
    } else if (contentSize >= 0) {
      ensure(size + (int) contentSize);
    }
    int start = size;
    frameEnd = contentSize >= 0 ? start + (int) contentSize : -1;
    while (true) {
      int word = intLe("block size");
      if (word == 0) {
        break;
      }
      boolean stored = word < 0;
      int length = word & 0x7FFF_FFFF;
      if (length > maxBlock) {
        throw malformed("LZ4 block of " + length + " bytes exceeds the frame's " + maxBlock);
      }
      need(length + (blockChecksum ? 4L : 0), "block");
      if (blockChecksum && HASH.hash(in, pos, length, 0) != intAt(pos + length)) {
        throw malformed("LZ4 block checksum mismatch");
      }
      block(stored, length, maxBlock);
      pos += length + (blockChecksum ? 4 : 0);
    }
    if (contentChecksum && HASH.hash(out, start, size - start, 0) != intLe("content checksum")) {
      throw malformed("LZ4 content checksum mismatch");
    }
    if (contentSize >= 0 && size - start != contentSize) {
      throw malformed("LZ4 frame holds " + (size - start) + " bytes, declared " + contentSize);
    }
  }

  private void block(boolean stored, int length, int maxBlock) {
    if (stored) {
      if (length > max - size) {
        throw tooLarge();
      }
      if (frameEnd >= 0 && length > frameEnd - size) {
        // Checked here so that a compressed block never starts past the declared end.
        throw malformed("LZ4 stored block holds more content than the frame declares");
      }
      ensure(size + length);
      System.arraycopy(in, pos, out, size, length);
      size += length;
      return;
    }
    // Room for a whole block, but never more than one past the limit: a bomb costs max + 1; in a
    // frame that declares its size, no more than what is left of it (it was checked against max).
    boolean declared = frameEnd >= 0 && frameEnd - size < maxBlock;
    int room = declared ? frameEnd - size : (int) Math.min(maxBlock, (long) max + 1 - size);
    ensure(size + room);
    int n;
    try {
      n = DECOMPRESSOR.decompress(in, pos, length, out, size, room);
    } catch (LZ4Exception e) {
      if (declared) {
        throw malformed("malformed LZ4 block, or more content than the frame declares: " + e.getMessage());
      }
      if (room < maxBlock) {
        // Either corrupt or larger than the limit: tell them apart with a full-size attempt.
        byte[] probe = new byte[maxBlock];
        try {
          DECOMPRESSOR.decompress(in, pos, length, probe, 0, maxBlock);
        } catch (LZ4Exception corrupt) {
          throw malformed("malformed LZ4 block: " + corrupt.getMessage());
        }
        throw tooLarge();
      }
      throw malformed("malformed LZ4 block: " + e.getMessage());
    }
    size += n;
    if (size > max) {
      throw tooLarge();
    }
  }

  private void ensure(int capacity) {
    if (capacity > out.length) {
      out = Arrays.copyOf(out, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(capacity, (long) out.length * 2)));
    }
  }

  private void need(long bytes, String what) {
    if (in.length - pos < bytes) {
      throw malformed("truncated LZ4 " + what);
    }
  }

  private int intLe(String what) {
    need(4, what);
    int v = intAt(pos);
    pos += 4;
    return v;
  }

  private int intAt(int at) {
    return (in[at] & 0xFF) | (in[at + 1] & 0xFF) << 8 | (in[at + 2] & 0xFF) << 16 | (in[at + 3] & 0xFF) << 24;
  }

  private MalformedPayloadException malformed(String what) {
    return new MalformedPayloadException("malformed lz4 body: " + what + " (at byte " + pos + ")");
  }

  private PayloadTooLargeException tooLarge() {
    return new PayloadTooLargeException("payload (lz4) exceeds " + max + " bytes decompressed;"
        + " send smaller batches or raise the receiver's limit", max);
  }
}
