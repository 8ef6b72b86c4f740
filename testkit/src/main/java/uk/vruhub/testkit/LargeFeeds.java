package uk.vruhub.testkit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Large synthetic police feeds in the police contract, written row by row, for the size and failure
 * tests: every row a different person in a different crime (assault with minor injury in a public
 * place), occurring from 1 January 2026 a minute apart, at postcodes of the shipped sample
 * geography.
 */
public final class LargeFeeds {

  private static final String HEADER =
      "crime_reference,person_reference,person_role,ho_offence_code,local_category,occurred_from,occurred_to,reported_at,incident_postcode,"
          + "incident_easting,incident_northing,incident_lsoa,place_type,domestic_abuse_flag,weapon,injury_level,surname,forenames,date_of_birth,sex,"
          + "home_postcode,pnc_id,warning_markers,record_status";
  private static final String[] POSTCODES = {"XA1 2BG", "XA1 5JE", "XA2 1TH", "XA2 5BN", "XA1 6LL"};
  private static final String[] SURNAMES = {
    "Smith",
    "Jones",
    "Taylor",
    "Brown",
    "Williams",
    "Wilson",
    "Johnson",
    "Davies",
    "Patel",
    "Okafor"
  };
  private static final String[] FORENAMES = {
    "Oliver", "Amelia", "Jack", "Isla", "Harry", "Ava", "Mohammed", "Mia", "Leo", "Freya"
  };
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private LargeFeeds() {}

  /**
   * Writes {@code rows} valid rows, each person in a different crime; {@code tag} makes the
   * references unique.
   */
  public static Path write(Path file, int rows, String tag) throws IOException {
    LocalDateTime base = LocalDateTime.of(2026, 1, 1, 0, 0);
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(HEADER);
      out.write('\n');
      for (int i = 0; i < rows; i++) {
        LocalDateTime when = base.plusMinutes(i % 120_000);
        out.write(
            "44/"
                + tag
                + i
                + "/26,N"
                + i
                + ",VICTIM,8N,,"
                + WHEN.format(when)
                + ",,"
                + WHEN.format(when.plusMinutes(30))
                + ","
                + POSTCODES[i % POSTCODES.length]
                + ",,,,PUBLIC,N,NONE,MINOR,"
                + SURNAMES[i % SURNAMES.length]
                + ","
                + FORENAMES[(i / 10) % FORENAMES.length]
                + ","
                + (1980 + i % 30)
                + "-0"
                + (1 + i % 9)
                + "-1"
                + (i % 10)
                + ","
                + (i % 2 == 0 ? "M" : "F")
                + ","
                + POSTCODES[(i + 2) % POSTCODES.length]
                + ",,,\n");
      }
    }
    return file;
  }
}
