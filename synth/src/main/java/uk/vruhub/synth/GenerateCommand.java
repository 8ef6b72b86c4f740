package uk.vruhub.synth;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code generate}: writes a synthetic partnership's nightly extracts and their ground truth.
 *
 * <pre>
 * java -cp synth.jar:commons-csv.jar:picocli.jar uk.vruhub.synth.GenerateCommand --out target/synth
 * </pre>
 */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description =
        "Writes synthetic police, health and education extracts (fictional people and places) with"
            + " the ground truth beside them.")
public final class GenerateCommand implements Callable<Integer> {

  @Option(names = "--out", required = true, description = "Folder to write into.")
  Path out;

  @Option(
      names = "--seed",
      defaultValue = "20261123",
      description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--residents",
      defaultValue = "250000",
      description = "Residents of the synthetic VRU area (default: ${DEFAULT-VALUE}).")
  int residents;

  @Option(
      names = "--start",
      description = "First extract date (default: the nights before today, ending yesterday).")
  LocalDate start;

  @Option(
      names = "--nights",
      defaultValue = "91",
      description = "Nightly extracts per agency (default: ${DEFAULT-VALUE}).")
  int nights;

  @Option(
      names = "--planted-hotspots",
      defaultValue = "4",
      description = "Neighbourhood-months given a known excess (default: ${DEFAULT-VALUE}).")
  int planted;

  @Option(
      names = "--mess",
      defaultValue = "default",
      description =
          "How messy the extracts are: default (the demo's), hard (also swapped and transposed"
              + " dates of birth, double-barrelled, Polish and Nordic names in ASCII, middle names,"
              + " unlisted nicknames, moves, unknown sex, twins and namesakes) or none"
              + " (default: ${DEFAULT-VALUE}).")
  String messName;

  @Option(names = "--clean", description = "No mess (the same as --mess none).")
  boolean clean;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    LocalDate first = start != null ? start : LocalDate.now().minusDays(nights);
    SynthSettings base = SynthSettings.demo(seed, first);
    SynthSettings settings;
    try {
      SynthSettings.Mess mess =
          clean ? SynthSettings.Mess.none() : SynthSettings.Mess.named(messName);
      settings =
          new SynthSettings(
              seed,
              residents,
              first,
              nights,
              base.crimesPer1000(),
              base.edPer1000(),
              base.schoolPer1000(),
              planted,
              mess);
    } catch (IllegalArgumentException e) {
      // A value out of range is a usage error: said in one line with the usage, not a stack trace.
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    Generator.Summary s = Generator.generate(settings, out, System.out::println);
    System.out.printf(
        "Wrote %,d feeds to %s: %,d police, %,d ED and %,d school rows (%,d broken on purpose,"
            + " %,d corrections, %,d withdrawals) about %,d people; truth in %s%n",
        s.feeds(),
        out.resolve("feeds"),
        s.policeRows(),
        s.edRows(),
        s.schoolRows(),
        s.malformedRows(),
        s.corrections(),
        s.withdrawals(),
        s.people(),
        out.resolve("truth"));
    return 0;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new GenerateCommand()).execute(args));
  }
}
