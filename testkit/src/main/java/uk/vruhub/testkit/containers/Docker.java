package uk.vruhub.testkit.containers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.function.Consumer;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

/** What the fault tests do to containers, and fixed host ports that survive a restart. */
public final class Docker {

  /**
   * Where {@link #freePort} draws from: below Linux's ephemeral range (from 32768), and below the
   * compose stack's brokers (29092 to 29094), which a test may start while another holds its ports.
   */
  private static final int FREE_PORTS_FROM = 21_000;

  private static final int FREE_PORTS_TO = 29_000;
  private static final java.util.Random RANDOM = new java.security.SecureRandom();
  private static final java.util.Set<Integer> ISSUED =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  private Docker() {}

  private static DockerClient client() {
    return DockerClientFactory.instance().client();
  }

  /** SIGKILL: the process dies at once, as in a crash or power cut. */
  public static void kill(GenericContainer<?> container) {
    client().killContainerCmd(container.getContainerId()).withSignal("KILL").exec();
  }

  /** Starts a stopped or killed container again, with its file system and port bindings. */
  public static void startAgain(GenericContainer<?> container) {
    client().startContainerCmd(container.getContainerId()).exec();
  }

  /** Restarts a running container (SIGTERM, then start). */
  public static void restart(GenericContainer<?> container) {
    client().restartContainerCmd(container.getContainerId()).withTimeout(30).exec();
  }

  /**
   * Freezes every process of the container: connections stay open and nothing answers. The cgroup
   * freezer can fail to catch a busy process ("unable to freeze"; runc thaws the container again),
   * so the pause is tried a few times before giving up.
   */
  public static void pause(GenericContainer<?> container) {
    RuntimeException last = null;
    for (int attempt = 1; attempt <= 10; attempt++) {
      try {
        client().pauseContainerCmd(container.getContainerId()).exec();
        return;
      } catch (com.github.dockerjava.api.exception.DockerException e) {
        if (String.valueOf(e.getMessage()).contains("unable to freeze")) {
          last = e;
          sleep(Duration.ofMillis(200));
        } else {
          throw e;
        }
      }
    }
    throw new IllegalStateException("The container could not be frozen in 10 attempts", last);
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }

  /** Thaws a paused container. */
  public static void unpause(GenericContainer<?> container) {
    client().unpauseContainerCmd(container.getContainerId()).exec();
  }

  /**
   * A free TCP port on this host, for a binding that must stay the same across restarts. Drawn from
   * 21000 to 28999, outside the range Linux gives outgoing connections their local ports from
   * (32768 to 60999 by default): a port from that range, freed while its container restarts, could
   * be taken by any client's new connection in the meantime, and the restart would fail to bind it.
   * No port is handed out twice in one JVM.
   */
  public static int freePort() {
    IOException last = null;
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = FREE_PORTS_FROM + RANDOM.nextInt(FREE_PORTS_TO - FREE_PORTS_FROM);
      if (!ISSUED.add(port)) {
        continue; // handed out already, perhaps not yet bound by its container
      }
      try (ServerSocket socket = new ServerSocket(port)) {
        socket.setReuseAddress(true);
        return socket.getLocalPort();
      } catch (IOException taken) {
        last = taken;
      }
    }
    throw new UncheckedIOException(
        "No free port between " + FREE_PORTS_FROM + " and " + FREE_PORTS_TO, last);
  }

  /**
   * Publishes {@code containerPort} on {@code hostPort}. Unlike Testcontainers' random mapping, the
   * binding is the same after the container is killed and started again, so clients and advertised
   * listeners keep working.
   */
  public static Consumer<CreateContainerCmd> bind(int hostPort, int containerPort) {
    return cmd -> {
      cmd.withExposedPorts(ExposedPort.tcp(containerPort));
      cmd.getHostConfig()
          .withPortBindings(
              new PortBinding(Ports.Binding.bindPort(hostPort), ExposedPort.tcp(containerPort)));
    };
  }
}
