package uk.vruhub.policy.cli;

import java.util.Locale;

/**
 * The command line's logging: SLF4J Simple, writing to standard error, configured through its
 * system properties. Avro and Kafka's client log through SLF4J at INFO (schema parsing, client
 * configuration) and an operator reading a report must not have to wade through that, so by default
 * only warnings and errors of the hub's own code are shown; {@code --log-level} or {@code
 * --verbose} asks for more. SLF4J Simple reads its default level once, when the first logger is
 * made, so all of this happens before a command runs.
 *
 * <p>Run from a service's image, whose class path has Logback instead, the command line points
 * Logback at its own configuration ({@code uk/vruhub/policy/cli/logback.xml}), which reads the same
 * properties.
 */
final class CliLogging {

  /** The levels SLF4J Simple knows, as the option takes them. */
  enum Level {
    OFF,
    ERROR,
    WARN,
    INFO,
    DEBUG,
    TRACE
  }

  private static final String PREFIX = "org.slf4j.simpleLogger.";
  private static final String OURS = PREFIX + "log.uk.vruhub";

  private CliLogging() {}

  /**
   * Nothing from the libraries, warnings and errors from the hub's own code. A level given with
   * {@code -Dorg.slf4j.simpleLogger...} on the java command line is left as it is.
   */
  static void quietByDefault() {
    setIfAbsent(PREFIX + "defaultLogLevel", "off");
    setIfAbsent(OURS, "warn");
    setIfAbsent(PREFIX + "logFile", "System.err");
    setIfAbsent(PREFIX + "showThreadName", "false");
    setIfAbsent(PREFIX + "showShortLogName", "true");
    setIfAbsent("logback.configurationFile", "uk/vruhub/policy/cli/logback.xml");
  }

  /** Every logger, the libraries' and ours, at this level and above. */
  static void level(Level level) {
    String name = level.name().toLowerCase(Locale.ROOT);
    System.setProperty(PREFIX + "defaultLogLevel", name);
    System.setProperty(OURS, name);
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
