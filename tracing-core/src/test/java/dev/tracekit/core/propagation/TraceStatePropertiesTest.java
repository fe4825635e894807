package dev.tracekit.core.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.core.TraceState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Round trips of {@code tracestate}, and fuzzing against a regex oracle written from the W3C
 * grammar (Level 1 keys, all-or-nothing validity, 32 members, 8192 chars).
 */
class TraceStatePropertiesTest {

  private static final String KEY_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789_-*/";
  private static final String VALUE_CHARS;

  static {
    StringBuilder sb = new StringBuilder();
    for (char c = 0x20; c <= 0x7E; c++) {
      if (c != ',' && c != '=') {
        sb.append(c);
      }
    }
    VALUE_CHARS = sb.toString();
  }

  private static final Pattern MEMBER =
      Pattern.compile(
          "(?:[a-z][a-z0-9_\\-*/]{0,255}|[a-z0-9][a-z0-9_\\-*/]{0,240}@[a-z][a-z0-9_\\-*/]{0,13})"
              + "=[\\x20-\\x2b\\x2d-\\x3c\\x3e-\\x7e]{0,255}[\\x21-\\x2b\\x2d-\\x3c\\x3e-\\x7e]");

  /** The spec's rules, written independently of the parser. Null means "discard". */
  static TraceState oracle(List<String> headers) {
    String combined = String.join(",", headers);
    if (combined.length() > TraceStateFormat.MAX_HEADER_CHARS) {
      return null;
    }
    List<String> keyValues = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    for (String member : combined.split(",", -1)) {
      String trimmed = member.replaceAll("^[ \t]+|[ \t]+$", "");
      if (trimmed.isEmpty()) {
        continue;
      }
      if (!MEMBER.matcher(trimmed).matches()) {
        return null;
      }
      String key = trimmed.substring(0, trimmed.indexOf('='));
      if (!keys.add(key) || keys.size() > 32) {
        return null;
      }
      keyValues.add(key);
      keyValues.add(trimmed.substring(key.length() + 1));
    }
    return TraceState.ofValidated(keyValues.toArray(new String[0]), keyValues.size());
  }

  /**
   * Valid entries: unique keys, 0 to 32 of them (mostly few). The content comes from a
   * {@link Random} seeded by jqwik, so the property seed still fixes every case: generating
   * strings char by char through jqwik is too slow for tens of thousands of whole headers.
   */
  static Arbitrary<List<String[]>> entries() {
    return Arbitraries.longs().map(seed -> randomEntries(new Random(seed)));
  }

  static List<String[]> randomEntries(Random random) {
    int count = Fuzz.biasedSize(random, TraceState.MAX_ENTRIES);
    Set<String> keys = new HashSet<>();
    List<String[]> entries = new ArrayList<>();
    while (entries.size() < count) {
      String key = randomKey(random);
      if (keys.add(key)) {
        entries.add(new String[] {key, randomValue(random)});
      }
    }
    return entries;
  }

  private static String randomKey(Random random) {
    switch (random.nextInt(16)) {
      case 0:
        return random.nextBoolean() ? "z".repeat(256) : "t".repeat(241) + "@" + "v".repeat(14);
      case 1, 2, 3, 4, 5:
        return Fuzz.chars(random, "abcdefghijklmnopqrstuvwxyz0123456789", 1)
            + Fuzz.chars(random, KEY_CHARS, Fuzz.biasedSize(random, 20))
            + "@"
            + Fuzz.chars(random, "abcdefghijklmnopqrstuvwxyz", 1)
            + Fuzz.chars(random, KEY_CHARS, random.nextInt(14));
      default:
        return Fuzz.chars(random, "abcdefghijklmnopqrstuvwxyz", 1)
            + Fuzz.chars(random, KEY_CHARS, Fuzz.biasedSize(random, 20));
    }
  }

  private static String randomValue(Random random) {
    return Fuzz.chars(random, VALUE_CHARS, Fuzz.biasedSize(random, 30))
        + Fuzz.chars(random, VALUE_CHARS.substring(1), 1);
  }

  /** Canonical headers: what our formatter writes for the entries. */
  static Arbitrary<String> canonicalHeaders() {
    return entries().map(TraceStatePropertiesTest::join);
  }

  private static String join(List<String[]> entries) {
    StringBuilder sb = new StringBuilder();
    for (String[] kv : entries) {
      sb.append(sb.length() == 0 ? "" : ",").append(kv[0]).append('=').append(kv[1]);
    }
    return sb.toString();
  }

  private static TraceState state(List<String[]> entries) {
    String[] keyValues = new String[entries.size() * 2];
    for (int i = 0; i < entries.size(); i++) {
      keyValues[2 * i] = entries.get(i)[0];
      keyValues[2 * i + 1] = entries.get(i)[1];
    }
    return TraceState.ofValidated(keyValues, keyValues.length);
  }

  @Provide
  Arbitrary<String> canonical() {
    return canonicalHeaders().filter(h -> h.length() <= TraceStateFormat.MAX_HEADER_CHARS);
  }

  @Provide
  Arbitrary<List<String[]>> validEntries() {
    return entries();
  }

  @Provide
  Arbitrary<String> mutatedValid() {
    return Fuzz.mutated(canonicalHeaders());
  }

  @Provide
  Arbitrary<String> garbage() {
    return Fuzz.garbage(300);
  }

  @Property(tries = 5_000, seed = "20261130")
  void formatOfParseIsIdentityForCanonicalHeaders(@ForAll("canonical") String header) {
    assertThat(TraceStateFormat.format(TraceStateFormat.parse(List.of(header)))).isEqualTo(header);
  }

  @Property(tries = 5_000, seed = "20261131")
  void parseOfFormatIsIdentityForValidStates(@ForAll("validEntries") List<String[]> entries) {
    TraceState state = state(entries);
    String formatted = TraceStateFormat.format(state);

    // 32 generated entries stay far below the formatter's size limit: nothing is truncated.
    assertThat(TraceStateFormat.parse(List.of(formatted))).isEqualTo(state);
  }

  @Property(tries = 5_000, seed = "20261132")
  void whitespaceEmptyMembersAndHeaderSplitsDoNotChangeTheResult(
      @ForAll("validEntries") List<String[]> entries, @ForAll long seed) {
    Random random = new Random(seed);
    List<String> headers = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String[] kv : entries) {
      if (current.length() > 0) {
        if (random.nextInt(3) == 0) {
          headers.add(current.toString());
          current.setLength(0);
        } else {
          current.append(ows(random)).append(',').append(random.nextInt(4) == 0 ? " ," : "");
        }
      }
      current.append(ows(random)).append(kv[0]).append('=').append(kv[1]).append(ows(random));
    }
    headers.add(current.toString());

    assertThat(TraceStateFormat.parse(headers)).isEqualTo(TraceStateFormat.parse(List.of(join(entries))));
  }

  private static String ows(Random random) {
    return List.of("", "", " ", "\t", " \t ").get(random.nextInt(5));
  }

  @Property(tries = 10_000, seed = "20261133")
  void mutatedHeadersNeverThrowAndAgreeWithTheOracle(
      @ForAll("mutatedValid") String header, @ForAll("mutatedValid") String second) {
    List<String> headers = List.of(header, second);

    assertThat(TraceStateFormat.parse(headers)).isEqualTo(oracle(headers));
  }

  @Property(tries = 10_000, seed = "20261134")
  void garbageNeverThrowsAndAgreesWithTheOracle(@ForAll("garbage") String header) {
    assertThat(TraceStateFormat.parse(List.of(header))).isEqualTo(oracle(List.of(header)));
  }
}
