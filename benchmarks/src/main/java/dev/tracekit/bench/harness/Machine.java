package dev.tracekit.bench.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** What a result was measured on, printed above every table: a figure is worth little without it. */
public final class Machine {

  private Machine() {}

  /** "2 CPUs (model), 23.4 GiB RAM, OpenJDK 17.0.15, Linux 6.1". */
  public static String describe() {
    return String.format(Locale.ROOT, "%d CPUs (%s), %.1f GiB RAM, %s %s, %s %s",
        Runtime.getRuntime().availableProcessors(), cpuModel(), memTotalBytes() / (1024.0 * 1024 * 1024),
        System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
        System.getProperty("os.name"), System.getProperty("os.version"));
  }

  /** The 1-, 5- and 15-minute load averages, as in {@code /proc/loadavg}. */
  public static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" +");
      return f[0] + " / " + f[1] + " / " + f[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** Now, in UTC, to the minute. */
  public static String now() {
    return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").format(Instant.now().atZone(ZoneOffset.UTC));
  }

  /** One Markdown line naming the machine, the time and the load, for the top of a result. */
  public static String header(String command, String loadBefore) {
    return "_Measured " + now() + " with `" + command + "` on " + describe() + "; load average (1/5/15 min) "
        + loadBefore + " before, " + loadAverage() + " after._\n";
  }

  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException e) {
      // fall through
    }
    return System.getProperty("os.arch");
  }

  private static long memTotalBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          return Long.parseLong(line.substring(9).trim().split(" +")[0]) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // fall through
    }
    return Runtime.getRuntime().maxMemory();
  }
}
