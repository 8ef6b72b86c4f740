package uk.vruhub.aggregator.state;

import java.util.Set;
import uk.vruhub.aggregator.cohort.LinkageRules;
import uk.vruhub.avro.common.MatchKeyScheme;

/**
 * Who is in the cohort and how people are linked.
 *
 * @param lookbackMonths months of events a profile covers, ending with the latest extract's month
 * @param minAge youngest age (at the latest event) of the multi-agency rule
 * @param maxAge oldest age of the multi-agency rule
 * @param minAgencies agencies a young person must be known to
 * @param minViolenceEvents serious-violence events that put anyone in the cohort
 * @param strongKeys match keys that link records to one person on their own
 * @param unencodedKeys match keys that link records on their own when neither has a similarity
 *     encoding (records from a producer older than the fuzzy linkage): exact keys, as before it
 * @param definition the serious-violence definition the violence counts use ({@code id@version})
 * @param linkage the fuzzy linkage's weights, threshold and contradictions
 */
public record CohortRules(
    int lookbackMonths,
    int minAge,
    int maxAge,
    int minAgencies,
    int minViolenceEvents,
    Set<MatchKeyScheme> strongKeys,
    Set<MatchKeyScheme> unencodedKeys,
    String definition,
    LinkageRules linkage) {

  /**
   * The defaults: 12 months; aged 10-24 known to two agencies, or three violence events; the
   * agencies' own identifiers link on their own, everything else through the shipped linkage rules.
   */
  public static CohortRules defaults(String definition) {
    return new CohortRules(
        12,
        10,
        24,
        2,
        3,
        Set.of(
            MatchKeyScheme.NHS_NUMBER,
            MatchKeyScheme.UPN,
            MatchKeyScheme.PNC_ID,
            MatchKeyScheme.POLICE_NOMINAL),
        Set.of(MatchKeyScheme.FULLNAME_DOB_SEX),
        definition,
        LinkageRules.shipped());
  }
}
