package dev.tracekit.core.otlp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A bounded table of recently decoded short strings, so that the attribute keys, span names,
 * service names and repeated values of a stream of payloads ({@code "http.request.method"},
 * {@code "GET"}) are one {@code String} each instead of one per span, with their hash computed
 * once. Fixed size, direct-mapped: a new string takes its slot from whatever was there, so a
 * stream of unique values costs a slot write, never growth. Thread-safe without locks: slots
 * hold immutable entries, and a racing reader sees either the old or the new one.
 */
final class SharedStrings {

  /** Longer strings are rarely repeated (URLs, statements) and not worth comparing. */
  static final int MAX_SHARED_BYTES = 48;
  private static final int SLOTS = 8192;

  private static final Entry[] TABLE = new Entry[SLOTS];
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private SharedStrings() {}

  /** The string of valid UTF-8 {@code buf[start, start + length)}, shared when short. */
  static String decode(byte[] buf, int start, int length) {
    if (length > MAX_SHARED_BYTES) {
      return new String(buf, start, length, StandardCharsets.UTF_8);
    }
    long h = hash(buf, start, length);
    int slot = (int) (h ^ (h >>> 29)) & (SLOTS - 1);
    Entry entry = TABLE[slot];
    if (entry != null && entry.hash == h && entry.utf8.length == length && sameBytes(entry.utf8, buf, start)) {
      return entry.value;
    }
    String value = new String(buf, start, length, StandardCharsets.UTF_8);
    TABLE[slot] = new Entry(h, Arrays.copyOfRange(buf, start, start + length), value);
    return value;
  }

  /** Eight bytes a step: keys and values are mostly 8 to 30 bytes long. */
  private static long hash(byte[] buf, int start, int length) {
    long h = length;
    int i = start;
    int end = start + length;
    for (; i + 8 <= end; i += 8) {
      h = (h ^ (long) LONGS.get(buf, i)) * 0x9E3779B97F4A7C15L;
    }
    for (; i < end; i++) {
      h = (h ^ buf[i]) * 0x100000001B3L;
    }
    return h;
  }

  private static boolean sameBytes(byte[] shared, byte[] buf, int start) {
    int n = shared.length;
    int i = 0;
    for (; i + 8 <= n; i += 8) {
      if ((long) LONGS.get(shared, i) != (long) LONGS.get(buf, start + i)) {
        return false;
      }
    }
    for (; i < n; i++) {
      if (shared[i] != buf[start + i]) {
        return false;
      }
    }
    return true;
  }

  private record Entry(long hash, byte[] utf8, String value) {}
}
