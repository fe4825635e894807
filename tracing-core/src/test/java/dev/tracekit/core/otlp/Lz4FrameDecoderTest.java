package dev.tracekit.core.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FrameInputStream;
import net.jpountz.lz4.LZ4FrameOutputStream;
import net.jpountz.xxhash.XXHashFactory;
import org.junit.jupiter.api.Test;

/** Our frame decoder against lz4-java's {@link LZ4FrameInputStream} as the reference. */
class Lz4FrameDecoderTest {

  private static final int MB = 1024 * 1024;

  /** The reference's content, or null when it refuses the input. */
  private static byte[] reference(byte[] body) {
    try (InputStream in = new LZ4FrameInputStream(new ByteArrayInputStream(body),
        LZ4Factory.fastestInstance().safeDecompressor(), XXHashFactory.fastestInstance().hash32(), false)) {
      return in.readAllBytes();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static byte[] ours(byte[] body) {
    try {
      return Lz4FrameDecoder.decode(body, 16 * MB);
    } catch (MalformedPayloadException | PayloadTooLargeException e) {
      return null;
    }
  }

  private static byte[] telemetryLike(int length, long seed) {
    Random random = new Random(seed);
    byte[] data = new byte[length];
    for (int i = 0; i < length; i++) {
      data[i] = random.nextInt(4) == 0 ? (byte) random.nextInt() : (byte) ("service.name=gateway ".charAt(i % 21));
    }
    return data;
  }

  private static byte[] frame(byte[] data, LZ4FrameOutputStream.BLOCKSIZE blockSize, LZ4FrameOutputStream.FLG.Bits... bits)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (LZ4FrameOutputStream lz4 = new LZ4FrameOutputStream(out, blockSize, data.length,
        LZ4Factory.fastestInstance().fastCompressor(), XXHashFactory.fastestInstance().hash32(), bits)) {
      lz4.write(data);
    }
    return out.toByteArray();
  }

  @Test
  void decodesWhatTheReferenceDecodesWithEveryFlagCombination() throws IOException {
    byte[] data = telemetryLike(300_000, 1);
    LZ4FrameOutputStream.FLG.Bits independent = LZ4FrameOutputStream.FLG.Bits.BLOCK_INDEPENDENCE;
    LZ4FrameOutputStream.FLG.Bits[][] flagSets = {
        {independent},
        {independent, LZ4FrameOutputStream.FLG.Bits.CONTENT_SIZE},
        {independent, LZ4FrameOutputStream.FLG.Bits.CONTENT_CHECKSUM},
        {independent, LZ4FrameOutputStream.FLG.Bits.BLOCK_CHECKSUM},
        {independent, LZ4FrameOutputStream.FLG.Bits.CONTENT_SIZE, LZ4FrameOutputStream.FLG.Bits.CONTENT_CHECKSUM,
            LZ4FrameOutputStream.FLG.Bits.BLOCK_CHECKSUM},
    };
    for (LZ4FrameOutputStream.BLOCKSIZE blockSize : LZ4FrameOutputStream.BLOCKSIZE.values()) {
      for (LZ4FrameOutputStream.FLG.Bits[] flags : flagSets) {
        byte[] body = frame(data, blockSize, flags);
        assertThat(ours(body)).isEqualTo(data).isEqualTo(reference(body));
      }
    }
    byte[] incompressible = new byte[100_000];
    new Random(2).nextBytes(incompressible);
    assertThat(ours(frame(incompressible, LZ4FrameOutputStream.BLOCKSIZE.SIZE_64KB, independent))).isEqualTo(incompressible);
  }

  @Test
  void concatenatedAndSkippableFramesAreReadInOrder() throws IOException {
    byte[] a = telemetryLike(70_000, 3);
    byte[] b = telemetryLike(10_000, 4);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(Compression.LZ4.compress(a));
    body.writeBytes(new byte[] {0x50, 0x2A, 0x4D, 0x18, 3, 0, 0, 0, 9, 9, 9}); // skippable, 3 bytes
    body.writeBytes(Compression.LZ4.compress(b));

    byte[] expected = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, expected, a.length, b.length);
    assertThat(ours(body.toByteArray())).isEqualTo(expected).isEqualTo(reference(body.toByteArray()));
  }

