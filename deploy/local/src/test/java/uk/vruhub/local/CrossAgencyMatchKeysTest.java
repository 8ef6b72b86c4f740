package uk.vruhub.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.vruhub.avro.common.MatchKey;
import uk.vruhub.avro.common.MatchKeyScheme;
import uk.vruhub.ingest.core.feed.AgencyFeed;
import uk.vruhub.ingest.core.it.FeedHarness;
import uk.vruhub.ingest.education.EducationFeed;
import uk.vruhub.ingest.health.HealthFeed;
import uk.vruhub.ingest.police.PoliceFeed;

/**
 * The same young person, as each agency records him (police: "DANIEL JAMES OKONKWO", health:
 * "Daniel Okonkwo" with sex code 1, education: "Okonkwo, Daniel"), gets the same match keys from
 * all three services; someone else does not. This is what lets the aggregator link people without
 * any service seeing another's identifiers.
 */
class CrossAgencyMatchKeysTest {

  @TempDir Path dir;

  private Map<MatchKeyScheme, String> keysOf(AgencyFeed<? extends SpecificRecord> feed, String csv)
      throws Exception {
    Path file = Files.writeString(dir.resolve(feed.agency() + ".csv"), csv);
    FeedHarness.Result result =
        FeedHarness.process(feed, file, dir.resolve("spool-" + feed.agency()));
    SpecificRecord event = result.<SpecificRecord>events().get(0);
    @SuppressWarnings("unchecked")
    java.util.List<MatchKey> keys =
        (java.util.List<MatchKey>) event.get(event.getSchema().getField("matchKeys").pos());
    return keys.stream().collect(Collectors.toMap(MatchKey::getScheme, MatchKey::getValue));
  }

  @Test
  void oneYoungPersonHasTheSameKeysInEveryAgency() throws Exception {
    Map<MatchKeyScheme, String> police =
        keysOf(
            new PoliceFeed(),
            "crime_reference,person_reference,person_role,ho_offence_code,occurred_from,reported_at,place_type,domestic_abuse_flag,weapon,injury_level,surname,forenames,date_of_birth,sex,home_postcode\n"
                + "44/1/26,N1,VICTIM,5A,2026-03-14 22:40,2026-03-14"
                + " 23:05,PUBLIC,N,KNIFE,SERIOUS,OKONKWO,DANIEL JAMES,02/11/2008,M,XA2 1TH\n");
    Map<MatchKeyScheme, String> health =
        keysOf(
            new HealthFeed(),
            "site_code,attendance_reference,arrival_datetime,assault_method,assault_location_type,nhs_number,surname,forenames,date_of_birth,sex,home_postcode\n"
                + "RXX01,ED1,2026-03-14"
                + " 23:30,KNIFE,STREET,9990001103,Okonkwo,Daniel,2008-11-02,1,XA2 2UQ\n");
    Map<MatchKeyScheme, String> education =
        keysOf(
            new EducationFeed(),
            "school_urn,upn,surname,forenames,date_of_birth,sex,home_postcode,event_type,start_date,reason_code\n"
                + "999101,R999123424001,Okonkwo,Daniel,2008-11-02,M,xa21th,SUSPENSION,2026-02-02,PA\n");
    Map<MatchKeyScheme, String> someoneElse =
        keysOf(
            new EducationFeed(),
            "school_urn,upn,surname,forenames,date_of_birth,sex,home_postcode,event_type,start_date,reason_code\n"
                + "999101,F999123424002,Okonkwo,David,2008-11-02,M,XA2"
                + " 1TH,SUSPENSION,2026-02-02,PA\n");

    for (MatchKeyScheme scheme :
        new MatchKeyScheme[] {
          MatchKeyScheme.FULLNAME_DOB_SEX,
          MatchKeyScheme.INITIAL_SURNAME_DOB,
          MatchKeyScheme.FORENAME_DOB_DISTRICT,
          MatchKeyScheme.SURNAME_DOB_DISTRICT
        }) {
      assertThat(police.get(scheme))
          .as(scheme.name())
          .isNotNull()
          .isEqualTo(health.get(scheme))
          .isEqualTo(education.get(scheme));
    }
    assertThat(someoneElse.get(MatchKeyScheme.FULLNAME_DOB_SEX))
        .isNotEqualTo(police.get(MatchKeyScheme.FULLNAME_DOB_SEX));
    assertThat(someoneElse.get(MatchKeyScheme.INITIAL_SURNAME_DOB))
        .as("same initial, surname and birthday: a weak key collides")
        .isEqualTo(police.get(MatchKeyScheme.INITIAL_SURNAME_DOB));
    assertThat(health).containsKey(MatchKeyScheme.NHS_NUMBER);
    assertThat(education).containsKey(MatchKeyScheme.UPN);
  }
}
