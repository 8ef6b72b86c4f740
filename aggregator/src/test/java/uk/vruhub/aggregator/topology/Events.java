package uk.vruhub.aggregator.topology;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
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

/** Synthetic agency events for topology tests, built field by field with sensible defaults. */
public final class Events {

  public static final Area TOWN = area("E01900003");
  public static final Area ESTATE = area("E01900007");

  private Events() {}

  public static Area area(String lsoa) {
    return Area.newBuilder().setLsoa(lsoa).build();
  }

  public static MatchKey key(MatchKeyScheme scheme, String person) {
    return MatchKey.newBuilder()
        .setScheme(scheme)
        .setValue(scheme.name().toLowerCase() + "-" + person)
        .build();
  }

  /** A person in a crime: a young victim of a public knife assault, by default. */
  public static PoliceCrimeEvent.Builder crime(String record, String crime, String person) {
    return PoliceCrimeEvent.newBuilder()
        .setRecordPseudonym(record)
        .setCrimePseudonym(crime)
        .setMatchKeys(new ArrayList<>(List.of(key(MatchKeyScheme.FULLNAME_DOB_SEX, person))))
        .setLinkageKeyId("lk-test")
        .setOffenceCode("5A")
        .setLocalCategory("1a")
        .setOccurredFrom(Instant.parse("2026-03-11T21:00:00Z"))
        .setReportedAt(Instant.parse("2026-03-11T22:00:00Z"))
        .setIncidentArea(TOWN)
        .setPlaceType(PlaceType.PUBLIC)
        .setDomesticAbuse(false)
        .setWeapon(Weapon.KNIFE_OR_BLADED)
        .setInjury(InjuryLevel.SERIOUS)
        .setRole(PersonRole.VICTIM)
        .setAgeAtEvent(17)
        .setSex(Sex.MALE)
        .setHomeArea(ESTATE)
        .setFeedId("police-feed")
        .setExtractDate(LocalDate.of(2026, 3, 31));
  }

  public static EdAssaultAttendance.Builder attendance(String record, String person) {
    return EdAssaultAttendance.newBuilder()
        .setRecordPseudonym(record)
        .setMatchKeys(new ArrayList<>(List.of(key(MatchKeyScheme.NHS_NUMBER, person))))
        .setLinkageKeyId("lk-test")
        .setSiteCode("RXX01")
        .setArrivedAt(Instant.parse("2026-03-11T23:30:00Z"))
        .setAssaultMethod(AssaultMethod.KNIFE_OR_BLADED)
        .setAssaultLocationType(AssaultLocationType.STREET_OR_PUBLIC)
        .setAgeAtEvent(17)
        .setSex(Sex.MALE)
        .setHomeArea(ESTATE)
        .setFeedId("health-feed")
        .setExtractDate(LocalDate.of(2026, 3, 31));
  }

  public static SchoolEvent.Builder school(String record, String person) {
    return SchoolEvent.newBuilder()
        .setRecordPseudonym(record)
        .setMatchKeys(new ArrayList<>(List.of(key(MatchKeyScheme.UPN, person))))
        .setLinkageKeyId("lk-test")
        .setSchoolUrn("999101")
        .setEventType(SchoolEventType.SUSPENSION)
        .setStartDate(LocalDate.of(2026, 2, 2))
        .setReasonCode("PA")
        .setAgeAtEvent(16)
        .setSex(Sex.MALE)
        .setHomeArea(ESTATE)
        .setFeedId("education-feed")
        .setExtractDate(LocalDate.of(2026, 3, 31));
  }
}
