package dev.tracekit.collector.storage.memory;

import dev.tracekit.core.SpanData;
import dev.tracekit.core.otlp.OtlpTraceCodec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * The compact form of a quiet trace: its spans as one OTLP {@code ExportTraceServiceRequest},
 * LZ4-compressed as a single block behind its 4-byte uncompressed length: about 330 bytes a span
 * against about 1,500 as objects (450 uncompressed: each service's resource is repeated in every
 * trace). Reading decodes it with the collector's own strict decoder.
 *
 * <p>lz4-java picks its JNI implementation only when loaded by the system class loader, so in
 * the collector's executable jar it would fall back to its pure-Java one, several times slower
 * on the writer thread; this asks for JNI explicitly and falls back only when it cannot load.
 */
final class CompactSpans {

  private static final LZ4Factory LZ4 = nativeOrFastest();
  private static final LZ4Compressor COMPRESSOR = LZ4.fastCompressor();
  private static final LZ4SafeDecompressor DECOMPRESSOR = LZ4.safeDecompressor();
  private static final int MAX_SCRATCH = 1 << 20;
  private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[64 * 1024]);

  private CompactSpans() {}

  private static LZ4Factory nativeOrFastest() {
    try {
      return LZ4Factory.nativeInstance();
    } catch (LinkageError | RuntimeException e) {
      return LZ4Factory.fastestInstance();
    }
  }

  static byte[] encode(List<SpanData> spans) {
    byte[] otlp = OtlpTraceCodec.encode(spans);
    int bound = 4 + COMPRESSOR.maxCompressedLength(otlp.length);
    // The writer compresses every trace it freezes: into a kept scratch array, copied out at its size.
    byte[] out = SCRATCH.get();
    if (out.length < bound) {
      out = new byte[bound];
      if (bound <= MAX_SCRATCH) {
        SCRATCH.set(out);
      }
    }
    int n = COMPRESSOR.compress(otlp, 0, otlp.length, out, 4, bound - 4);
    out[0] = (byte) (otlp.length >>> 24);
    out[1] = (byte) (otlp.length >>> 16);
    out[2] = (byte) (otlp.length >>> 8);
    out[3] = (byte) otlp.length;
    return Arrays.copyOf(out, 4 + n);
  }

  static List<SpanData> decode(byte[] block) {
    int length = (block[0] & 0xFF) << 24 | (block[1] & 0xFF) << 16 | (block[2] & 0xFF) << 8 | block[3] & 0xFF;
    byte[] otlp = new byte[length];
    DECOMPRESSOR.decompress(block, 4, block.length - 4, otlp, 0, length);
    return new ArrayList<>(OtlpTraceCodec.decode(otlp));
  }
}
