package uk.vruhub.policy.apply;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What one run of the topic job did and found.
 *
 * @param changes what it changed, in the order it changed them
 * @param warnings what is not as the policy would have it but the job leaves alone (a cluster
 *     without an authorizer, a foreign binding broader than a hub resource, a replication factor)
 * @param refusals what it would not do, each saying what to do instead; the cluster is not in line
 *     with the policy while there is one
 */
public record ApplyResult(List<Change> changes, List<String> warnings, List<String> refusals) {

  public ApplyResult {
    changes = List.copyOf(changes);
    warnings = List.copyOf(warnings);
    refusals = List.copyOf(refusals);
  }

  /** Whether the cluster now holds what the policy says, as far as the job can make it. */
  public boolean inLine() {
    return refusals.isEmpty();
  }

  /** {@code No changes.}, or how many changes of each kind. */
  public String summary() {
    if (changes.isEmpty()) {
      return "No changes.";
    }
    Map<Change.Kind, Long> counts = new EnumMap<>(Change.Kind.class);
    changes.forEach(c -> counts.merge(c.kind(), 1L, Long::sum));
    return "Applied "
        + changes.size()
        + (changes.size() == 1 ? " change: " : " changes: ")
        + counts.entrySet().stream()
            .map(e -> e.getKey().counted(e.getValue()))
            .collect(Collectors.joining(", "))
        + ".";
  }

  /** Every line to show: the changes, the warnings, the refusals, then the summary. */
  public List<String> lines() {
    List<String> out = new ArrayList<>();
    changes.forEach(c -> out.add(c.text()));
    warnings.forEach(w -> out.add("WARNING: " + w));
    refusals.forEach(r -> out.add("REFUSED: " + r));
    out.add(summary());
    return out;
  }
}
