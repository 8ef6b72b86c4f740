package uk.vruhub.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ports the hub is about to listen on, checked before anything starts: the same port given
 * twice, a port outside 1–65535 or one another program already holds is said in one sentence naming
 * the option, rather than as a stack trace from whichever component binds it second.
 */
final class Ports {

  private final Map<String, Integer> byOption = new LinkedHashMap<>();

  /** Adds a port under the option (or option and offset) that sets it. */
  Ports with(String option, int port) {
    byOption.put(option, port);
    return this;
  }

  /** What is wrong with the ports, if anything: one problem a line. */
  Optional<String> problems() {
    List<String> problems = new ArrayList<>();
    Map<Integer, String> seen = new LinkedHashMap<>();
    byOption.forEach(
        (option, port) -> {
          if (port < 1 || port > 65_535) {
            problems.add(option + " is " + port + "; a port is a number from 1 to 65535.");
            return;
          }
          String other = seen.putIfAbsent(port, option);
          if (other != null) {
            problems.add("Port " + port + " is given to both " + other + " and " + option + ".");
          } else if (!free(port)) {
            problems.add(
                "Port "
                    + port
                    + " ("
                    + option
                    + ") is in use by another program; stop it, or choose another port with "
                    + option.replaceAll(" .*", "")
                    + ".");
          }
        });
    return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("\n", problems));
  }

  private static boolean free(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
