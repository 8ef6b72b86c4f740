package uk.vruhub.aggregator.tracker;

import java.time.YearMonth;
import java.util.Set;
import uk.vruhub.avro.agency.EdAssaultAttendance;
import uk.vruhub.avro.agency.PoliceCrimeEvent;
import uk.vruhub.avro.agency.SchoolEvent;
import uk.vruhub.avro.common.Agency;

/**
 * What the tracker keeps of one agency record: which agency, the month of its extract and which key
 * fields it had. Nothing else of the record travels on.
 */
record Received(MonthKey key, Set<KeyField> present) {

  static Received of(PoliceCrimeEvent e) {
    return new Received(
        new MonthKey(Agency.POLICE, YearMonth.from(e.getExtractDate())), KeyField.present(e));
  }

  static Received of(EdAssaultAttendance a) {
    return new Received(
        new MonthKey(Agency.HEALTH, YearMonth.from(a.getExtractDate())), KeyField.present(a));
  }

  static Received of(SchoolEvent e) {
    return new Received(
        new MonthKey(Agency.EDUCATION, YearMonth.from(e.getExtractDate())), KeyField.present(e));
  }
}
