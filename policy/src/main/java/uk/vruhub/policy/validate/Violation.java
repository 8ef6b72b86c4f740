package uk.vruhub.policy.validate;

/**
 * One way a policy breaks the rules, said so that a person can act on it: which topic and field,
 * which rule, what is wrong, and how to fix it.
 *
 * @param rule short rule id, e.g. {@code L1-SUPPRESSION}
 * @param topic the topic id, or null when the problem is not about one topic
 * @param field the field name, or null
 * @param problem what is wrong
 * @param fix what would put it right
 */
public record Violation(String rule, String topic, String field, String problem, String fix) {

  public static Violation of(String rule, String topic, String field, String problem, String fix) {
    return new Violation(rule, topic, field, problem, fix);
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("[").append(rule).append("] ");
    if (topic != null) {
      out.append("topic '").append(topic).append("'");
      if (field != null) {
        out.append(", field '").append(field).append("'");
      }
      out.append(": ");
    }
    return out.append(problem).append(". Fix: ").append(fix).toString();
  }
}
