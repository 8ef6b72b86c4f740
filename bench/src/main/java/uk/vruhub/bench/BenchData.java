package uk.vruhub.bench;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import uk.vruhub.synth.Generator;
import uk.vruhub.synth.SynthSettings;

/** Synthetic inputs for the benchmarks, from the synth generator (fictional people and places). */
public final class BenchData {

  /** A fixed date well in the past, so every generated date passes "not in the future". */
  public static final LocalDate START = LocalDate.of(2025, 1, 6);

  private BenchData() {}

  /**
   * One backfill extract per agency: every nightly file of an agency concatenated in date order
   * under one header, as a partnership loading a year at once would send it.
   */
  public static Path backfill(Path generated, String agency, Path out) {
    try (Stream<Path> files = Files.list(generated.resolve("feeds").resolve(agency));
        var writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      boolean header = true;
      for (Path f : files.sorted().toList()) {
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        String first = lines.get(0).replace("\uFEFF", "");
        if (header) {
          writer.write(first + "\r\n");
          header = false;
        }
        // Rows may hold quoted newlines; they are kept whole because only the header line of
        // each file is dropped.
        for (String line : lines.subList(1, lines.size())) {
          writer.write(line + "\r\n");
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Generates a partnership's extracts into {@code dir} (geography, feeds, truth). */
  public static Generator.Summary generate(Path dir, int residents, int nights, long seed) {
    return generate(dir, residents, nights, seed, m -> {});
  }

  /** As {@link #generate(Path, int, int, long)}, telling {@code progress} how far it has got. */
  public static Generator.Summary generate(
      Path dir,
      int residents,
      int nights,
      long seed,
      java.util.function.Consumer<String> progress) {
    SynthSettings demo = SynthSettings.demo(seed, START);
    SynthSettings settings =
        new SynthSettings(
            seed,
            residents,
            START,
            nights,
            demo.crimesPer1000(),
            demo.edPer1000(),
            demo.schoolPer1000(),
            demo.plantedHotspots(),
            SynthSettings.Mess.defaults().withoutBrokenRows());
    return Generator.generate(settings, dir, progress);
  }

  /**
   * One police feed of at least {@code rows} rows: the generated nightly police rows, repeated with
   * fresh crime references until there are enough.
   */
  public static byte[] policeFeed(Path generated, int rows) {
    return policeFeed(generated, rows, "");
  }

  /**
   * As {@link #policeFeed(Path, int)}, every crime reference prefixed by {@code tag} (letters and
   * digits) so that feeds with different tags share no record.
   */
  public static byte[] policeFeed(Path generated, int rows, String tag) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writePoliceFeed(generated, rows, tag, out);
    return out.toByteArray();
  }

  /**
   * As {@link #policeFeed(Path, int, String)}, streamed into a file: memory stays bounded whatever
   * the number of rows.
   */
  public static Path writePoliceFeed(Path generated, int rows, String tag, Path file) {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      writePoliceFeed(generated, rows, tag, out);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writePoliceFeed(Path generated, int rows, String tag, OutputStream out) {
    try (Stream<Path> files = Files.list(generated.resolve("feeds/police"))) {
      List<Path> nightly = files.sorted().toList();
      if (nightly.isEmpty()) {
        throw new IllegalStateException("No police feeds in " + generated);
      }
      String prefix = tag.isEmpty() ? "" : tag + "-";
      String header = null;
      int written = 0;
      for (int round = 0; written < rows; round++) {
        for (Path f : nightly) {
          List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
          if (header == null) {
            header = lines.get(0);
            out.write((header + "\r\n").getBytes(StandardCharsets.UTF_8));
          }
          for (String line : lines.subList(1, lines.size())) {
            if (written >= rows) {
              break;
            }
            // Crime references look like 99/000123/25; a round prefix keeps them unique.
            String row =
                round == 0
                    ? line
                    : line.replaceFirst(
                        "^99/",
                        String.format("9%d/", round % 10)
                            + (round / 10 > 0 ? "R" + round / 10 + "-" : ""));
            out.write((prefix + row + "\r\n").getBytes(StandardCharsets.UTF_8));
            written++;
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
