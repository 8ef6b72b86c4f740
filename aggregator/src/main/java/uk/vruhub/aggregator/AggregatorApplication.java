package uk.vruhub.aggregator;

import java.util.Arrays;
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
    SpringApplication.run(AggregatorApplication.class, args);
  }
}
