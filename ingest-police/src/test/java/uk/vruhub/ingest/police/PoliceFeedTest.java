package uk.vruhub.ingest.police;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.vruhub.avro.agency.InjuryLevel;
import uk.vruhub.avro.agency.PersonRole;
import uk.vruhub.avro.agency.PlaceType;
import uk.vruhub.avro.agency.PoliceCrimeEvent;
import uk.vruhub.avro.agency.WarningMarker;
import uk.vruhub.avro.agency.Weapon;
import uk.vruhub.avro.common.MatchKeyScheme;
import uk.vruhub.avro.common.Sex;
import uk.vruhub.avro.common.SimilarityBlock;
import uk.vruhub.avro.common.SimilarityBlockKind;
import uk.vruhub.ingest.core.feed.FeedState;
import uk.vruhub.ingest.core.it.Disclosure;
import uk.vruhub.ingest.core.it.FeedHarness;
import uk.vruhub.ingest.core.validate.Reject;
import uk.vruhub.ingest.core.validate.RowValidator;

class PoliceFeedTest {

  @TempDir Path spool;

  private FeedHarness.Result process() throws Exception {
    return FeedHarness.process(
        new PoliceFeed(), FeedHarness.resource(PoliceFeedTest.class, "/police-sample.csv"), spool);
  }

  @Test
  void aRowBecomesAPseudonymisedEventWithItsRawAttributes() throws Exception {
    FeedHarness.Result result = process();
    List<PoliceCrimeEvent> events = result.events();

    assertThat(result.status().state()).isEqualTo(FeedState.PUBLISHED);
    assertThat(result.status().rowsAccepted()).isEqualTo(6);
    PoliceCrimeEvent victim = events.get(0);
    PoliceCrimeEvent suspect = events.get(1);
    assertThat(victim.getCrimePseudonym())
        .as("the people of one crime share its pseudonym")
        .isEqualTo(suspect.getCrimePseudonym());
    assertThat(victim.getRecordPseudonym()).isNotEqualTo(suspect.getRecordPseudonym());
    assertThat(victim.getOffenceCode()).isEqualTo("5A");
    assertThat(victim.getLocalCategory()).isEqualTo("1a");
    assertThat(victim.getOccurredFrom()).isEqualTo(Instant.parse("2026-03-14T22:40:00Z"));
    assertThat(victim.getWeapon()).isEqualTo(Weapon.KNIFE_OR_BLADED);
    assertThat(victim.getInjury()).isEqualTo(InjuryLevel.SERIOUS);
    assertThat(victim.getPlaceType()).isEqualTo(PlaceType.PUBLIC);
    assertThat(victim.getRole()).isEqualTo(PersonRole.VICTIM);
    assertThat(victim.getAgeAtEvent()).isEqualTo(17);
    assertThat(victim.getSex()).isEqualTo(Sex.MALE);
    assertThat(victim.getIncidentArea().getLsoa()).isEqualTo("E01900001");
    assertThat(victim.getHomeArea().getWard()).isEqualTo("E05900002");
    assertThat(victim.getMatchKeys())
        .extracting(k -> k.getScheme())
        .contains(MatchKeyScheme.FULLNAME_DOB_SEX, MatchKeyScheme.INITIAL_SURNAME_DOB);
    assertThat(suspect.getMatchKeys())
        .extracting(k -> k.getScheme())
        .contains(MatchKeyScheme.PNC_ID, MatchKeyScheme.POLICE_NOMINAL);
    assertThat(victim.getMatchKeys())
        .extracting(k -> k.getScheme())
        .as("the force's nominal id links its crimes, victims' too")
        .contains(MatchKeyScheme.POLICE_NOMINAL);
    // Okonkwo, Daniel James, 02/11/2008: a date-of-birth block and DANIEL's name blocks, each
    // with the two given names and the one surname part; Fairbrother-Lowe has two parts.
    assertThat(victim.getSimilarity().getVersion()).isEqualTo(1);
    assertThat(victim.getSimilarity().getBlocks())
        .extracting(SimilarityBlock::getKind)
        .startsWith(SimilarityBlockKind.DATE_OF_BIRTH)
        .contains(SimilarityBlockKind.NAME)
        .hasSizeLessThanOrEqualTo(6);
    assertThat(victim.getSimilarity().getBlocks())
        .allSatisfy(
            b -> {
              assertThat(b.getGivenFilters()).hasSize(2);
              assertThat(b.getFamilyFilters()).hasSize(1);
              assertThat(b.getDateHash()).isNotNull();
            });
    assertThat(suspect.getSimilarity().getBlocks())
        .allSatisfy(b -> assertThat(b.getFamilyFilters()).hasSize(2));
    assertThat(suspect.getSimilarity().getBlocks().get(0).getKey())
        .as("blocking keys are salted hashes, not shared across people")
        .isNotEqualTo(victim.getSimilarity().getBlocks().get(0).getKey());
    assertThat(events.get(5).getSimilarity())
        .as("no forename and no date of birth: nothing to encode")
        .isNull();
    assertThat(suspect.getWarningMarkers())
        .containsExactly(WarningMarker.WEAPONS, WarningMarker.VIOLENCE);
    assertThat(events.get(2).getIncidentArea().getLsoa())
        .as("placed from the grid reference")
        .isNotNull();
    assertThat(events.get(2).getDomesticAbuse()).isTrue();
    assertThat(events.get(3).getIncidentArea().getWard())
        .as("ward and local authority from the LSOA")
        .isEqualTo("E05900003");
    assertThat(events.get(4)).as("withdrawn: a tombstone").isNull();
    assertThat(events.get(5).getHomeArea()).as("no fixed abode has no area").isNull();
    assertThat(events.get(5).getAgeAtEvent()).isNull();
  }

