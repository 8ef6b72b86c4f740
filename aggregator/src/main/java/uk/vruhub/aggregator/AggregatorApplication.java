package uk.vruhub.aggregator;

import java.util.Arrays;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import uk.vruhub.aggregator.cli.TopHotspots;

/**
 * The aggregator: hotspot and cohort streams under the policy, and the analyst API. With {@code
 * top-hotspots} as its first argument it is instead the analyst's command-line view of the hotspot
 * topic.
 */
@SpringBootApplication
public class AggregatorApplication {

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("top-hotspots")) {
      System.exit(TopHotspots.run(Arrays.copyOfRange(args, 1, args.length)));
    }
    try {
      SpringApplication.run(AggregatorApplication.class, args);
    } catch (RuntimeException e) {
      // Spring has logged why. A refusal that names its exit code (a policy that breaks the rules)
      // exits with it: Spring's own exit-code event cannot reach a context that failed to start.
      int code = exitCode(e);
      if (code != 0) {
        System.exit(code);
      }
      throw e;
    }
  }

  /** The exit code of the first cause of a failed start that names one; 0 when none does. */
  static int exitCode(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ExitCodeGenerator generator) {
        return generator.getExitCode();
      }
    }
    return 0;
  }
}
