package uk.vruhub.testkit;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives integration tests a real broker and registry ({@link HubEnvironment}), started once per
 * test JVM and shared by every test class that uses the extension, then stopped when the JVM's
 * tests end. Tests take it as a parameter, or from {@link #shared()} in a static
 * {@code @DynamicPropertySource} method of a Spring test.
 */
public final class HubExtension implements BeforeAllCallback, ParameterResolver {

  /**
   * {@code -Dhub.it.mode=containers} runs the broker and registry as containers of the hub's images
   * (Docker and {@code deploy/docker/build-images.sh} needed); the default is in-process.
   */
  public static final String MODE = "hub.it.mode";

  private static final Object LOCK = new Object();
  private static HubEnvironment shared;

  /** The shared environment, started on first use. */
  public static HubEnvironment shared() {
    synchronized (LOCK) {
      if (shared == null) {
        shared =
            "containers".equals(System.getProperty(MODE))
                ? uk.vruhub.testkit.containers.ContainerHub.start()
                : new EmbeddedHub();
        HubEnvironment started = shared;
        Runtime.getRuntime()
            .addShutdownHook(new Thread(started::close, "hub-test-environment-stop"));
        started.createTopics();
      }
      return shared;
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    shared();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == HubEnvironment.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return shared();
  }
}