  @Test
  void noNameDateOfBirthPostcodeOrPncIdAppearsInAnyPublishedByte() throws Exception {
    FeedHarness.Result result = process();

    List<String> identifiers =
        List.of(
            "Okonkwo",
            "Daniel",
            "Fairbrother",
            "Kieran",
            "Whitfield",
            "Grace",
            "Nowak",
            "Zofia",
            "Hughes",
            "Owen",
            "2008-11-02",
            "2007-07-19",
            "1990-05-30",
            "2010-01-17",
            "1999-09-09",
            "XA2 1TH",
            "XA2 5BN",
            "XA1 5JE",
            "XA1 2BG",
            "XA1 6LL",
            "2024/0012345K",
            "24/0012345K",
            "0012345",
            "44/100001/26",
            "N0002");
    Disclosure.assertNoneIn(result.published(), List.of(result.status().toString()), identifiers);
  }

  @Test
  void policeRulesCatchWhatTheColumnTableCannot() {
    RowValidator validator =
        new RowValidator(new PoliceFeed().contract(), FeedHarness.CLOCK, new PoliceFeed().rules());
    Map<String, String> row =
        new java.util.HashMap<>(
            Map.of(
                "crime_reference",
                "44/1/26",
                "person_reference",
                "N1",
                "person_role",
                "VICTIM",
                "ho_offence_code",
                "5A",
                "occurred_from",
                "2026-03-10 10:00",
                "reported_at",
                "2026-03-09 10:00",
                "place_type",
                "PUBLIC",
                "domestic_abuse_flag",
                "N",
                "weapon",
                "NONE",
                "injury_level",
                "NONE"));
    row.put("sex", "F");
    row.put("date_of_birth", "2026-03-11");
    row.put("incident_easting", "451000");

    assertThat(validator.validate(5, row).rejects())
        .extracting(Reject::toString)
        .containsExactly(
            "row 5, column reported_at: DATE_ORDER - reported_at is before occurred_from",
            "row 5, column date_of_birth: DOB_NOT_BEFORE_EVENT - the date of birth is not before"
                + " the crime",
            "row 5, column incident_northing: BOTH_OR_NEITHER - give both incident_easting and"
                + " incident_northing, or neither");
  }
}
