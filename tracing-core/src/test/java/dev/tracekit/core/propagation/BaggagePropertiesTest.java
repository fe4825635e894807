package dev.tracekit.core.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.core.Baggage;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Round trips of {@code baggage} (any Unicode value survives inject then extract), and
 * fuzzing: whatever the input, the parser never throws, stays within the limits, writes only
 * header-safe chars, and re-reads its own output to the same baggage.
 */
class BaggagePropertiesTest {

  private static final String TCHARS =
      "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

  private final LongAdder dropped = new LongAdder();
  private final LongAdder invalid = new LongAdder();

  private Baggage parse(List<String> headers) {
    return BaggageFormat.parse(headers, dropped, invalid);
  }

  private String format(Baggage baggage) {
    return BaggageFormat.format(baggage, dropped, invalid);
  }

  /**
   * Baggage of 0 to 64 entries (mostly few) with unique token names, any Unicode values and
   * optional properties. The content comes from a {@link Random} seeded by jqwik, so the
   * property seed still fixes every case: generating strings char by char through jqwik is too
   * slow for tens of thousands of whole headers.
   */
  static Arbitrary<Baggage> baggages() {
    return Arbitraries.longs().map(seed -> randomBaggage(new Random(seed)));
  }

  static Baggage randomBaggage(Random random) {
    int count = Fuzz.biasedSize(random, BaggageFormat.MAX_MEMBERS);
    Set<String> names = new HashSet<>();
    String[] entries = new String[count * 3];
    int n = 0;
    while (n < count) {
      String name = Fuzz.chars(random, TCHARS, 1 + Fuzz.biasedSize(random, 15));
      if (names.add(name)) {
        entries[n * 3] = name;
        entries[n * 3 + 1] = randomValue(random);
        entries[n * 3 + 2] = randomMetadata(random);
        n++;
      }
    }
    return Baggage.ofValidated(entries, entries.length);
  }

  /** Any Unicode text: ASCII, the rest of the BMP without lone surrogates, supplementary. */
  private static String randomValue(Random random) {
    StringBuilder sb = new StringBuilder();
    int length = Fuzz.biasedSize(random, 20);
    for (int i = 0; i < length; i++) {
      int kind = random.nextInt(10);
      if (kind < 5) {
        sb.append((char) random.nextInt(0x80));
      } else if (kind < 8) {
        sb.append((char) (0x80 + random.nextInt(0xD800 - 0x80)));
      } else if (kind < 9) {
        sb.append((char) (0xE000 + random.nextInt(0x10000 - 0xE000)));
      } else {
        sb.appendCodePoint(0x10000 + random.nextInt(0x110000 - 0x10000));
      }
    }
    return sb.toString();
  }

  private static String randomMetadata(Random random) {
    int properties = random.nextInt(5) < 3 ? 0 : 1 + random.nextInt(3);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < properties; i++) {
      sb.append(i == 0 ? "" : ";").append(Fuzz.chars(random, TCHARS, 1 + random.nextInt(8)));
      if (random.nextBoolean()) {
        sb.append('=').append(Fuzz.chars(random, "abc123=%/:", random.nextInt(8)));
      }
    }
    return sb.toString();
  }

  /** The canonical encoding, written independently of the formatter (JDK UTF-8 encoder). */
  static String canonical(Baggage baggage) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < baggage.size(); i++) {
      sb.append(i == 0 ? "" : ",").append(baggage.nameAt(i)).append('=');
      baggage.valueAt(i).codePoints().forEach(cp -> {
        if (cp < 0x80 && BaggageFormat.isBaggageOctet((char) cp) && cp != '%') {
          sb.append((char) cp);
        } else {
          for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
            sb.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
          }
        }
      });
      if (!baggage.metadataAt(i).isEmpty()) {
        sb.append(';').append(baggage.metadataAt(i));
      }
    }
    return sb.toString();
  }

  @Provide
  Arbitrary<Baggage> smallBaggage() {
    return baggages().filter(b -> canonical(b).length() <= BaggageFormat.MAX_BYTES);
  }

  @Provide
  Arbitrary<String> canonicalHeader() {
    return smallBaggage().map(BaggagePropertiesTest::canonical);
  }

  @Provide
  Arbitrary<String> mutatedValid() {
    return Fuzz.mutated(canonicalHeader());
  }

  @Provide
  Arbitrary<String> garbage() {
    return Fuzz.garbage(400);
  }

  @Property(tries = 5_000, seed = "20261140")
  void extractOfInjectIsIdentity(@ForAll("smallBaggage") Baggage baggage) {
    String header = format(baggage);

    assertThat(header).isEqualTo(canonical(baggage));
    assertThat(parse(List.of(header))).isEqualTo(baggage);
  }

  @Property(tries = 5_000, seed = "20261141")
  void formatOfParseIsIdentityForCanonicalHeaders(@ForAll("canonicalHeader") String header) {
    assertThat(format(parse(List.of(header)))).isEqualTo(header);
  }

  @Property(tries = 10_000, seed = "20261142")
  void mutatedHeadersNeverThrowAndStaySafe(
      @ForAll("mutatedValid") String header, @ForAll("mutatedValid") String second) {
    assertSafe(List.of(header, second));
  }

  @Property(tries = 10_000, seed = "20261143")
  void garbageNeverThrowsAndStaysSafe(@ForAll("garbage") String header) {
    assertSafe(List.of(header));
  }

  private void assertSafe(List<String> headers) {
    Baggage baggage = parse(headers);
    String out = format(baggage);

    assertThat(baggage.size()).isLessThanOrEqualTo(BaggageFormat.MAX_MEMBERS);
    assertThat(out.length()).isLessThanOrEqualTo(BaggageFormat.MAX_BYTES);
    // Printable ASCII, plus the spaces and tabs that properties may keep around ';' (OWS):
    // no CR, LF or other control char can reach a header.
    assertThat(out.chars()).allMatch(c -> (c >= 0x20 && c < 0x7F || c == '\t') && c != '"' && c != '\\');
    assertThat(parse(List.of(out))).isEqualTo(baggage);
  }
}
