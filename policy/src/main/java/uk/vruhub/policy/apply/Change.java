package uk.vruhub.policy.apply;

/**
 * One change the topic job made to the cluster, as the line it prints.
 *
 * @param kind what sort of change, for the summary
 * @param text e.g. {@code granted User:vru-analyst Read topic:hub.hotspots.v1}
 */
public record Change(Kind kind, String text) {

  /** The sorts of change, in the order the summary counts them. */
  public enum Kind {
    TOPIC_CREATED("topic created", "topics created", true),
    PARTITIONS_INCREASED("partition count increased", "partition counts increased", true),
    CONFIG_SET("topic config set", "topic configs set", true),
    CONFIG_REMOVED("topic config removed", "topic configs removed", true),
    ACL_GRANTED("ACL binding granted", "ACL bindings granted", false),
    ACL_REVOKED("ACL binding revoked", "ACL bindings revoked", false),
    SCRAM_SET("SCRAM credential set", "SCRAM credentials set", false);

    private final String one;
    private final String many;
    private final boolean topic;

    Kind(String one, String many, boolean topic) {
      this.one = one;
      this.many = many;
      this.topic = topic;
    }

    /** How the summary counts it: "1 topic created", "3 topics created". */
    public String counted(long count) {
      return count + " " + (count == 1 ? one : many);
    }

    /** Whether it changed a topic rather than an ACL or a credential. */
    public boolean topic() {
      return topic;
    }
  }

  @Override
  public String toString() {
    return text;
  }
}
