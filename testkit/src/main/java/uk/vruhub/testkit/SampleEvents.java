package uk.vruhub.testkit;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import uk.vruhub.avro.agency.AssaultLocationType;
import uk.vruhub.avro.agency.AssaultMethod;
import uk.vruhub.avro.agency.EdAssaultAttendance;
import uk.vruhub.avro.agency.InjuryLevel;
import uk.vruhub.avro.agency.PersonRole;
import uk.vruhub.avro.agency.PlaceType;
import uk.vruhub.avro.agency.PoliceCrimeEvent;
import uk.vruhub.avro.agency.SchoolEvent;
import uk.vruhub.avro.agency.SchoolEventType;
import uk.vruhub.avro.agency.Weapon;
import uk.vruhub.avro.common.Area;
import uk.vruhub.avro.common.MatchKey;
import uk.vruhub.avro.common.MatchKeyScheme;
import uk.vruhub.avro.common.Sex;

/**
 * Hand-made agency events with synthetic pseudonyms and area codes, for tests that need a valid
 * record and do not care where it came from. Nothing here resembles a real person.
 */
public final class SampleEvents {

  private static final Area TOWN_CENTRE =
      Area.newBuilder()
          .setLsoa("E01999001")
          .setWard("E05999001")
          .setLocalAuthority("E07999001")
          .build();
  private static final Area ESTATE =
      Area.newBuilder()
          .setLsoa("E01999002")
          .setWard("E05999001")
          .setLocalAuthority("E07999001")
          .build();

  private SampleEvents() {}

  /** A match key with a synthetic value derived from a label. */
  public static MatchKey matchKey(MatchKeyScheme scheme, String label) {
    String value =
        (label + "-" + scheme.name() + "-0000000000000000000000000000000000000000")
            .substring(0, 43);
    return MatchKey.newBuilder().setScheme(scheme).setValue(value).build();
  }

  /** A young victim of a knife assault in a public place. */
  public static PoliceCrimeEvent policeEvent(String recordPseudonym) {
    return PoliceCrimeEvent.newBuilder()
        .setRecordPseudonym(recordPseudonym)
        .setCrimePseudonym("crime-" + recordPseudonym)
        .setMatchKeys(List.of(matchKey(MatchKeyScheme.FULLNAME_DOB_SEX, recordPseudonym)))
        .setLinkageKeyId("test-key-1")
        .setOffenceCode("5A")
        .setLocalCategory("1a")
        .setOccurredFrom(Instant.parse("2026-03-14T22:40:00Z"))
        .setReportedAt(Instant.parse("2026-03-14T23:05:00Z"))
        .setIncidentArea(TOWN_CENTRE)
        .setPlaceType(PlaceType.PUBLIC)
        .setDomesticAbuse(false)
        .setWeapon(Weapon.KNIFE_OR_BLADED)
        .setInjury(InjuryLevel.SERIOUS)
        .setRole(PersonRole.VICTIM)
        .setAgeAtEvent(17)
        .setSex(Sex.MALE)
        .setHomeArea(ESTATE)
        .setFeedId("police-2026-03-15-0000")
        .setExtractDate(LocalDate.of(2026, 3, 15))
        .build();
  }

  /** An emergency department attendance after a knife assault, location not recorded. */
  public static EdAssaultAttendance edAttendance(String recordPseudonym) {
    return EdAssaultAttendance.newBuilder()
        .setRecordPseudonym(recordPseudonym)
        .setMatchKeys(List.of(matchKey(MatchKeyScheme.NHS_NUMBER, recordPseudonym)))
        .setLinkageKeyId("test-key-1")
        .setSiteCode("RXX01")
        .setArrivedAt(Instant.parse("2026-03-14T23:30:00Z"))
        .setAssaultAt(Instant.parse("2026-03-14T22:40:00Z"))
        .setAssaultMethod(AssaultMethod.KNIFE_OR_BLADED)
        .setAssaultLocationType(AssaultLocationType.STREET_OR_PUBLIC)
        .setAgeAtEvent(17)
        .setSex(Sex.MALE)
        .setHomeArea(ESTATE)
        .setFeedId("health-2026-03-31-0000")
        .setExtractDate(LocalDate.of(2026, 3, 31))
        .build();
  }

  /** A suspension for physical assault against a pupil. */
  public static SchoolEvent schoolEvent(String recordPseudonym) {
    return SchoolEvent.newBuilder()
        .setRecordPseudonym(recordPseudonym)
        .setMatchKeys(List.of(matchKey(MatchKeyScheme.UPN, recordPseudonym)))
        .setLinkageKeyId("test-key-1")
        .setSchoolUrn("999001")
        .setEventType(SchoolEventType.SUSPENSION)
        .setStartDate(LocalDate.of(2026, 2, 2))
        .setReasonCode("PA")
        .setSessionsMissed(6)
        .setAgeAtEvent(15)
        .setSex(Sex.MALE)
        .setHomeArea(ESTATE)
        .setFeedId("education-2026-02-28-0000")
        .setExtractDate(LocalDate.of(2026, 2, 28))
        .build();
  }
}
