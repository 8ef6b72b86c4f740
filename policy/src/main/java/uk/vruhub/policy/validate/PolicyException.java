package uk.vruhub.policy.validate;

import java.util.List;

/** A policy that cannot be enforced, with every reason. The hub refuses to start on it. */
public final class PolicyException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<Violation> violations;

  public PolicyException(String source, List<Violation> violations) {
    super(message(source, violations));
    this.violations = List.copyOf(violations);
  }

  public List<Violation> violations() {
    return violations;
  }

  private static String message(String source, List<Violation> violations) {
    StringBuilder out =
        new StringBuilder("Policy ")
            .append(source)
            .append(" cannot be enforced (")
            .append(violations.size())
            .append(violations.size() == 1 ? " problem):" : " problems):");
    violations.forEach(v -> out.append(System.lineSeparator()).append("  - ").append(v));
    return out.toString();
  }
}
