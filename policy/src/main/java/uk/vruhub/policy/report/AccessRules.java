package uk.vruhub.policy.report;

import java.util.ArrayList;
import java.util.List;
import uk.vruhub.policy.Policy;
import uk.vruhub.policy.model.Recipient;
import uk.vruhub.schemas.topics.TopicCatalogue;
import uk.vruhub.schemas.topics.TopicSpec;

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

  /** Every grant: recipients read their topics; each service writes and reads only its own. */
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
              "consumer groups of " + r.id()));
    }
    for (String agency : List.of("police", "health", "education")) {
      String principal = "User:ingest-" + agency;
      for (TopicSpec topic : catalogue.all()) {
        if (topic.name().startsWith(agency + ".")) {
          out.add(
              new Grant(
                  principal,
                  "topic",
                  topic.name(),
                  false,
                  List.of("Write", "Describe"),
                  "the " + agency + " ingest service publishes " + topic.id()));
        }
      }
      out.add(
          new Grant(
              principal,
              "topic",
              agency + ".feed-receipts.v1",
              false,
              List.of("Read"),
              "the feed ledger is rebuilt from receipts at start-up"));
      out.add(
          new Grant(
              principal,
              "transactionalId",
              "ingest-" + agency,
              true,
              List.of("Write", "Describe"),
              "one transaction per feed"));
    }
    for (TopicSpec topic : catalogue.all()) {
      if ("internal".equals(topic.level())) {
        out.add(
            new Grant(
                "User:aggregator",
                "topic",
                topic.name(),
                false,
                List.of("Read", "Describe"),
                "only the aggregator reads agency events"));
      } else if (topic.name().startsWith("hub.")) {
        out.add(
            new Grant(
                "User:aggregator",
                "topic",
                topic.name(),
                false,
                List.of("Write", "Describe"),
                "the aggregator publishes " + topic.id() + " under the policy"));
      }
    }
    out.add(
        new Grant(
            "User:aggregator",
            "topic",
            "vru-aggregator",
            true,
            List.of("All"),
            "Kafka Streams internal topics"));
    out.add(
        new Grant(
            "User:aggregator",
            "group",
            "vru-aggregator",
            true,
            List.of("Read"),
            "Kafka Streams consumer group"));
    out.add(
        new Grant(
            "User:aggregator",
            "transactionalId",
            "vru-aggregator",
            true,
            List.of("Write", "Describe"),
            "exactly-once processing"));
    out.add(
        new Grant(
            "User:registry",
            "topic",
            "_schemas",
            false,
            List.of("All"),
            "the schema registry's store"));
    return out;
  }
}
