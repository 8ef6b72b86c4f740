package uk.vruhub.policy.model;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The signed agreement a policy file enforces.
 *
 * @param id stable id of the agreement (stamped on every output record)
 * @param name its title
 * @param version version of this policy text (stamped on every output record)
 * @param effective first day the policy applies
 * @param reviewBy date by which the partnership reviews it, or null
 * @param references ISA, DPIA and legal-basis references, by name
 * @param approvers who signed it off, by role
 */
public record Agreement(
    String id,
    String name,
    String version,
    LocalDate effective,
    LocalDate reviewBy,
    Map<String, String> references,
    List<Approver> approvers) {

  /**
   * One sign-off.
   *
   * @param role the approver's role (roles, not names: people change, the role answers for it)
   * @param approved the date of approval, or null when pending
   */
  public record Approver(String role, LocalDate approved) {}
}
