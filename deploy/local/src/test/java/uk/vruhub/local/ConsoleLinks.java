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
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import uk.vruhub.security.TrustedCa;

/**
 * Follows what the "running" banner tells a newcomer to open: every URL it prints must answer 200
 * over HTTPS trusting only the CA certificate the banner names (with the token, or the registry
 * user and password file, the same line names, where it names one), and every file and folder it
 * names must exist. A URL printed but not served, a token file that does not open its endpoint, or
 * a CA that does not verify the services, fails here before a user meets it.
 */
final class ConsoleLinks {

  private static final Pattern URL = Pattern.compile("https?://[^\\s)>]+");

  /** {@code Bearer <file>} or {@code token in file;} on the same line. */
  private static final Pattern TOKEN_FILE =
      Pattern.compile("(?:Bearer <([^>]+)>|token in ([^;)\\s]+))");

  /** {@code curl -u user:$(cat file)}: a registry user and the file holding its password. */
  private static final Pattern BASIC_USER =
      Pattern.compile("-u ([A-Za-z0-9._-]+):\\$\\(cat ([^)\\s]+)\\)");

  private static final String CA_LABEL = "CA certificate:";

  /** {@code Label: path} lines whose value (its first word) is a file or folder, not a URL. */
  private static final List<String> PATH_LABELS =
      List.of(CA_LABEL, "Recipients' tokens:", "Policy report:", "Logs:", "Data folder:");

  private ConsoleLinks() {}

  /** What was followed, one line each, for the test's report. */
  static List<String> assertAllAnswer(String console) throws IOException, InterruptedException {
    int banner = console.indexOf("The VRU hub is running.");
    assertThat(banner).as("the running banner").isNotNegative();
    List<String> followed = new ArrayList<>();
    HttpClient http = trustingThePrintedCa(console.substring(banner));
    for (String line : console.substring(banner).split("\\R")) {
      Matcher token = TOKEN_FILE.matcher(line);
      String authorization = null;
      if (token.find()) {
        Path file = Path.of(token.group(1) != null ? token.group(1) : token.group(2));
        assertThat(file).as("token file named on: %s", line.strip()).isRegularFile();
        authorization = "Bearer " + Files.readString(file, StandardCharsets.UTF_8).strip();
      }
      Matcher user = BASIC_USER.matcher(line);
      if (user.find()) {
        Path file = Path.of(user.group(2));
        assertThat(file).as("password file named on: %s", line.strip()).isRegularFile();
        authorization =
            "Basic "
                + Base64.getEncoder()
                    .encodeToString(
                        (user.group(1)
                                + ":"
                                + Files.readString(file, StandardCharsets.UTF_8).strip())
                            .getBytes(StandardCharsets.UTF_8));
      }
      Matcher url = URL.matcher(line);
      while (url.find()) {
        String address = url.group();
        HttpRequest.Builder request =
            HttpRequest.newBuilder(URI.create(address)).timeout(Duration.ofSeconds(30)).GET();
        if (authorization != null) {
          request.header("Authorization", authorization);
        }
        HttpResponse<String> answer =
            http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode())
            .as("GET %s (printed on: %s) answered %s", address, line.strip(), answer.body())
            .isEqualTo(200);
        followed.add(
            answer.statusCode()
                + " "
                + address
                + (authorization == null
                    ? ""
                    : authorization.startsWith("Bearer") ? " (token)" : " (registry user)"));
      }
      for (String label : PATH_LABELS) {
        int at = line.indexOf(label);
        if (at >= 0) {
          Path path = Path.of(line.substring(at + label.length()).strip().split("\\s+")[0]);
          assertThat(path).as("%s %s", label, path).exists();
          followed.add("exists " + path);
        }
      }
    }
    return followed;
  }

  /** A client that trusts the CA certificate the banner names, and nothing else. */
  private static HttpClient trustingThePrintedCa(String banner) {
    for (String line : banner.split("\\R")) {
      int at = line.indexOf(CA_LABEL);
      if (at >= 0) {
        Path ca = Path.of(line.substring(at + CA_LABEL.length()).strip().split("\\s+")[0]);
        assertThat(ca).as("the CA certificate the banner names").isRegularFile();
        assertThat(line).contains("curl --cacert " + ca);
        return HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(10))
            .sslContext(TrustedCa.sslContext(ca))
            .build();
      }
    }
    throw new AssertionError("The banner names no CA certificate (" + CA_LABEL + ")");
  }
}
