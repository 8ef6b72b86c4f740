package uk.vruhub.aggregator.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import uk.vruhub.security.HubPrincipals;
import uk.vruhub.testkit.HubEnvironment;

/**
 * What an aggregator under test runs with, as the local hub runs it: Kafka as {@code
 * User:aggregator}, HTTPS with the test certificate, the registry as the aggregator's own user over
 * HTTPS, and every recipient's token.
 */
final class SecuredArgs {

  private SecuredArgs() {}

  static List<String> of(HubEnvironment hub) {
    List<String> out = new ArrayList<>();
    add(out, hub.serviceProperties(HubPrincipals.AGGREGATOR));
    add(out, hub.serverTlsProperties());
    add(out, hub.registryClientProperties("hub.aggregator.registry", HubPrincipals.AGGREGATOR));
    add(out, hub.secrets().recipientTokenProperties());
    return out;
  }

  /** The arguments with these in front. */
  static String[] with(HubEnvironment hub, String... args) {
    List<String> out = of(hub);
    out.addAll(List.of(args));
    return out.toArray(String[]::new);
  }

  private static void add(List<String> out, Map<String, String> properties) {
    properties.forEach((k, v) -> out.add("--" + k + "=" + v));
  }
}
