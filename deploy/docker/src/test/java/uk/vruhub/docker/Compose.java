package uk.vruhub.docker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs Docker Compose: the compose plugin ({@code docker compose}) or Debian's docker-compose. */
final class Compose {

  private Compose() {}

  /** The compose command this machine has. */
  static List<String> command() throws InterruptedException {
    if (works(List.of("docker", "compose", "version"))) {
      return List.of("docker", "compose");
    }
    if (works(List.of("docker-compose", "version"))) {
      return List.of("docker-compose");
    }
    throw new IllegalStateException(
        "Neither 'docker compose' nor 'docker-compose' is installed (apt-get install"
            + " docker-compose)");
  }

  private static boolean works(List<String> command) throws InterruptedException {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    }
  }

  /** Runs a compose command with extra environment; fails with its output if it fails. */
  static void run(List<String> command, Map<String, String> env, Duration timeout)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    env.forEach(
        (k, v) -> {
          if (!k.contains(".")) {
            builder.environment().put(k, v);
          }
        });
    Process process = builder.start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " did not finish in time");
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException(
          String.join(" ", command)
              + " failed ("
              + process.exitValue()
              + "):\n"
              + new String(output, StandardCharsets.UTF_8));
    }
  }
}
