package dev.tracekit.bench.harness;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the used Java heap from the output of {@code jcmd <pid> GC.heap_info}. */
public final class HeapInfo {

  /** "garbage-first heap   total 262144K, used 10240K" (G1); Parallel prints one line per generation. */
  private static final Pattern USED = Pattern.compile("total \\d+K, used (\\d+)K");

  private HeapInfo() {}

  /** Used heap in bytes: the sum of the heap lines' "used" before the Metaspace line. */
  public static long usedBytes(String heapInfo) {
    long usedK = 0;
    boolean found = false;
    for (String line : heapInfo.split("\n")) {
      if (line.trim().startsWith("Metaspace")) {
        break;
      }
      Matcher m = USED.matcher(line);
      if (m.find()) {
        usedK += Long.parseLong(m.group(1));
        found = true;
      }
    }
    if (!found) {
      throw new IllegalArgumentException("no heap usage in jcmd GC.heap_info output:\n" + heapInfo);
    }
    return usedK * 1024;
  }
}
