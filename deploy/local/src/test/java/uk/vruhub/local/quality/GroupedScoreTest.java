package uk.vruhub.local.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GroupedScoreTest {

  // alice: r1 r2 r3 (r3 carries a DOB swap), bob: r4 r5, carol: r6.
  private static final Map<String, String> TRUTH =
      Map.of("r1", "alice", "r2", "alice", "r3", "alice", "r4", "bob", "r5", "bob", "r6", "carol");
  private static final Map<String, Set<String>> MESS =
      Map.of("r3", Set.of("DOB_SWAP"), "r6", Set.of("DOB_SWAP", "SURNAME_TYPO"));
  private static final Map<String, String> SEX = Map.of("alice", "F", "bob", "M", "carol", "F");
  private static final Map<String, String> AGENCY =
      Map.of(
          "r1",
          "POLICE",
          "r2",
          "HEALTH",
          "r3",
          "EDUCATION",
          "r4",
          "POLICE",
          "r5",
          "POLICE",
          "r6",
          "HEALTH");

  private static final GroupedScore.PairGroups BY_MESS =
      GroupedScore.PairGroups.eitherOr(r -> MESS.getOrDefault(r, Set.of()), "NONE");
  private static final GroupedScore.PairGroups BY_SEX =
      GroupedScore.PairGroups.either(r -> Set.of(SEX.get(TRUTH.get(r))));

  @Test
  void oneGroupForAllIsThePlainScore() {
    Map<String, String> linked = Map.of("r1", "x", "r2", "x", "r4", "y", "r5", "y", "r6", "y");
    Map<String, PairwiseScore> s = GroupedScore.of(TRUTH, linked, (a, b) -> List.of("all"));
    assertThat(s.get("all")).isEqualTo(PairwiseScore.of(TRUTH, linked));
  }

  @Test
  void aRecordMissingFromTheLinkedMapIsAlone() {
    // r3 not linked at all: alice's pairs with r3 (r1-r3, r2-r3) are true DOB_SWAP pairs, missed.
    Map<String, String> linked = Map.of("r1", "x", "r2", "x", "r4", "y", "r5", "y", "r6", "z");
    Map<String, PairwiseScore> s = GroupedScore.of(TRUTH, linked, BY_MESS);
    assertThat(s.get("DOB_SWAP")).isEqualTo(new PairwiseScore(2, 0, 0));
    assertThat(s.get("DOB_SWAP").recall()).isZero();
    assertThat(s.get("DOB_SWAP").precision()).isEqualTo(1.0);
    // r1-r2 and r4-r5 carry no mess (neither record): found.
    assertThat(s.get("NONE")).isEqualTo(new PairwiseScore(2, 2, 2));
    assertThat(s).doesNotContainKey("SURNAME_TYPO");
  }

  @Test
  void aFalseMergeSpanningTwoGroupsCountsAgainstBoth() {
    // bob's r5 merged with carol's r6 (and r4): pairs r4-r6 and r5-r6 are false, spanning M and F.
    Map<String, String> linked =
        Map.of("r1", "x", "r2", "x", "r3", "x", "r4", "y", "r5", "y", "r6", "y");
    Map<String, PairwiseScore> bySex = GroupedScore.of(TRUTH, linked, BY_SEX);
    // F: alice's 3 true pairs, linked; plus the 2 false pairs with carol.
    assertThat(bySex.get("F")).isEqualTo(new PairwiseScore(3, 5, 3));
    // M: bob's 1 true pair, linked; plus the same 2 false pairs.
    assertThat(bySex.get("M")).isEqualTo(new PairwiseScore(1, 3, 1));
    assertThat(bySex.get("M").precision()).isEqualTo(1.0 / 3);

    Map<String, PairwiseScore> byMess = GroupedScore.of(TRUTH, linked, BY_MESS);
    // The false pairs r4-r6, r5-r6 count under both of r6's kinds, lowering precision there.
    assertThat(byMess.get("SURNAME_TYPO")).isEqualTo(new PairwiseScore(0, 2, 0));
    assertThat(byMess.get("DOB_SWAP")).isEqualTo(new PairwiseScore(2, 4, 2));
    assertThat(byMess.get("NONE")).isEqualTo(new PairwiseScore(2, 2, 2));
  }

  @Test
  void agencyPairsAreNamedPoliceFirst() {
    Map<String, String> linked =
        Map.of("r1", "x", "r2", "x", "r3", "x", "r4", "y", "r5", "y", "r6", "z");
    Map<String, PairwiseScore> s =
        GroupedScore.of(
            TRUTH, linked, GroupedScore.PairGroups.labelPair(AGENCY::get, QualityMeasure.AGENCIES));
    assertThat(s.keySet())
        .containsExactlyInAnyOrder(
            "POLICE-HEALTH", "POLICE-EDUCATION", "HEALTH-EDUCATION", "POLICE-POLICE");
    assertThat(s.get("POLICE-POLICE")).isEqualTo(new PairwiseScore(1, 1, 1));
    assertThat(s.get("HEALTH-EDUCATION")).isEqualTo(new PairwiseScore(1, 1, 1));
  }

  @Test
  void lookalikeFalseMergesCountPairsAndRecordPairs() {
    // dan and eve are twins; fay and gus namesakes; hal's namesake ivy has no records.
    Map<String, String> truth =
        Map.of("d1", "dan", "d2", "dan", "e1", "eve", "f1", "fay", "g1", "gus", "h1", "hal");
    Map<String, String> hub = Map.of("d1", "x", "d2", "x", "e1", "x", "f1", "y", "g1", "z");
    Map<String, String> baseline = Map.of("d1", "a", "e1", "b", "f1", "c", "g1", "c");
    Map<String, LookalikeMerges> m =
        LookalikeMerges.of(
            truth,
            hub,
            baseline,
            List.of(
                new LookalikeMerges.Pair("dan", "eve", "TWIN"),
                new LookalikeMerges.Pair("fay", "gus", "NAMESAKE"),
                new LookalikeMerges.Pair("hal", "ivy", "NAMESAKE")));
    assertThat(m.get("TWIN")).isEqualTo(new LookalikeMerges("TWIN", 1, 1, 0, 2, 0));
    assertThat(m.get("NAMESAKE")).isEqualTo(new LookalikeMerges("NAMESAKE", 1, 0, 1, 0, 1));
  }
}
