package uk.vruhub.policy.report;

import java.util.ArrayList;
import java.util.List;
import uk.vruhub.policy.Policy;
import uk.vruhub.policy.model.Recipient;
import uk.vruhub.schemas.topics.TopicCatalogue;
import uk.vruhub.schemas.topics.TopicSpec;
import uk.vruhub.security.HubPrincipals;

/**
 * Who may do what on which topic, derived from the policy's recipients and the hub's own services,
 * so the ACLs a cluster enforces are generated from the agreement rather than typed by hand.
 */
public final class AccessRules {

  /**
   * One grant.
   *
   * @param principal e.g. {@code User:vru-analyst}
   * @param resourceType {@code topic}, {@code group} or {@code transactionalId}
   * @param name resource name
   * @param prefixed whether the name is a prefix
   * @param operations Kafka operations, e.g. {@code Read}, {@code Describe}
   * @param why the reason, for the report
   */
  public record Grant(
      String principal,
      String resourceType,
      String name,
      boolean prefixed,
      List<String> operations,
      String why) {}

  private AccessRules() {}

  /**
   * The Kafka Streams application id of the aggregator: its consumer group, and the prefix of its
   * internal topics and transactional ids. An aggregator run under another id (a test's own, say)
   * must start with it to be let in.
   */
  public static final String AGGREGATOR_APPLICATION_ID = "vru-aggregator";

  /** The topic the schema registry keeps its registrations in. */
  public static final String SCHEMAS_TOPIC = "_schemas";

  /**
   * Every grant, and nothing more than the hub's components need: recipients read the topics the
   * policy lists for them; each ingest service writes only its agency's topics; the aggregator
   * reads the agency topics and writes the outputs; the registry keeps its own topic. Read, Write,
   * Delete and Alter imply Describe in Kafka; Describe is listed anyway where a component asks for
   * metadata or offsets without reading, so the grant says why.
   */
  public static List<Grant> grants(Policy policy, TopicCatalogue catalogue) {
    List<Grant> out = new ArrayList<>();
    for (Recipient r : policy.recipients()) {
      for (String topicId : r.topics()) {
        TopicSpec topic = catalogue.byId(topicId);
        out.add(
            new Grant(
                r.principal(),
                "topic",
                topic.name(),
                false,
                List.of("Read", "Describe"),
                r.id() + " receives level " + topic.level() + " " + topicId));
      }
      out.add(
          new Grant(
              r.principal(),
              "group",
              r.id(),
              true,
              List.of("Read"),
              "consumer groups of " + r.id() + " (their names start with its id)"));
    }
    for (String agency : HubPrincipals.AGENCIES) {
      String principal = HubPrincipals.user(HubPrincipals.ingest(agency));
      for (TopicSpec topic : catalogue.all()) {
        if (topic.name().startsWith(agency + ".")) {
          out.add(
              new Grant(
                  principal,
                  "topic",
                  topic.name(),
                  false,
                  List.of("Write", "Describe"),
                  "the "
                      + agency
                      + " ingest service publishes "
                      + topic.id()
                      + " (idempotent, in one transaction per feed)"));
        }
      }
      out.add(
          new Grant(
              principal,
              "topic",
              agency + ".feed-receipts.v1",
              false,
              List.of("Read"),
              "the feed ledger is rebuilt from receipts at start-up (assigned, no group)"));
      out.add(
          new Grant(
              principal,
              "transactionalId",
              HubPrincipals.ingest(agency),
              true,
              List.of("Write", "Describe"),
              "one transaction per feed"));
    }
    String aggregator = HubPrincipals.user(HubPrincipals.AGGREGATOR);
    for (TopicSpec topic : catalogue.all()) {
      if ("internal".equals(topic.level())) {
        out.add(
            new Grant(
                aggregator,
                "topic",
                topic.name(),
                false,
                List.of("Read", "Describe"),
                "only the aggregator reads agency events"));
      } else if (publishedByTheAggregator(topic)) {
        out.add(
            new Grant(
                aggregator,
                "topic",
                topic.name(),
                false,
                List.of("Write", "Describe"),
                "the aggregator publishes " + topic.id() + " under the policy"));
        if (TopicCatalogue.Ids.AUDIT.equals(topic.id())) {
          out.add(
              new Grant(
                  aggregator,
                  "topic",
                  topic.name(),
                  false,
                  List.of("Read"),
                  "the governance page shows the audit trail (assigned, no group)"));
        }
      } else if (topic.id().endsWith("-feed-receipts")) {
        out.add(
            new Grant(
                aggregator,
                "topic",
                topic.name(),
                false,
                List.of("Read", "Describe"),
                "the aggregator's status and data tracker show each agency's feeds"));
      }
    }
    out.add(
        new Grant(
            aggregator,
            "topic",
            AGGREGATOR_APPLICATION_ID,
            true,
            List.of("Create", "Read", "Write", "Describe", "DescribeConfigs", "Delete"),
            "Kafka Streams internal topics: created and checked at start, repartition records"
                + " purged once processed"));
    out.add(
        new Grant(
            aggregator,
            "group",
            AGGREGATOR_APPLICATION_ID,
            true,
            List.of("Read", "Describe"),
            "Kafka Streams consumer group; the status endpoint reads its offsets for the lag"));
    out.add(
        new Grant(
            aggregator,
            "transactionalId",
            AGGREGATOR_APPLICATION_ID,
            true,
            List.of("Write", "Describe"),
            "exactly-once processing"));
    out.add(
        new Grant(
            HubPrincipals.user(HubPrincipals.REGISTRY),
            "topic",
            SCHEMAS_TOPIC,
            false,
            List.of("Create", "Read", "Write", "Describe"),
            "the schema registry's store: created at first start, replayed (assigned, no group)"
                + " and appended to"));
    return out;
  }

  /**
   * The outputs (level 1 and 2) and the audit topic, by what they are rather than their names, so a
   * topic spec that renames them (a test's, say) gets the same grants.
   */
  private static boolean publishedByTheAggregator(TopicSpec topic) {
    return "1".equals(topic.level())
        || "2".equals(topic.level())
        || TopicCatalogue.Ids.AUDIT.equals(topic.id());
  }

  /**
   * Every principal the grants name or the hub runs as, without the {@code User:} prefix: the
   * components' and the policy's recipients'. Each needs a SCRAM credential.
   */
  public static List<String> kafkaUsers(Policy policy) {
    List<String> out = new ArrayList<>(HubPrincipals.components());
    for (Recipient r : policy.recipients()) {
      String name = r.principal().substring(r.principal().indexOf(':') + 1);
      if (!out.contains(name)) {
        out.add(name);
      }
    }
    return out;
  }
}
