package uk.vruhub.security;

import java.util.List;

/**
 * The names of the hub's own Kafka principals. Recipients' principals come from the policy ({@code
 * recipients[].principal}); these are the components', one each, so an ACL can say exactly which
 * service may do what.
 */
public final class HubPrincipals {

  /** Brokers talking to each other (a super user of the cluster). */
  public static final String BROKER = "broker";

  /**
   * The topic and ACL job ({@code policy apply}): creates topics, alters their configuration and
   * writes the ACLs the policy implies, so it must be a super user (the first ACL cannot be granted
   * by anyone else). Services never use it.
   */
  public static final String ADMIN = "hub-admin";

  /** The schema registry's store on Kafka. */
  public static final String REGISTRY = "registry";

  /** The aggregator (Kafka Streams). */
  public static final String AGGREGATOR = "aggregator";

  /** The agencies with an ingest service. */
  public static final List<String> AGENCIES = List.of("police", "health", "education");

  private HubPrincipals() {}

  /** The ingest service of an agency, e.g. {@code ingest-police}. */
  public static String ingest(String agency) {
    return "ingest-" + agency;
  }

  /** Kafka's name for a SCRAM user, e.g. {@code User:aggregator}. */
  public static String user(String name) {
    return "User:" + name;
  }

  /** Every component principal except the brokers', in a stable order. */
  public static List<String> components() {
    return List.of(
        ADMIN, REGISTRY, AGGREGATOR, ingest("police"), ingest("health"), ingest("education"));
  }
}
