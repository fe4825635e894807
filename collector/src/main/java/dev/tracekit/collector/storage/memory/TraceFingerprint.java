package dev.tracekit.collector.storage.memory;

import dev.tracekit.collector.storage.AttributeText;
import dev.tracekit.core.Attributes;
import dev.tracekit.core.SpanData;

/**
 * A 256-bit Bloom filter of a trace's operations, span names and tags (key and value as text):
 * a search rejects most non-matching traces with a few bit tests instead of reading their spans,
 * and the writer pays a hash per attribute instead of an index insert. A "maybe" is confirmed on
 * the spans themselves, so false positives cost time, never correctness. Three bits per member:
 * with the ~50 members of a typical trace, about 7% of non-matching traces pass.
 */
final class TraceFingerprint {

  private static final int OPERATION = 0x6f70;
  private static final int NAME = 0x6e61;
  private static final int TAG = 0x7467;

  private long b0;
  private long b1;
  private long b2;
  private long b3;

  void addSpan(SpanData span) {
    String service = span.serviceName();
    String name = span.name();
    add(hash(OPERATION, service.hashCode(), name.hashCode()));
    add(hash(NAME, 0, name.hashCode()));
    Attributes attributes = span.attributes();
    for (int i = 0, n = attributes.size(); i < n; i++) {
      add(hash(TAG, attributes.keyAt(i).hashCode(), AttributeText.hashOf(attributes.valueAt(i))));
    }
  }

  boolean mayHaveOperation(String service, String name) {
    return mayContain(hash(OPERATION, service.hashCode(), name.hashCode()));
  }

  boolean mayHaveName(String name) {
    return mayContain(hash(NAME, 0, name.hashCode()));
  }

  boolean mayHaveTag(String key, String text) {
    return mayContain(hash(TAG, key.hashCode(), text.hashCode()));
  }

  /**
   * Mixes the members' string hashes: those are cached in the strings (the decoder shares
   * repeated ones), and a number's is computed without printing it ({@link AttributeText#hashOf}).
   */
  private static long hash(int kind, int a, int b) {
    long h = (kind * 0x9E3779B97F4A7C15L) ^ (a * 0xC2B2AE3D27D4EB4FL) ^ (b + 0x165667B19E3779F9L);
    h ^= h >>> 33;
    h *= 0xFF51AFD7ED558CCDL;
    h ^= h >>> 33;
    h *= 0xC4CEB9FE1A85EC53L;
    return h ^ (h >>> 33);
  }

  private void add(long h) {
    set((int) h & 0xFF);
    set((int) (h >>> 8) & 0xFF);
    set((int) (h >>> 16) & 0xFF);
  }

  private void set(int bit) {
    long mask = 1L << bit;
    switch (bit >>> 6) {
      case 0 -> b0 |= mask;
      case 1 -> b1 |= mask;
      case 2 -> b2 |= mask;
      default -> b3 |= mask;
    }
  }

  private boolean mayContain(long h) {
    return isSet((int) h & 0xFF) && isSet((int) (h >>> 8) & 0xFF) && isSet((int) (h >>> 16) & 0xFF);
  }

  private boolean isSet(int bit) {
    long word = switch (bit >>> 6) {
      case 0 -> b0;
      case 1 -> b1;
      case 2 -> b2;
      default -> b3;
    };
    return (word & (1L << bit)) != 0;
  }
}
