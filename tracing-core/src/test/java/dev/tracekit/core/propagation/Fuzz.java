package dev.tracekit.core.propagation;

import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Shared generators for the propagation fuzz properties: garbage and mutated-valid headers. */
final class Fuzz {

  /** Chars that matter to the header grammars, plus a few that must never get through. */
  static final String INTERESTING =
      "0123456789abcdefABCDEFxyzXYZ-=,;:%@_*/.!~'\"\\ \t\r\n\u0000\u0001\u007f\u0080\u00e9\u00ff"
          + "\u2028\ufffd\ud83d\ude00\ud800\udfff";

  private Fuzz() {}

  /**
   * Arbitrary strings of up to {@code maxLength}: any UTF-16 chars, or dense in grammar chars.
   * Drawn from a {@link Random} seeded by jqwik (reproducible from the property seed; much
   * faster than jqwik's char-by-char string generation).
   */
  static Arbitrary<String> garbage(int maxLength) {
    return Arbitraries.longs().map(seed -> garbage(new Random(seed), maxLength));
  }

  static String garbage(Random random, int maxLength) {
    return garbage(random, biasedSize(random, maxLength), INTERESTING);
  }

  /** {@code length} chars: half the time any UTF-16 char, else drawn from {@code dense}. */
  static String garbage(Random random, int length, String dense) {
    boolean anyChar = random.nextBoolean();
    char[] chars = new char[length];
    for (int i = 0; i < length; i++) {
      chars[i] = anyChar && random.nextInt(3) > 0
          ? (char) random.nextInt(Character.MAX_VALUE + 1)
          : dense.charAt(random.nextInt(dense.length()));
    }
    return new String(chars);
  }

  /** Lowercase hex of {@code length} (2, 16 or 32) chars; jqwik's longs favour zeros. */
  static Arbitrary<String> hex(int length) {
    return switch (length) {
      case 2 -> Arbitraries.integers().between(0, 255).map(v -> String.format("%02x", v));
      case 16 -> Arbitraries.longs().map(v -> String.format("%016x", v));
      case 32 -> Combinators.combine(Arbitraries.longs(), Arbitraries.longs())
          .as((high, low) -> String.format("%016x%016x", high, low));
      default -> throw new IllegalArgumentException("hex length " + length);
    };
  }

  /** {@code valid} headers with one to four random edits (reproducible from the seed). */
  static Arbitrary<String> mutated(Arbitrary<String> valid) {
    return Combinators.combine(valid, Arbitraries.longs())
        .as((header, seed) -> mutate(header, new Random(seed)));
  }

  static String mutate(String header, Random random) {
    StringBuilder sb = new StringBuilder(header);
    int edits = 1 + random.nextInt(4);
    for (int e = 0; e < edits; e++) {
      int at = sb.length() == 0 ? 0 : random.nextInt(sb.length());
      switch (random.nextInt(7)) {
        case 0 -> {
          if (sb.length() > 0) {
            sb.setCharAt(at, pick(random));
          }
        }
        case 1 -> sb.insert(at, pick(random));
        case 2 -> {
          if (sb.length() > 0) {
            sb.deleteCharAt(at);
          }
        }
        case 3 -> sb.setLength(at);
        case 4 -> sb.append(sb, at, Math.min(sb.length(), at + 1 + random.nextInt(60)));
        case 5 -> {
          if (sb.length() > 0) {
            char c = sb.charAt(at);
            sb.setCharAt(at, Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
          }
        }
        default -> sb.insert(at, random.nextBoolean() ? "," : random.nextBoolean() ? "-" : " ");
      }
    }
    return sb.toString();
  }

  /** {@code length} chars drawn from {@code alphabet}. */
  static String chars(Random random, String alphabet, int length) {
    char[] chars = new char[length];
    for (int i = 0; i < length; i++) {
      chars[i] = alphabet.charAt(random.nextInt(alphabet.length()));
    }
    return new String(chars);
  }

  /** A size in {@code [0, max]}, mostly small: a quarter up to 3, half up to 10, a quarter any. */
  static int biasedSize(Random random, int max) {
    int bound = switch (random.nextInt(4)) {
      case 0 -> 3;
      case 1, 2 -> 10;
      default -> max;
    };
    return random.nextInt(Math.min(bound, max) + 1);
  }

  private static char pick(Random random) {
    return random.nextInt(4) == 0
        ? (char) random.nextInt(Character.MAX_VALUE + 1)
        : INTERESTING.charAt(random.nextInt(INTERESTING.length()));
  }
}
