package dev.tracekit.core.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FrameInputStream;
import net.jpountz.xxhash.XXHashFactory;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CompressionTest {

  private static final int MB = 1024 * 1024;

  private static byte[] sample(int length, long seed) {
    // Half repetitive, half random: compressible like telemetry, not trivially so.
    Random random = new Random(seed);
    byte[] data = new byte[length];
    for (int i = 0; i < length; i++) {
      data[i] = i % 2 == 0 ? (byte) (i % 31) : (byte) random.nextInt();
    }
    return data;
  }

  @ParameterizedTest
  @EnumSource(Compression.class)
  void roundTripsPayloadsOfEverySize(Compression compression) {
    for (int length : new int[] {0, 1, 100, 64 * 1024 - 1, 64 * 1024, 64 * 1024 + 1, 300_000}) {
      byte[] data = sample(length, length);
      byte[] wire = compression.compress(data);
      assertThat(Compression.decompress(compression, wire, length)).isEqualTo(data);
    }
  }

  @Test
  void lz4WritesTheStandardFrameFormat() throws IOException {
    byte[] data = OtlpTraceCodec.encode(new RandomTelemetry(1, true).spans(2000));
    byte[] wire = Compression.LZ4.compress(data);

    assertThat(Arrays.copyOf(wire, 4)).containsExactly(0x04, 0x22, 0x4D, 0x18);
    assertThat(wire.length).isLessThan(data.length);
    // An independent reader with the library's defaults reads it back.
    try (LZ4FrameInputStream in = new LZ4FrameInputStream(new ByteArrayInputStream(wire), true)) {
      assertThat(in.isExpectedContentSizeDefined()).isTrue();
      assertThat(in.getExpectedContentSize()).isEqualTo(data.length);
      assertThat(in.readAllBytes()).isEqualTo(data);
    }
  }

  @Test
  void lz4FramesOfEverySizeAndIncompressibleBlocksAreReadByTheLibrarysReader() throws IOException {
    Random random = new Random(7);
    for (int length : new int[] {0, 1, 100, 64 * 1024 - 1, 64 * 1024, 64 * 1024 + 1, 200_000}) {
      byte[] noise = new byte[length];
      random.nextBytes(noise); // every block stored uncompressed
      for (byte[] data : List.of(sample(length, length), noise)) {
        byte[] wire = Compression.LZ4.compress(data);
        try (LZ4FrameInputStream in = new LZ4FrameInputStream(new ByteArrayInputStream(wire), true)) {
          assertThat(in.getExpectedContentSize()).as("content size of %d bytes", length).isEqualTo(length);
          assertThat(in.readAllBytes()).as("%d bytes", length).isEqualTo(data);
        }
      }
    }
  }

  @Test
  void gzipIsReadableByTheJdk() throws IOException {
    byte[] data = sample(50_000, 2);
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(Compression.GZIP.compress(data)))) {
      assertThat(in.readAllBytes()).isEqualTo(data);
    }
  }

  @Test
  void contentEncodingsAreNamedAndParsed() {
    assertThat(Compression.LZ4.contentEncoding()).isEqualTo("lz4");
    assertThat(Compression.GZIP.contentEncoding()).isEqualTo("gzip");
    assertThat(Compression.NONE.contentEncoding()).isEqualTo("identity");
    assertThat(Compression.fromContentEncoding(" LZ4 ")).isEqualTo(Compression.LZ4);
    assertThat(Compression.fromContentEncoding("x-gzip")).isEqualTo(Compression.GZIP);
    assertThat(Compression.fromContentEncoding(null)).isEqualTo(Compression.NONE);
    assertThat(Compression.fromContentEncoding("")).isEqualTo(Compression.NONE);
    assertThat(Compression.fromContentEncoding("identity")).isEqualTo(Compression.NONE);
    assertThatThrownBy(() -> Compression.fromContentEncoding("br"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unsupported Content-Encoding 'br'");
  }

  @ParameterizedTest
  @EnumSource(Compression.class)
  void exactlyTheLimitIsAcceptedAndOneByteMoreIsRefused(Compression compression) {
    byte[] data = sample(100_000, 3);
    byte[] wire = compression.compress(data);

    assertThat(Compression.decompress(compression, wire, data.length)).isEqualTo(data);
    assertThatThrownBy(() -> Compression.decompress(compression, wire, data.length - 1))
        .isInstanceOf(PayloadTooLargeException.class)
        .hasMessageContaining("exceeds " + (data.length - 1) + " bytes decompressed");
  }

  /**
   * A hand-made LZ4 frame of 1024 blocks that each inflate to 4 MiB of zeros: 4 GiB from about
   * 16 MiB, with no declared content size. Inflating it fully could not even fit in one array.
   */
  @Test
  void lz4BombIsRefusedWithoutInflatingIt() {
    LZ4Compressor compressor = LZ4Factory.fastestInstance().fastCompressor();
    byte[] block = compressor.compress(new byte[4 * MB]);
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    byte[] descriptor = {0x60, 0x70}; // version 01 + independent blocks; 4 MiB max block size
    frame.writeBytes(new byte[] {0x04, 0x22, 0x4D, 0x18});
    frame.writeBytes(descriptor);
    frame.write((XXHashFactory.fastestInstance().hash32().hash(descriptor, 0, 2, 0) >> 8) & 0xFF);
    for (int i = 0; i < 1024; i++) {
      writeIntLe(frame, block.length);
      frame.writeBytes(block);
    }
    writeIntLe(frame, 0); // end mark
    byte[] bomb = frame.toByteArray();

    assertThatThrownBy(() -> Compression.decompress(Compression.LZ4, bomb, MB))
        .isInstanceOf(PayloadTooLargeException.class);
    // The same frame cut to its first block is valid: the refusal is about size, not format.
    byte[] oneBlock = Arrays.copyOf(bomb, 7 + 4 + block.length + 4);
    System.arraycopy(new byte[4], 0, oneBlock, oneBlock.length - 4, 4);
    assertThat(Compression.decompress(Compression.LZ4, oneBlock, 4 * MB)).hasSize(4 * MB);
  }

  @Test
  void lz4FrameDeclaringTooMuchContentIsRefused() {
    byte[] wire = Compression.LZ4.compress(new byte[2 * MB]);
    assertThatThrownBy(() -> Compression.decompress(Compression.LZ4, wire, MB))
        .isInstanceOf(PayloadTooLargeException.class);
  }

  /** 4096 concatenated gzip members of 1 MiB of zeros each: 4 GiB from about 4 MiB. */
  @Test
  void gzipBombIsRefusedWithoutInflatingIt() throws IOException {
    ByteArrayOutputStream member = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(member)) {
      gzip.write(new byte[MB]);
    }
    ByteArrayOutputStream bomb = new ByteArrayOutputStream();
    for (int i = 0; i < 4096; i++) {
      bomb.writeBytes(member.toByteArray());
    }
    byte[] body = bomb.toByteArray();

    assertThatThrownBy(() -> Compression.decompress(Compression.GZIP, body, MB))
        .isInstanceOf(PayloadTooLargeException.class);
  }

  @Test
  void uncompressedBodyOverTheLimitIsRefused() {
    assertThatThrownBy(() -> Compression.decompress(Compression.NONE, new byte[11], 10))
        .isInstanceOf(PayloadTooLargeException.class)
        .satisfies(e -> assertThat(((PayloadTooLargeException) e).limitBytes()).isEqualTo(10));
  }

  @Test
  void corruptLz4IsMalformed() {
    byte[] wire = Compression.LZ4.compress(sample(100_000, 4));
    byte[] flipped = wire.clone();
    flipped[wire.length / 2] ^= 0x5A;

    for (byte[] bad : new byte[][] {new byte[0], {1, 2, 3}, Arrays.copyOf(wire, wire.length / 2), flipped}) {
      assertThatThrownBy(() -> Compression.decompress(Compression.LZ4, bad, 10 * MB))
          .isInstanceOf(MalformedPayloadException.class)
          .hasMessageStartingWith("malformed lz4 body: ");
    }
  }

  @Test
  void corruptGzipIsMalformed() {
    byte[] wire = Compression.GZIP.compress(sample(100_000, 5));
    byte[] flipped = wire.clone();
    flipped[wire.length / 2] ^= 0x5A;

    for (byte[] bad : new byte[][] {new byte[0], {1, 2, 3}, Arrays.copyOf(wire, wire.length / 2), flipped}) {
      assertThatThrownBy(() -> Compression.decompress(Compression.GZIP, bad, 10 * MB))
          .isInstanceOf(MalformedPayloadException.class)
          .hasMessageStartingWith("malformed gzip body: ");
    }
  }

  /** A header may claim a huge content size: refused as too large, before its checksum is read. */
  @Property(tries = 1000)
  void garbageAfterAValidHeaderOnlyEverFailsAsMalformedOrTooLarge(@ForAll @Size(max = 200) byte[] garbage) {
    byte[] lz4 = concat(new byte[] {0x04, 0x22, 0x4D, 0x18}, garbage);
    byte[] gzip = concat(new byte[] {0x1F, (byte) 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0, (byte) 0xFF}, garbage);
    for (Compression c : Compression.values()) {
      for (byte[] body : new byte[][] {garbage, lz4, gzip}) {
        try {
          assertThat(Compression.decompress(c, body, MB)).isNotNull();
        } catch (MalformedPayloadException expected) {
          assertThat(expected.getMessage()).startsWith("malformed " + c.contentEncoding() + " body: ");
        } catch (PayloadTooLargeException expected) {
          assertThat(expected.limitBytes()).isEqualTo(MB);
        }
      }
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static void writeIntLe(ByteArrayOutputStream out, int v) {
    out.write(v);
    out.write(v >>> 8);
    out.write(v >>> 16);
    out.write(v >>> 24);
  }
}
