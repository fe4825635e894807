package dev.tracekit.bench.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of a process from {@code /proc/<pid>/stat}: user + system time, all threads,
 * in clock ticks (fields 14 and 15 of proc(5)).
 */
public final class ProcStat {

  private static final long TICKS_PER_SECOND = clockTicks();

  private ProcStat() {}

  /** User + system CPU time of the process in nanoseconds. */
  public static long cpuNanos(long pid) {
    try {
      return ticksToNanos(cpuTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat"))));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read /proc/" + pid + "/stat (has the process exited?)", e);
    }
  }

  /**
   * utime + stime of one {@code stat} line. The command name (field 2) is in parentheses and
   * may itself hold spaces and parentheses, so fields are counted from the last ')'.
   */
  static long cpuTicks(String statLine) {
    int close = statLine.lastIndexOf(')');
    if (close < 0) {
      throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + statLine);
    }
    String[] rest = statLine.substring(close + 2).trim().split(" +");
    // rest[0] is field 3 (state): utime is field 14, stime field 15.
    return Long.parseLong(rest[14 - 3]) + Long.parseLong(rest[15 - 3]);
  }

  static long ticksToNanos(long ticks) {
    return ticks * (1_000_000_000L / TICKS_PER_SECOND);
  }

  /** Resident set size in bytes, from {@code /proc/<pid>/status}. */
  public static long rssBytes(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.substring(6).trim().split(" +")[0]) * 1024;
        }
      }
      return -1;
    } catch (IOException e) {
      return -1;
    }
  }

  private static long clockTicks() {
    try {
      Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      return p.waitFor() == 0 ? Long.parseLong(out) : 100;
    } catch (IOException | NumberFormatException e) {
      return 100;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 100;
    }
  }
}
