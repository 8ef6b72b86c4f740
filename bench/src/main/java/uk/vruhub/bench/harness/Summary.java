package uk.vruhub.bench.harness;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The figures of one run: each beside its same-run baseline and the ratio to it, printed as a table
 * when a stage ends and written as JSON (one file per stage and one for the run) for BENCHMARKS.md.
 */
final class Summary {

  /**
   * One figure.
   *
   * @param stage the stage that measured it
   * @param measure what it is
   * @param value the hub's figure
   * @param unit its unit ("" for a plain number)
   * @param baseline the same figure of the baseline in the same run; null when there is none
   * @param baselineMeasure what the baseline is; null when there is none
   * @param ratio value / baseline; null without a baseline
   * @param target the target, "" for none
   * @param verdict "met", "MISSED" or "" (no target)
   */
  record Result(
      String stage,
      String measure,
      double value,
      String unit,
      Double baseline,
      String baselineMeasure,
      Double ratio,
      String target,
      String verdict) {

    /** A figure beside its baseline. */
    static Result of(
        String stage,
        String measure,
        double value,
        String unit,
        Double baseline,
        String baselineMeasure,
        String target,
        Boolean met) {
      Double ratio =
          baseline == null || baseline == 0 || Double.isNaN(baseline) ? null : value / baseline;
      return new Result(
          stage,
          measure,
          value,
          unit,
          baseline,
          baselineMeasure,
          ratio,
          target,
          met == null ? "" : met ? "met" : "MISSED");
    }

    /** A figure without a baseline (a target is absolute, or a figure only explains another). */
    static Result alone(
        String stage, String measure, double value, String unit, String target, Boolean met) {
      return of(stage, measure, value, unit, null, null, target, met);
    }
  }

  private final List<Result> results = new ArrayList<>();

  void add(Result r) {
    results.add(r);
  }

  List<Result> results() {
    return List.copyOf(results);
  }

  List<Result> of(String stage) {
    return results.stream().filter(r -> r.stage().equals(stage)).toList();
  }

  /** The table of the given figures, one line each, then the baselines named under it. */
  static String table(List<Result> rows) {
    StringBuilder out = new StringBuilder();
    String line = "%-10s %-78s %14s %14s %7s  %-26s %s%n";
    out.append(
        String.format(
            Locale.ROOT, line, "stage", "measure", "value", "baseline", "ratio", "target", ""));
    for (Result r : rows) {
      out.append(
          String.format(
              Locale.ROOT,
              line,
              r.stage(),
              r.measure(),
              format(r.value()) + (r.unit().isEmpty() ? "" : " " + r.unit()),
              r.baseline() == null ? "" : format(r.baseline()),
              r.ratio() == null ? "" : String.format(Locale.ROOT, "%.2f", r.ratio()),
              r.target(),
              r.verdict()));
    }
    Map<String, List<String>> baselines = new LinkedHashMap<>();
    rows.stream()
        .filter(r -> r.baselineMeasure() != null)
        .forEach(
            r ->
                baselines
                    .computeIfAbsent(r.baselineMeasure(), k -> new ArrayList<>())
                    .add(r.measure()));
    baselines.forEach(
        (baseline, measures) ->
            out.append("  baseline of \"")
                .append(measures.get(0))
                .append('"')
                .append(measures.size() > 1 ? " and " + (measures.size() - 1) + " more" : "")
                .append(": ")
                .append(baseline)
                .append(System.lineSeparator()));
    return out.toString();
  }

  static String format(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    return Math.abs(v) >= 100
        ? String.format(Locale.ROOT, "%,.0f", v)
        : String.format(Locale.ROOT, "%.2f", v);
  }

  /** The JSON of the given figures with what the run was (machine, options). */
  static String json(Map<String, Object> run, List<Result> rows) {
    Map<String, Object> json = new LinkedHashMap<>(run);
    json.put("results", rows);
    return JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(json);
  }

  /** Prints a stage's figures and writes them as {@code <dir>/<stage>.json}. */
  void endStage(String stage, Map<String, Object> run, Path dir, PrintStream out) {
    List<Result> rows = of(stage);
    out.println();
    out.print(table(rows));
    write(dir.resolve(stage + ".json"), json(run, rows));
  }

  static void write(Path file, String text) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }
}
