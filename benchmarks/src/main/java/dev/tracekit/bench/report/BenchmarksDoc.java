package dev.tracekit.bench.report;

import dev.tracekit.bench.harness.Machine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps BENCHMARKS.md in step with the results: every section between
 * {@code <!-- bench:NAME -->} and {@code <!-- /bench:NAME -->} is replaced by
 * {@code results/NAME.md}, or says how to produce it when that file does not exist yet. The
 * section {@code goals} collects the goal verdicts ("- ...: **met** — ...") of all results, so the
 * summary at the top can never disagree with the tables below. The prose around the markers is
 * written by hand and stays.
 *
 * <p>Usage: {@code BenchmarksDoc splice BENCHMARKS.md RESULTS_DIR} or
 * {@code BenchmarksDoc header COMMAND LOAD_BEFORE} (prints the "measured on" line).
 */
public final class BenchmarksDoc {

  private static final Pattern SECTION = Pattern.compile(
      "(<!-- bench:([a-z0-9-]+) -->\\n)(.*?)(<!-- /bench:\\2 -->)", Pattern.DOTALL);
  private static final Pattern GOAL = Pattern.compile("^- .*: \\*\\*(met|missed|met at p50, missed at p99)\\*\\*.*$",
      Pattern.MULTILINE);
  /** The results whose goal lines the summary collects, in the order of the parts. */
  private static final List<String> GOAL_SOURCES = List.of("overhead", "ingest", "query-memory", "query-postgres", "wire", "core",
      "scale");

  private BenchmarksDoc() {}

  public static void main(String[] args) throws IOException {
    if (args.length == 3 && args[0].equals("splice")) {
      Path doc = Path.of(args[1]);
      Files.writeString(doc, splice(Files.readString(doc), Path.of(args[2])));
      System.out.println("doc: updated " + doc);
    } else if (args.length == 3 && args[0].equals("header")) {
      System.out.print(Machine.header(args[1], args[2]));
    } else {
      System.err.println("usage: BenchmarksDoc splice BENCHMARKS.md RESULTS_DIR | header COMMAND LOAD_BEFORE");
      System.exit(2);
    }
  }

  static String splice(String doc, Path results) throws IOException {
    Matcher m = SECTION.matcher(doc);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(2);
      Path file = results.resolve(name + ".md");
      String body = name.equals("goals")
          ? goals(results)
          : Files.exists(file)
              ? Files.readString(file).stripTrailing() + "\n"
              : "_Not measured yet: no `benchmarks/results/" + name + ".md`._\n";
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + "\n" + body + "\n" + m.group(4)));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String goals(Path results) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (String name : GOAL_SOURCES) {
      Path file = results.resolve(name + ".md");
      if (Files.exists(file)) {
        Matcher goal = GOAL.matcher(Files.readString(file));
        while (goal.find()) {
          sb.append(goal.group()).append('\n');
        }
      }
    }
    return sb.length() == 0 ? "_No goal measured yet._\n" : sb.toString();
  }
}