  @Test
  void refusesEveryTruncationAndCorruptionTheReferenceRefuses() throws IOException {
    byte[] body = frame(telemetryLike(5_000, 5), LZ4FrameOutputStream.BLOCKSIZE.SIZE_64KB,
        LZ4FrameOutputStream.FLG.Bits.BLOCK_INDEPENDENCE, LZ4FrameOutputStream.FLG.Bits.CONTENT_SIZE,
        LZ4FrameOutputStream.FLG.Bits.CONTENT_CHECKSUM, LZ4FrameOutputStream.FLG.Bits.BLOCK_CHECKSUM);
    for (int cut = 0; cut < body.length; cut++) {
      byte[] truncated = Arrays.copyOf(body, cut);
      assertThat(ours(truncated)).as("cut at %d", cut).isNull();
    }
    for (int at = 0; at < body.length; at++) {
      byte[] corrupt = body.clone();
      corrupt[at] ^= 0x41;
      // Both refuse, or both accept the same content (a flipped bit the format does not check).
      assertThat(ours(corrupt)).as("byte %d flipped", at).isEqualTo(reference(corrupt));
    }
  }

  @Test
  void refusesDependentBlocksAsTheReferenceDoes() throws IOException {
    // lz4-java writes no dependent frames: clear the independence bit of one and fix its header checksum.
    byte[] body = frame(telemetryLike(5_000, 6), LZ4FrameOutputStream.BLOCKSIZE.SIZE_64KB,
        LZ4FrameOutputStream.FLG.Bits.BLOCK_INDEPENDENCE);
    body[4] &= ~0x20;
    body[6] = (byte) (XXHashFactory.fastestInstance().hash32().hash(body, 4, 2, 0) >> 8);

    assertThat(reference(body)).isNull();
    assertThatThrownBy(() -> Lz4FrameDecoder.decode(body, MB)).isInstanceOf(MalformedPayloadException.class)
        .hasMessageContaining("dependent");
  }

  @Test
  void stopsAtTheLimitWithoutAContentSize() throws IOException {
    byte[] body = frame(new byte[3 * MB], LZ4FrameOutputStream.BLOCKSIZE.SIZE_64KB,
        LZ4FrameOutputStream.FLG.Bits.BLOCK_INDEPENDENCE);

    assertThat(Lz4FrameDecoder.decode(body, 3 * MB)).hasSize(3 * MB);
    assertThatThrownBy(() -> Lz4FrameDecoder.decode(body, 3 * MB - 1)).isInstanceOf(PayloadTooLargeException.class);
  }
  @Test
  void refusesAFrameWhoseBlocksHoldMoreOrLessThanItDeclares() throws IOException {
    byte[] data = telemetryLike(5_000, 7);
    byte[] body = frame(data, LZ4FrameOutputStream.BLOCKSIZE.SIZE_64KB,
        LZ4FrameOutputStream.FLG.Bits.BLOCK_INDEPENDENCE, LZ4FrameOutputStream.FLG.Bits.CONTENT_SIZE);
    assertThat(ours(body)).isEqualTo(data);

    for (int declared : new int[] {0, 4_999, 5_001, 70_000}) {
      byte[] lying = declaring(body, declared);
      assertThat(reference(lying)).as("reference, %d declared", declared).isNull();
      assertThatThrownBy(() -> Lz4FrameDecoder.decode(lying, MB)).as("%d declared", declared)
          .isInstanceOf(MalformedPayloadException.class);
    }
  }

  @Test
  void aStoredBlockPastTheDeclaredSizeIsRefusedBeforeTheNextBlock() {
    // A first block of random bytes (stored as is) and a second of zeros (compressed), declaring
    // less than the first block alone holds.
    byte[] data = new byte[70_000];
    new Random(8).nextBytes(data);
    java.util.Arrays.fill(data, 65_536, data.length, (byte) 0);
    byte[] lying = declaring(Compression.LZ4.compress(data), 1_000);

    assertThat(reference(lying)).isNull();
    assertThatThrownBy(() -> Lz4FrameDecoder.decode(lying, MB)).isInstanceOf(MalformedPayloadException.class)
        .hasMessageContaining("more content than the frame declares");
  }

  @Test
  void aBodyOfSkippableFramesOnlyHoldsNothing() {
    byte[] body = {0x50, 0x2A, 0x4D, 0x18, 3, 0, 0, 0, 9, 9, 9};

    assertThat(Lz4FrameDecoder.decode(body, MB)).isEmpty();
  }

  /** {@code body} (one frame with a content size) declaring {@code size} instead, header checksum fixed. */
  private static byte[] declaring(byte[] body, long size) {
    byte[] lying = body.clone();
    for (int i = 0; i < 8; i++) {
      lying[6 + i] = (byte) (size >>> (8 * i));
    }
    lying[14] = (byte) (XXHashFactory.fastestInstance().hash32().hash(lying, 4, 10, 0) >> 8);
    return lying;
  }
}
