package uk.vruhub.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps the README's first screen honest: the "running" banner it shows must be what the hub prints
 * — the same lines in the same order, with only ports and folders differing (the README may leave
 * lines out with "...").
 */
final class ReadmeBanner {

  private static final Path README = Path.of("../../README.md");
  private static final Pattern LINE = Pattern.compile("^  ([A-Z][^:]{2,40}:) +(\\S+)(.*)$");

  private ReadmeBanner() {}

  static void assertMatches(String console) throws IOException {
    List<String> readme = bannerLines(Files.readString(README, StandardCharsets.UTF_8));
    List<String> printed = bannerLines(console);
    assertThat(readme).as("banner lines in %s", README).isNotEmpty();
    assertThat(printed).containsSubsequence(readme);
  }

  /** The banner's label lines, with hosts, ports and folders reduced to their shape. */
  private static List<String> bannerLines(String text) {
    int start = text.indexOf("The VRU hub is running.");
    assertThat(start).as("the running banner").isNotNegative();
    List<String> lines = new ArrayList<>();
    for (String line : text.substring(start).split("\\R")) {
      if (line.startsWith("```") || line.startsWith("Press Ctrl-C")) {
        break;
      }
      Matcher m = LINE.matcher(line);
      if (m.matches()) {
        lines.add(m.group(1) + " " + shape(m.group(2)) + shape(m.group(3)));
      }
    }
    return lines;
  }

  /** Ports to PORT, and every file path to its last two parts (README and test use other roots). */
  private static String shape(String value) {
    return value
        .replaceAll("localhost:\\d+", "localhost:PORT")
        .replaceAll("(?<=^|[\\s<(])(?!https?:)[^\\s<>;()]*/([^\\s<>;()/]+/[^\\s<>;()/]+)", "$1")
        .replaceAll("\\s+", " ")
        .strip();
  }
}
