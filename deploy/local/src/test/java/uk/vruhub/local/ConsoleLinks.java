package uk.vruhub.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows what the "running" banner tells a newcomer to open: every URL it prints must answer 200
 * (with the token the same line names, where it names one), and every file and folder it names must
 * exist. A URL printed but not served, or a token file that does not open its endpoint, fails here
 * before a user meets it.
 */
final class ConsoleLinks {

  private static final Pattern URL = Pattern.compile("https?://[^\\s)>]+");

  /** {@code Bearer <file>} or {@code token in file;} on the same line. */
  private static final Pattern TOKEN_FILE =
      Pattern.compile("(?:Bearer <([^>]+)>|token in ([^;)\\s]+))");

  /** {@code Label: path} lines whose value is a file or folder rather than a URL. */
  private static final List<String> PATH_LABELS =
      List.of("Policy report:", "Logs:", "Data folder:");

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NORMAL)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  private ConsoleLinks() {}

  /** What was followed, one line each, for the test's report. */
  static List<String> assertAllAnswer(String console) throws IOException, InterruptedException {
    int banner = console.indexOf("The VRU hub is running.");
    assertThat(banner).as("the running banner").isNotNegative();
    List<String> followed = new ArrayList<>();
    for (String line : console.substring(banner).split("\\R")) {
      Matcher token = TOKEN_FILE.matcher(line);
      String bearer = null;
      if (token.find()) {
        Path file = Path.of(token.group(1) != null ? token.group(1) : token.group(2));
        assertThat(file).as("token file named on: %s", line.strip()).isRegularFile();
        bearer = Files.readString(file, StandardCharsets.UTF_8).strip();
      }
      Matcher url = URL.matcher(line);
      while (url.find()) {
        String address = url.group();
        HttpRequest.Builder request =
            HttpRequest.newBuilder(URI.create(address)).timeout(Duration.ofSeconds(30)).GET();
        if (bearer != null) {
          request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> answer =
            HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode())
            .as("GET %s (printed on: %s) answered %s", address, line.strip(), answer.body())
            .isEqualTo(200);
        followed.add(answer.statusCode() + " " + address + (bearer != null ? " (token)" : ""));
      }
      for (String label : PATH_LABELS) {
        int at = line.indexOf(label);
        if (at >= 0) {
          Path path = Path.of(line.substring(at + label.length()).strip());
          assertThat(path).as("%s %s", label, path).exists();
          followed.add("exists " + path);
        }
      }
    }
    return followed;
  }
}
