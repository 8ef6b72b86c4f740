package uk.vruhub.testkit.containers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.testcontainers.DockerClientFactory;

/**
 * Runs a {@link ContainerTest} only where a Docker engine answers and its images exist; otherwise
 * skips it with the reason, or fails it when {@code hub.it.docker.required} is true.
 */
public final class DockerCondition implements ExecutionCondition {

  /** The switch CI sets: "skipped for lack of Docker" becomes a failure. */
  public static final String REQUIRED = "hub.it.docker.required";

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    ContainerTest test =
        AnnotationSupport.findAnnotation(context.getElement(), ContainerTest.class).orElse(null);
    if (test == null) {
      return ConditionEvaluationResult.enabled("not a container test");
    }
    String missing = missing(test);
    if (missing == null) {
      return ConditionEvaluationResult.enabled("Docker engine and images present");
    }
    if (Boolean.getBoolean(REQUIRED)) {
      throw new IllegalStateException(
          missing + ", and " + REQUIRED + "=true: container tests must run here");
    }
    System.out.println("[container tests] skipped: " + missing);
    return ConditionEvaluationResult.disabled("Skipped: " + missing);
  }

  /**
   * A machine with no Docker at all has no socket to talk to: say so at once, before Testcontainers
   * spends minutes retrying a connection that cannot succeed.
   */
  private static boolean noSocket() {
    String host = System.getenv("DOCKER_HOST");
    if (host == null || host.isBlank()) {
      return !Files.exists(Path.of("/var/run/docker.sock"));
    }
    return host.startsWith("unix://") && !Files.exists(Path.of(host.substring("unix://".length())));
  }

  private static String missing(ContainerTest test) {
    if (noSocket()) {
      return "no Docker engine: no socket at DOCKER_HOST or /var/run/docker.sock"
          + " (see deploy/docker/README.md)";
    }
    boolean docker;
    try {
      docker = DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      docker = false;
    }
    if (!docker) {
      return "no Docker engine is reachable (see deploy/docker/README.md)";
    }
    List<String> images = new ArrayList<>();
    images.add(Images.kafka());
    for (String service : test.images()) {
      images.add(Images.service(service));
    }
    List<String> absent = new ArrayList<>();
    for (String image : images) {
      try {
        DockerClientFactory.lazyClient().inspectImageCmd(image).exec();
      } catch (RuntimeException e) {
        absent.add(image);
      }
    }
    return absent.isEmpty()
        ? null
        : "images not built: " + String.join(", ", absent) + " (run deploy/docker/build-images.sh)";
  }
}
