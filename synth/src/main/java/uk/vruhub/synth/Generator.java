package uk.vruhub.synth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes a synthetic partnership's nightly extracts in the three agencies' feed contracts, with the
 * ground truth beside them:
 *
 * <pre>
 * geography/postcodes.csv, areas.csv, population.csv   the fictional area (ONS layouts)
 * feeds/police/police-yyyy-MM-dd.csv                    one extract a night per agency
 * feeds/health/health-yyyy-MM-dd.csv
 * feeds/education/education-yyyy-MM-dd.csv
 * truth/records.csv            every row sent: agency, reference, person, extract, status
 * truth/people.csv             every person's true identity (for linkage and disclosure checks)
 * truth/planted-hotspots.csv   neighbourhood-months given a known excess of serious violence
 * truth/manifest.properties    the settings and counts
 * </pre>
 *
 * <p>Rows are generated night by night and written as they go; only the people (a few hundred bytes
 * each) and the last four weeks of police rows (for corrections and withdrawals) are held. The same
 * settings always give the same bytes.
 */
public final class Generator {

  /** What was written. */
  public record Summary(
      Path dir,
      int people,
      long policeRows,
      long edRows,
      long schoolRows,
      long malformedRows,
      long corrections,
      long withdrawals,
      int feeds,
      List<PlantedHotspot> planted) {
    public long rows() {
      return policeRows + edRows + schoolRows;
    }
  }

  /** A neighbourhood-month with a known excess of serious violence. */
  public record PlantedHotspot(String lsoa, LocalDate month, int excess) {}

  static final java.time.ZoneId UK = java.time.ZoneId.of("Europe/London");
  static final DateTimeFormatter UK_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
  static final DateTimeFormatter UK_DATE_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");
  static final DateTimeFormatter ISO_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  static final List<String> POLICE_HEADER =
      List.of(
          "crime_reference",
          "person_reference",
          "person_role",
          "ho_offence_code",
          "local_category",
          "occurred_from",
          "occurred_to",
          "reported_at",
          "incident_postcode",
          "incident_easting",
          "incident_northing",
          "incident_lsoa",
          "place_type",
          "domestic_abuse_flag",
          "weapon",
          "injury_level",
          "surname",
          "forenames",
          "date_of_birth",
          "sex",
          "home_postcode",
          "pnc_id",
          "warning_markers",
          "record_status");

  /** The column of the force's nominal id of the person. */
  private static final int NOMINAL = POLICE_HEADER.indexOf("person_reference");

  static final List<String> HEALTH_HEADER =
      List.of(
          "site_code",
          "attendance_reference",
          "arrival_datetime",
          "assault_datetime",
          "assault_method",
          "assault_location_type",
          "assault_location_description",
          "incident_postcode",
          "nhs_number",
          "surname",
          "forenames",
          "date_of_birth",
          "sex",
          "home_postcode",
          "record_status");
  static final List<String> SCHOOL_HEADER =
      List.of(
          "school_urn",
          "upn",
          "surname",
          "forenames",
          "date_of_birth",
          "sex",
          "home_postcode",
          "event_type",
          "start_date",
          "reason_code",
          "sessions_missed",
          "record_status");

  /** Offence types: Home Office code, local category, share of violence, weapon, injury. */
  private record Offence(
      String code,
      String local,
      double share,
      String[] weapons,
      String[] injuries,
      boolean victim) {}

  private static final Offence[] OFFENCES = {
    new Offence("105A", "1d", 0.34, new String[] {"NONE"}, new String[] {"NONE"}, true),
    new Offence(
        "8N",
        "1c",
        0.36,
        new String[] {"NONE", "NONE", "NONE", "OTHER", "KNIFE"},
        new String[] {"MINOR", "MINOR", "MODERATE"},
        true),
    new Offence(
        "5A",
        "1a",
        0.04,
        new String[] {"KNIFE", "KNIFE", "OTHER", "NONE", "FIREARM", "CORROSIVE"},
        new String[] {"SERIOUS"},
        true),
    new Offence(
        "5D", "1b", 0.04, new String[] {"NONE", "OTHER", "KNIFE"}, new String[] {"SERIOUS"}, true),
    new Offence(
        "34B",
        "3b",
        0.07,
        new String[] {"NONE", "NONE", "KNIFE", "OTHER"},
        new String[] {"NONE", "NONE", "MINOR"},
        true),
    new Offence("10A", "7", 0.06, new String[] {"KNIFE"}, new String[] {"NONE"}, false),
    new Offence("8M", "1d", 0.07, new String[] {"NONE"}, new String[] {"NONE", "MINOR"}, true),
    new Offence(
        "65",
        "65",
        0.015,
        new String[] {"NONE", "OTHER"},
        new String[] {"MINOR", "MODERATE"},
        true),
    new Offence(
        "4/1", "1a", 0.004, new String[] {"KNIFE", "FIREARM"}, new String[] {"SERIOUS"}, true),
    new Offence("1", "1a", 0.001, new String[] {"KNIFE", "NONE"}, new String[] {"FATAL"}, true),
  };

  private final SynthSettings settings;
  private final SynthSettings.Mess mess;

  /** The NHS numbers issued so far: no two people share one. */
  private final java.util.Set<String> nhsNumbers = new java.util.HashSet<>();

  /** The UPNs issued so far (without their check letter). */
  private final java.util.Set<String> upns = new java.util.HashSet<>();

  private final SplittableRandom random;
  private final SyntheticArea area;
  private final List<Person> people = new ArrayList<>();
  private final List<Person> young = new ArrayList<>();
  private final ArrayDeque<PoliceRow> recent = new ArrayDeque<>();
  private final Set<String> withdrawnCrimes = new HashSet<>();
  private final List<PlantedHotspot> planted = new ArrayList<>();
  private int crimeSeq;
  private int attendanceSeq;
  private long policeRows;
  private long edRows;
  private long schoolRows;
  private long malformed;
  private long corrections;

  /** Nominal ids made afresh for people the force already had (DUPLICATE_NOMINAL). */
  private int duplicateNominals;

  private long withdrawals;
  private int feeds;
  private CSVPrinter truth;

  /**
   * The draws of the hard mess, a stream of its own: with its rates at zero the other draws, and so
   * the default mess's bytes, are what they always were.
   */
  private final SplittableRandom hard;

  private final Map<Integer, List<SyntheticArea.Lsoa>> byDistrict = new TreeMap<>();

  /** Look-alikes made, waiting for their first event. */
  private final List<Pending> pending = new ArrayList<>();

  private final List<String[]> lookalikes = new ArrayList<>();

  /** The mess the row being made carries. */
  private EnumSet<MessKind> marks = EnumSet.noneOf(MessKind.class);

  /** Whether the row being made writes names in ASCII only. */
  private boolean folding;

  private record Pending(Person of, String kind) {}

  private record PoliceRow(
      LocalDate sent, String crime, Person person, List<String> values, String mess) {}

  /** A row of a feed and what the truth file says of it. */
  private record Row(
      List<String> values, String reference, Person person, String status, String mess) {}

  private Generator(SynthSettings settings) {
    this.settings = settings;
    this.mess = settings.mess();
    this.random = new SplittableRandom(settings.seed());
    this.hard = new SplittableRandom(settings.seed() ^ 0x6A09E667F3BCC909L);
    this.area = SyntheticArea.build(settings.residents(), settings.seed());
    for (SyntheticArea.Lsoa l : area.lsoas()) {
      byDistrict.computeIfAbsent(l.district(), k -> new ArrayList<>()).add(l);
    }
  }

  /** Generates everything into {@code dir}, reporting progress now and then. */
  public static Summary generate(SynthSettings settings, Path dir, Consumer<String> progress) {
    try {
      return new Generator(settings).run(dir, progress);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write synthetic data to " + dir, e);
    }
  }

  private Summary run(Path dir, Consumer<String> progress) throws IOException {
    area.write(dir.resolve("geography"));
    for (String agency : List.of("police", "health", "education")) {
      Files.createDirectories(dir.resolve("feeds").resolve(agency));
    }
    Files.createDirectories(dir.resolve("truth"));
    plant();
    double perDay = settings.residents() / 1000.0 / 365.0;
    try (CSVPrinter t = SyntheticArea.printer(dir.resolve("truth/records.csv"))) {
      truth = t;
      truth.printRecord("agency", "reference", "person_id", "extract_date", "status", "mess");
      for (int night = 0; night < settings.nights(); night++) {
        LocalDate day = settings.start().plusDays(night);
        List<Row> police = new ArrayList<>();
        List<Row> health = new ArrayList<>();
        List<Row> school = new ArrayList<>();
        int crimes = poisson(settings.crimesPer1000() * perDay);
        for (int i = 0; i < crimes; i++) {
          crime(day, area.byViolence(random), null, police, health);
        }
        for (PlantedHotspot p : planted) {
          if (p.month().equals(day.withDayOfMonth(1))) {
            int n = spread(p.excess(), day);
            for (int i = 0; i < n; i++) {
              crime(day, lsoa(p.lsoa()), OFFENCES[2], police, health);
            }
          }
        }
        int unreported = poisson(settings.edPer1000() * perDay * 0.6);
        for (int i = 0; i < unreported; i++) {
          health.add(attendance(day, pick(12, 55), null, null));
        }
        if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
          int events = poisson(settings.schoolPer1000() * perDay * 7 / 5);
          for (int i = 0; i < events; i++) {
            Row row = schoolEvent(day);
            if (row != null) {
              school.add(row);
            }
          }
        }
        reviseRecentCrimes(day, police);
        write(dir, "police", day, POLICE_HEADER, police, false);
        write(dir, "health", day, HEALTH_HEADER, health, true);
        write(dir, "education", day, SCHOOL_HEADER, school, false);
        policeRows += police.size();
        edRows += health.size();
        schoolRows += school.size();
        if ((night + 1) % 30 == 0 || night == settings.nights() - 1) {
          progress.accept(
              String.format(
                  "generated %d of %d nights: %,d police, %,d ED and %,d school rows",
                  night + 1, settings.nights(), policeRows, edRows, schoolRows));
        }
      }
    }
    writePeople(dir.resolve("truth/people.csv"));
    try (CSVPrinter out = SyntheticArea.printer(dir.resolve("truth/lookalikes.csv"))) {
      out.printRecord("person_a", "person_b", "kind");
      for (String[] l : lookalikes) {
        out.printRecord((Object[]) l);
      }
    }
    try (CSVPrinter out = SyntheticArea.printer(dir.resolve("truth/planted-hotspots.csv"))) {
      out.printRecord("lsoa", "period_type", "period_start", "excess_serious_violence");
      for (PlantedHotspot p : planted) {
        out.printRecord(p.lsoa(), "MONTH", p.month(), p.excess());
      }
    }
    Summary summary =
        new Summary(
            dir,
            people.size(),
            policeRows,
            edRows,
            schoolRows,
            malformed,
            corrections,
            withdrawals,
            feeds,
            List.copyOf(planted));
    writeManifest(dir.resolve("truth/manifest.properties"), summary);
    return summary;
  }

  // --- police -------------------------------------------------------------------------------

  private void crime(
      LocalDate day, SyntheticArea.Lsoa where, Offence forced, List<Row> police, List<Row> health) {
    Offence offence = forced == null ? offence() : forced;
    String reference = String.format("99/%06d/%02d", ++crimeSeq, day.getYear() % 100);
    long daysLate = random.nextDouble() < mess.late() ? 7 + random.nextInt(50) : random.nextInt(2);
    LocalDateTime occurred = day.minusDays(daysLate).atTime(hourOfViolence(), random.nextInt(60));
    if (forced != null) {
      occurred = day.atTime(hourOfViolence(), random.nextInt(60));
    }
    // Agencies record UK local time; a time the spring clock change skips does not occur.
    occurred = java.time.ZonedDateTime.ofLocal(occurred, UK, null).toLocalDateTime();
    LocalDateTime reported = occurred.plusMinutes(10 + random.nextInt(600));
    if (reported.isAfter(day.atTime(23, 59))) {
      reported =
          occurred.isBefore(day.atTime(23, 58)) ? day.atTime(23, 59) : occurred.plusMinutes(1);
    }
    if (reported.toLocalDate().isBefore(day)) {
      reported = day.atTime(8 + random.nextInt(12), random.nextInt(60));
    }
    boolean domestic =
        forced == null
            && offence.victim()
            && random.nextDouble()
                < (offence.code().equals("8N") || offence.code().equals("105A") ? 0.45 : 0.15);
    String place =
        forced != null
            ? "PUBLIC"
            : domestic
                ? "DWELLING"
                : random.nextDouble() < 0.65
                    ? "PUBLIC"
                    : random.nextDouble() < 0.5 ? "DWELLING" : "OTHER";
    String weapon =
        forced != null ? "KNIFE" : offence.weapons()[random.nextInt(offence.weapons().length)];
    String injury = offence.injuries()[random.nextInt(offence.injuries().length)];
    String postcode = "";
    String east = "";
    String north = "";
    String lsoa = "";
    double how = random.nextDouble();
    if (how < 0.7) {
      postcode = where.postcodes().get(random.nextInt(where.postcodes().size()));
    } else if (how < 0.9) {
      east = Integer.toString(where.east() + random.nextInt(200) - 100);
      north = Integer.toString(where.north() + random.nextInt(200) - 100);
    } else {
      lsoa = where.code();
    }
    List<Person> involved = new ArrayList<>();
    List<String> roles = new ArrayList<>();
    Person victim = null;
    if (offence.victim()) {
      victim = victim(occurred.toLocalDate(), domestic);
      involved.add(victim);
      roles.add("VICTIM");
    }
    int suspects =
        offence.victim() ? (random.nextDouble() < 0.3 ? 0 : random.nextDouble() < 0.8 ? 1 : 2) : 1;
    for (int i = 0; i < suspects; i++) {
      Person s = suspect(occurred.toLocalDate());
      if (involved.contains(s)) {
        continue;
      }
      involved.add(s);
      roles.add(random.nextDouble() < 0.25 ? "OFFENDER" : "SUSPECT");
    }
    for (int i = 0; i < involved.size(); i++) {
      Person p = involved.get(i);
      String role = roles.get(i);
      if (!role.equals("VICTIM") && p.pnc == null && random.nextDouble() < 0.6) {
        p.pnc =
            String.format(
                "%02d/%07d%c",
                occurred.getYear() % 100 - random.nextInt(8), p.id, (char) ('A' + p.id % 26));
      }
      begin();
      String dob = render(p.dateOfBirth, UK_DATE);
      List<String> row =
          new ArrayList<>(
              List.of(
                  reference,
                  nominal(reference, p),
                  role,
                  offence.code(),
                  offence.local(),
                  occurred.format(UK_DATE_TIME),
                  random.nextDouble() < 0.3 ? occurred.plusMinutes(30).format(UK_DATE_TIME) : "",
                  reported.format(UK_DATE_TIME),
                  postcode,
                  east,
                  north,
                  lsoa,
                  place,
                  domestic ? "Y" : "N",
                  weapon,
                  injury,
                  surname(p),
                  forenames(p),
                  dob,
                  policeSex(p),
                  homePostcode(p),
                  p.pnc == null || role.equals("VICTIM") ? "" : p.pnc,
                  !role.equals("VICTIM") && random.nextDouble() < 0.15 ? "VIOLENCE;WEAPONS" : "",
                  "ACTIVE"));
      String marked = marked();
      police.add(new Row(row, reference + "|" + row.get(NOMINAL), p, "ACTIVE", marked));
      recent.addLast(new PoliceRow(day, reference, p, row, marked));
    }
    if (victim != null
        && !injury.equals("NONE")
        && random.nextDouble() < (domestic ? 0.15 : forced != null ? 0.6 : 0.35)) {
      health.add(attendance(day, victim, occurred, new String[] {weapon, place, postcode}));
    }
  }

  private void reviseRecentCrimes(LocalDate day, List<Row> police) {
    while (!recent.isEmpty() && recent.peekFirst().sent().isBefore(day.minusDays(28))) {
      recent.removeFirst();
    }
    if (recent.isEmpty()) {
      return;
    }
    List<PoliceRow> rows = new ArrayList<>(recent);
    int fixes = poisson(mess.correction() * police.size() + 1e-9);
    for (int i = 0; i < fixes; i++) {
      PoliceRow r = rows.get(random.nextInt(rows.size()));
      if (withdrawnCrimes.contains(r.crime()) || r.sent().equals(day)) {
        continue;
      }
      List<String> again = new ArrayList<>(r.values());
      int injury = POLICE_HEADER.indexOf("injury_level");
      int code = POLICE_HEADER.indexOf("ho_offence_code");
      if (again.get(code).equals("105A")) {
        again.set(code, "8N");
        again.set(POLICE_HEADER.indexOf("local_category"), "1c");
        again.set(injury, "MINOR");
      } else {
        again.set(injury, again.get(injury).equals("SERIOUS") ? "FATAL" : "SERIOUS");
      }
      police.add(
          new Row(again, r.crime() + "|" + again.get(NOMINAL), r.person(), "CORRECTED", r.mess()));
      corrections++;
    }
    int withdraw = poisson(mess.withdrawal() * police.size() + 1e-9);
    for (int i = 0; i < withdraw; i++) {
      PoliceRow r = rows.get(random.nextInt(rows.size()));
      if (!withdrawnCrimes.add(r.crime()) || r.sent().equals(day)) {
        continue;
      }
      for (PoliceRow other : rows) {
        if (other.crime().equals(r.crime())) {
          List<String> gone = new ArrayList<>(other.values());
          gone.set(POLICE_HEADER.indexOf("record_status"), "WITHDRAWN");
          police.add(
              new Row(
                  gone,
                  other.crime() + "|" + gone.get(NOMINAL),
                  other.person(),
                  "WITHDRAWN",
                  other.mess()));
          withdrawals++;
        }
      }
    }
  }

  private Offence offence() {
    double x = random.nextDouble();
    double sum = 0;
    for (Offence o : OFFENCES) {
      sum += o.share();
      if (x < sum) {
        return o;
      }
    }
    return OFFENCES[0];
  }

  private int hourOfViolence() {
    // Violence peaks in the evening and at night.
    int[] hours = {0, 1, 2, 15, 16, 17, 18, 19, 20, 21, 22, 23, 23, 22, 21, 12, 13, 14, 10, 1};
    return hours[random.nextInt(hours.length)];
  }

  // --- health -------------------------------------------------------------------------------

  private Row attendance(LocalDate day, Person p, LocalDateTime assault, String[] fromCrime) {
    String site = "XS" + (char) ('A' + p.home.district() / 2) + "01";
    String reference = String.format("A%08d", ++attendanceSeq);
    LocalDateTime assaultAt =
        assault != null
            ? assault
            : day.atTime(hourOfViolence(), random.nextInt(60)).minusDays(random.nextInt(2));
    assaultAt = java.time.ZonedDateTime.ofLocal(assaultAt, UK, null).toLocalDateTime();
    LocalDateTime arrival = assaultAt.plusMinutes(20 + random.nextInt(300));
    if (arrival.toLocalDate().isAfter(day)) {
      arrival = day.atTime(23, 50);
    }
    arrival = java.time.ZonedDateTime.ofLocal(arrival, UK, null).toLocalDateTime();
    if (!arrival.isAfter(assaultAt)) {
      assaultAt = arrival.minusMinutes(30);
    }
    String method;
    String location;
    if (fromCrime != null) {
      method =
          switch (fromCrime[0]) {
            case "KNIFE" -> "KNIFE";
            case "FIREARM" -> "FIREARM";
            case "OTHER" -> random.nextBoolean() ? "BLUNT_OBJECT" : "GLASS_BOTTLE";
            default -> "BODY_PART";
          };
      location =
          switch (fromCrime[1]) {
            case "DWELLING" -> "HOME";
            case "PUBLIC" -> random.nextDouble() < 0.7 ? "STREET" : "LICENSED_PREMISES";
            default -> "OTHER";
          };
    } else {
      String[] methods = {
        "BODY_PART",
        "BODY_PART",
        "BODY_PART",
        "BLUNT_OBJECT",
        "GLASS_BOTTLE",
        "KNIFE",
        "OTHER",
        "UNKNOWN"
      };
      String[] places = {
        "STREET",
        "STREET",
        "HOME",
        "LICENSED_PREMISES",
        "SCHOOL_WORK",
        "PUBLIC_TRANSPORT",
        "OTHER",
        "UNKNOWN"
      };
      method = methods[random.nextInt(methods.length)];
      location = places[random.nextInt(places.length)];
    }
    String description =
        switch (random.nextInt(6)) {
          case 0 -> "outside the \"Red Lion\", High St";
          case 1 -> "bus stop near the station,\nby the shelter";
          case 2 -> "at a friend's house";
          case 3 -> "park, near the skate ramp";
          default -> "";
        };
    String incidentPostcode =
        random.nextDouble() < mess.missingIncidentLocation()
            ? ""
            : fromCrime != null && !fromCrime[2].isEmpty()
                ? fromCrime[2]
                : area.byViolence(random).postcodes().get(0);
    begin();
    String nhs = random.nextDouble() < mess.missingNhsNumber() ? "" : spaced(p.nhsNumber);
    if (nhs.isEmpty()) {
      marks.add(MessKind.MISSING_NHS_NUMBER);
    }
    List<String> row =
        new ArrayList<>(
            List.of(
                site,
                reference,
                arrival.format(ISO_DATE_TIME),
                random.nextDouble() < 0.2 ? "" : assaultAt.format(ISO_DATE_TIME),
                method,
                location,
                description,
                incidentPostcode,
                nhs,
                surname(p),
                forenames(p),
                render(p.dateOfBirth, DateTimeFormatter.ISO_LOCAL_DATE),
                healthSex(p),
                homePostcode(p),
                "ACTIVE"));
    return new Row(row, site + "|" + reference, p, "ACTIVE", marked());
  }

  private static String spaced(String nhs) {
    return nhs.substring(0, 3) + " " + nhs.substring(3, 6) + " " + nhs.substring(6);
  }

  // --- education ----------------------------------------------------------------------------

  private Row schoolEvent(LocalDate day) {
    Person p = null;
    if (!young.isEmpty() && random.nextDouble() < 0.35) {
      Person candidate = young.get(random.nextInt(young.size()));
      int age = candidate.ageOn(day);
      if (age >= 11 && age <= 16) {
        p = candidate;
      }
    }
    if (p == null) {
      p = newPerson(random.nextDouble() < 0.85 ? 11 : 6, 16, day, area.byViolence(random));
    }
    if (p.upn == null) {
      int district = p.home.district();
      p.schoolUrn = String.format("99%02d%02d", district % 100, random.nextInt(5));
      String prefix =
          String.format(
              "%03d%04d%02d",
              990 + district % 10, 4000 + random.nextInt(5), (p.dateOfBirth.getYear() + 5) % 100);
      // The serial is unique within its authority, establishment and year, as a real UPN's is:
      // two pupils never share one.
      int serial = p.id % 1000;
      String twelve = prefix + String.format("%03d", serial);
      while (!upns.add(twelve)) {
        serial = (serial + 1) % 1000;
        twelve = prefix + String.format("%03d", serial);
      }
      p.upn = upnCheckLetter(twelve) + twelve;
    }
    double x = random.nextDouble();
    String type = x < 0.75 ? "SUSPENSION" : x < 0.95 ? "PERSISTENT_ABSENCE" : "PERMANENT_EXCLUSION";
    String[] reasons = {
      "PA", "PA", "PP", "VA", "VP", "OW", "BU", "DA", "DM", "SM", "TH", "MT", "OT", "PD", "RA",
      "AB", "AD"
    };
    String reason =
        type.equals("PERSISTENT_ABSENCE") ? "" : reasons[random.nextInt(reasons.length)];
    String sessions =
        type.equals("PERSISTENT_ABSENCE")
            ? Integer.toString(20 + random.nextInt(60))
            : type.equals("SUSPENSION") ? Integer.toString(1 + random.nextInt(10)) : "";
    LocalDate start = type.equals("PERSISTENT_ABSENCE") ? day.minusDays(random.nextInt(30)) : day;
    begin();
    String dob = render(p.dateOfBirth, UK_DATE);
    List<String> row =
        new ArrayList<>(
            List.of(
                p.schoolUrn,
                p.upn,
                surname(p),
                forenames(p),
                dob,
                p.sex == 'F' ? "F" : "M",
                homePostcode(p),
                type,
                start.format(UK_DATE),
                reason,
                sessions,
                "ACTIVE"));
    return new Row(
        row, p.schoolUrn + "|" + p.upn + "|" + type + "|" + start, p, "ACTIVE", marked());
  }

  /** The DfE check letter of the twelve characters after it. */
  static char upnCheckLetter(String twelve) {
    String letters = "ABCDEFGHJKLMNPQRTUVWXYZ";
    int sum = 0;
    for (int i = 0; i < 12; i++) {
      char c = twelve.charAt(i);
      int value = Character.isDigit(c) ? c - '0' : letters.indexOf(c);
      sum += value * (i + 2);
    }
    return letters.charAt(sum % 23);
  }

  // --- people -------------------------------------------------------------------------------

  private Person victim(LocalDate on, boolean domestic) {
    double x = random.nextDouble();
    if (x < 0.4) {
      return pick(10, 24);
    }
    return x < 0.85 ? pick(25, 49) : pick(50, 80);
  }

  private Person suspect(LocalDate on) {
    double x = random.nextDouble();
    return x < 0.45 ? pick(14, 24) : x < 0.9 ? pick(25, 44) : pick(45, 65);
  }

  /** Someone of that age range: often someone already known (repeat victims and offenders). */
  private Person pick(int minAge, int maxAge) {
    LocalDate on = settings.start();
    if (maxAge <= 24 && !young.isEmpty() && random.nextDouble() < 0.3) {
      return young.get(random.nextInt(young.size()));
    }
    if (minAge > 24 && !people.isEmpty() && random.nextDouble() < 0.15) {
      Person p = people.get(random.nextInt(people.size()));
      if (p.ageOn(on) >= minAge) {
        return p;
      }
    }
    return newPerson(minAge, maxAge, on, area.byViolence(random));
  }

  private Person newPerson(int minAge, int maxAge, LocalDate on, SyntheticArea.Lsoa home) {
    Person waiting = waitingLookalike(minAge, maxAge, on);
    if (waiting != null) {
      return waiting;
    }
    char sex = random.nextDouble() < 0.58 ? 'M' : 'F';
    int age = minAge + random.nextInt(maxAge - minAge + 1);
    LocalDate dob = on.minusYears(age).minusDays(random.nextInt(365));
    String forename = Names.forename(sex, random);
    String surname = Names.surname(random);
    String nhs = unique(nhsNumber(random));
    String postcode = home.postcodes().get(random.nextInt(home.postcodes().size()));
    if (hard.nextDouble() < mess.foreignNames()) {
      forename = Names.pick(sex == 'F' ? Names.FOREIGN_FEMALE : Names.FOREIGN_MALE, "", hard);
      surname = Names.pick(Names.FOREIGN_SURNAMES, "", hard);
    } else if (hard.nextDouble() < mess.familiarForenames()) {
      forename = Names.pick(sex == 'F' ? Names.FAMILIAR_FEMALE : Names.FAMILIAR_MALE, "", hard);
    }
    if (hard.nextDouble() < mess.doubleBarrelled() && !surname.contains("-")) {
      surname = Names.doubleBarrelled(hard);
    }
    Person p =
        new Person(
            people.size() + 1,
            sex,
            forename,
            surname,
            dob,
            nhs,
            home,
            postcode,
            middleNames(sex, forename, List.of()));
    people.add(p);
    if (age <= 24) {
      young.add(p);
    }
    double alike = hard.nextDouble();
    if (alike < mess.twins()) {
      pending.add(new Pending(p, "TWIN"));
    } else if (alike < mess.twins() + mess.namesakes()) {
      pending.add(new Pending(p, "NAMESAKE"));
    }
    return p;
  }

  /** None, one or two middle names, not the forename and not {@code unlike} (when not empty). */
  private List<String> middleNames(char sex, String forename, List<String> unlike) {
    for (int attempt = 0; attempt < 10; attempt++) {
      if (hard.nextDouble() >= mess.middleNames()) {
        if (unlike.isEmpty()) {
          return List.of();
        }
        continue;
      }
      String[] pool = sex == 'F' ? Names.FEMALE : Names.MALE;
      String first = Names.pick(pool, forename, hard);
      List<String> names =
          hard.nextDouble() < 1 / 3.0
              ? List.of(first, Names.pick(pool, first, hard))
              : List.of(first);
      if (names.stream().distinct().count() == names.size()
          && !names.contains(forename)
          && !names.equals(unlike)) {
        return names;
      }
    }
    return List.of();
  }

  /**
   * A look-alike waiting for an event whose people are of this age, made a person now (so both of a
   * pair have events, like anyone else).
   */
  private Person waitingLookalike(int minAge, int maxAge, LocalDate on) {
    for (int i = 0; i < pending.size(); i++) {
      Person o = pending.get(i).of();
      int age = o.ageOn(on);
      if (age < minAge || age > maxAge) {
        continue;
      }
      String kind = pending.remove(i).kind();
      Person p;
      if (kind.equals("TWIN")) {
        char sex = hard.nextBoolean() ? o.sex : o.sex == 'F' ? 'M' : 'F';
        String[] pool =
            Names.isAscii(o.forename)
                ? sex == 'F' ? Names.FEMALE : Names.MALE
                : sex == 'F' ? Names.FOREIGN_FEMALE : Names.FOREIGN_MALE;
        // Parents do not give twins one name in two forms (Patrick and Peter, Jack and John:
        // such forms share their initial), nor one twin's forename as the other's middle name.
        String forename = Names.pick(pool, o.forename, hard);
        for (int attempt = 0;
            attempt < 50
                && (forename.charAt(0) == o.forename.charAt(0) || o.middleNames.contains(forename));
            attempt++) {
          forename = Names.pick(pool, o.forename, hard);
        }
        List<String> middles = middleNames(sex, forename, List.of());
        for (int attempt = 0; attempt < 10 && middles.contains(o.forename); attempt++) {
          middles = middleNames(sex, forename, List.of());
        }
        p =
            new Person(
                people.size() + 1,
                sex,
                forename,
                o.surname,
                o.dateOfBirth,
                unique(nhsNumber(hard)),
                o.home,
                o.postcode,
                middles.contains(o.forename) ? List.of() : middles);
      } else {
        List<SyntheticArea.Lsoa> elsewhere =
            area.lsoas().stream().filter(l -> l.district() != o.home.district()).toList();
        SyntheticArea.Lsoa home =
            elsewhere.isEmpty() ? o.home : elsewhere.get(hard.nextInt(elsewhere.size()));
        p =
            new Person(
                people.size() + 1,
                o.sex,
                o.forename,
                o.surname,
                o.dateOfBirth,
                unique(nhsNumber(hard)),
                home,
                home.postcodes().get(hard.nextInt(home.postcodes().size())),
                middleNames(
                    o.sex, o.forename, o.middleNames.isEmpty() ? List.of() : o.middleNames));
      }
      people.add(p);
      if (age <= 24) {
        young.add(p);
      }
      lookalikes.add(new String[] {o.personId(), p.personId(), kind});
      return p;
    }
    return null;
  }

  /** A valid NHS number in the 999 range the NHS reserves for testing, so never a real one. */
  private static String nhsNumber(SplittableRandom random) {
    while (true) {
      StringBuilder n = new StringBuilder("999");
      for (int i = 0; i < 6; i++) {
        n.append(random.nextInt(10));
      }
      String number = withCheckDigit(n.toString());
      if (number != null) {
        return number;
      }
    }
  }

  /**
   * The nine digits with their modulus-11 check digit, or null where none exists (a remainder
   * giving 10).
   */
  private static String withCheckDigit(String nine) {
    int sum = 0;
    for (int i = 0; i < 9; i++) {
      sum += (nine.charAt(i) - '0') * (10 - i);
    }
    int check = 11 - sum % 11;
    return check == 10 ? null : nine + (check == 11 ? 0 : check);
  }

  /**
   * The drawn NHS number, or where another person holds it already the next free valid one: the 999
   * range has about 900,000 numbers, so a few thousand people drawn at random share some (a person
   * has one NHS number and no two people one). Moving on by counting, not by drawing again, leaves
   * every other draw of the run as it was.
   */
  private String unique(String drawn) {
    String number = drawn;
    int serial = Integer.parseInt(drawn.substring(3, 9));
    while (number == null || !nhsNumbers.add(number)) {
      serial = (serial + 1) % 1_000_000;
      number = withCheckDigit(String.format("999%06d", serial));
    }
    return number;
  }

  // --- mess ---------------------------------------------------------------------------------

  /** Starts a row: no mess yet, and whether this agency's system writes names in ASCII. */
  private void begin() {
    marks = EnumSet.noneOf(MessKind.class);
    folding = hard.nextDouble() < mess.asciiFolded();
  }

  /** The row's mess as the truth writes it, kinds separated by semicolons. */
  private String marked() {
    return String.join(";", marks.stream().map(Enum::name).toList());
  }

  private String fold(String name) {
    if (folding && !Names.isAscii(name)) {
      marks.add(MessKind.ASCII_FOLDED);
      return Names.ascii(name);
    }
    return name;
  }

  private String surname(Person p) {
    String s = p.surname;
    int dash = s.indexOf('-');
    if (dash > 0) {
      String a = s.substring(0, dash);
      String b = s.substring(dash + 1);
      double x = hard.nextDouble();
      if (x < mess.barrelSwapped()) {
        s = b + "-" + a;
        marks.add(MessKind.BARREL_SWAPPED);
      } else if (x < mess.barrelSwapped() + mess.barrelHalf()) {
        s = hard.nextBoolean() ? a : b;
        marks.add(MessKind.BARREL_HALF);
      } else if (x < mess.barrelSwapped() + mess.barrelHalf() + mess.barrelSpaced()) {
        s = a + " " + b;
        marks.add(MessKind.BARREL_SPACED);
      }
    }
    if (random.nextDouble() < mess.typo()) {
      String typed = Names.typo(s, random);
      if (!typed.equals(s)) {
        marks.add(MessKind.SURNAME_TYPO);
      }
      s = typed;
    }
    return fold(s);
  }

  /**
   * The nominal id the force records the person under in this crime: theirs, or (DUPLICATE_NOMINAL)
   * one made afresh, as when a force does not find the person's existing nominal record. Decided by
   * a hash of the crime and the person rather than a draw, so no other row of either random stream
   * changes; fresh ids count up from N9000000, above every person's own.
   */
  private String nominal(String crime, Person p) {
    if (mess.duplicateNominal() > 0
        && new SplittableRandom(settings.seed() * 31 + (crime + "|" + p.id).hashCode()).nextDouble()
            < mess.duplicateNominal()) {
      marks.add(MessKind.DUPLICATE_NOMINAL);
      return String.format("N%07d", 9_000_000 + duplicateNominals++);
    }
    return p.nominal;
  }

  private String forenames(Person p) {
    String first = p.forename;
    String middle = "";
    boolean middleFirst = false;
    if (!p.middleNames.isEmpty()) {
      double x = hard.nextDouble();
      if (x < mess.middleAsForename()) {
        first = p.middleNames.get(0);
        middleFirst = true;
        marks.add(MessKind.MIDDLE_AS_FORENAME);
      } else if (x < mess.middleAsForename() + mess.middleNamesWritten()) {
        middle = " " + String.join(" ", p.middleNames);
        marks.add(MessKind.MIDDLE_NAMES);
      } else if (x < mess.middleAsForename() + mess.middleNamesWritten() + mess.middleInitial()) {
        middle = " " + p.middleNames.get(0).charAt(0);
        marks.add(MessKind.MIDDLE_INITIAL);
      }
    }
    if (random.nextDouble() < mess.nickname()) {
      String familiar = Names.nickname(first, random);
      if (!familiar.equals(first)) {
        marks.add(MessKind.NICKNAME);
      }
      first = familiar;
    } else if (!middleFirst && hard.nextDouble() < mess.unlistedNickname()) {
      String familiar = Names.unlistedNickname(first, hard);
      if (!familiar.equals(first)) {
        marks.add(MessKind.NICKNAME_UNLISTED);
      }
      first = familiar;
    }
    return fold(first + middle);
  }

  private String render(LocalDate dob, DateTimeFormatter format) {
    if (dob.getDayOfMonth() <= 12
        && dob.getDayOfMonth() != dob.getMonthValue()
        && random.nextDouble() < mess.dobSwap()) {
      marks.add(MessKind.DOB_SWAP);
      return LocalDate.of(dob.getYear(), dob.getDayOfMonth(), dob.getMonthValue()).format(format);
    }
    if (hard.nextDouble() < mess.dobTransposition()) {
      LocalDate t = transposed(dob);
      if (t != null) {
        marks.add(MessKind.DOB_TRANSPOSITION);
        return t.format(format);
      }
    }
    return dob.format(format);
  }

  /**
   * The date with two adjacent digits of the day and month of its DDMMYYYY form transposed (0312 as
   * 3012 or 0132), when that is another valid date; null when no transposition is. The year is left
   * alone: a year transposed (2010 as 2001) would often break the contracts' age rules (a pupil is
   * 3 to 19), and the row would be refused, not linked.
   */
  private LocalDate transposed(LocalDate dob) {
    char[] digits = dob.format(DateTimeFormatter.ofPattern("ddMMyyyy")).toCharArray();
    LocalDate last = settings.start().plusDays(settings.nights());
    int from = hard.nextInt(3);
    for (int k = 0; k < 3; k++) {
      int i = (from + k) % 3;
      if (digits[i] == digits[i + 1]) {
        continue;
      }
      char[] c = digits.clone();
      c[i] = digits[i + 1];
      c[i + 1] = digits[i];
      String t = new String(c);
      int day = Integer.parseInt(t.substring(0, 2));
      int month = Integer.parseInt(t.substring(2, 4));
      int year = Integer.parseInt(t.substring(4));
      if (month < 1 || month > 12 || year < 1900 || day < 1) {
        continue;
      }
      if (day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
        continue;
      }
      LocalDate date = LocalDate.of(year, month, day);
      if (date.isBefore(last)) {
        return date;
      }
    }
    return null;
  }

  private String homePostcode(Person p) {
    double x = random.nextDouble();
    if (x < mess.missingPostcode()) {
      marks.add(MessKind.MISSING_POSTCODE);
      return "";
    }
    if (x < mess.missingPostcode() + mess.oldPostcode()) {
      marks.add(MessKind.OLD_POSTCODE);
      return p.home.terminatedPostcode();
    }
    String postcode = p.postcode;
    if (hard.nextDouble() < mess.moved()) {
      postcode = previousPostcode(p);
      marks.add(MessKind.MOVED);
    }
    return random.nextDouble() < 0.1
        ? postcode.replace(" ", "").toLowerCase(java.util.Locale.ROOT)
        : postcode;
  }

  /** Another home the person had: most in the same district, some further away. */
  private String previousPostcode(Person p) {
    if (p.previousPostcode == null) {
      List<SyntheticArea.Lsoa> near =
          byDistrict.get(p.home.district()).stream().filter(l -> l != p.home).toList();
      List<SyntheticArea.Lsoa> far =
          area.lsoas().stream().filter(l -> l.district() != p.home.district()).toList();
      List<SyntheticArea.Lsoa> from =
          far.isEmpty() || (!near.isEmpty() && hard.nextDouble() < 0.8) ? near : far;
      SyntheticArea.Lsoa l = from.isEmpty() ? p.home : from.get(hard.nextInt(from.size()));
      p.previousPostcode = l.postcodes().get(hard.nextInt(l.postcodes().size()));
    }
    return p.previousPostcode;
  }

  private String policeSex(Person p) {
    String sex = p.sex == 'F' ? "F" : random.nextDouble() < 0.005 ? "U" : "M";
    if (hard.nextDouble() < mess.missingSex()) {
      sex = "U";
    }
    if (sex.equals("U")) {
      marks.add(MessKind.MISSING_SEX);
    }
    return sex;
  }

  private String healthSex(Person p) {
    if (hard.nextDouble() < mess.missingSex()) {
      marks.add(MessKind.MISSING_SEX);
      return "X";
    }
    return p.sex == 'F' ? "2" : "1";
  }

  /** Breaks a row so the contract rejects it: an impossible date or an unknown code. */
  private void breakRow(String agency, List<String> row) {
    switch (agency) {
      case "police" -> {
        if (random.nextBoolean()) {
          row.set(
              POLICE_HEADER.indexOf("occurred_from"),
              "31/02/" + settings.start().getYear() + " 21:00");
        } else {
          row.set(POLICE_HEADER.indexOf("weapon"), "SWORD");
        }
      }
      case "health" -> row.set(HEALTH_HEADER.indexOf("assault_method"), "FALL");
      default -> row.set(SCHOOL_HEADER.indexOf("event_type"), "EXPELLED");
    }
  }

  // --- output -------------------------------------------------------------------------------

  private void write(
      Path dir, String agency, LocalDate day, List<String> header, List<Row> rows, boolean bom)
      throws IOException {
    if (rows.isEmpty()) {
      return;
    }
    // Never so many broken rows that the default 5 % threshold refuses the whole feed.
    int allowed = (int) Math.floor(rows.size() * 0.049);
    int broken = 0;
    for (int i = 0; i < rows.size() && broken < allowed; i++) {
      Row row = rows.get(i);
      if (random.nextDouble() < mess.malformed() && row.status().equals("ACTIVE")) {
        breakRow(agency, row.values());
        rows.set(i, new Row(row.values(), row.reference(), row.person(), "MALFORMED", row.mess()));
        broken++;
        malformed++;
      }
    }
    Path file = dir.resolve("feeds").resolve(agency).resolve(agency + "-" + day + ".csv");
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      if (bom) {
        w.write('\uFEFF');
      }
      CSVPrinter out =
          new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator("\r\n").get());
      out.printRecord(header);
      for (Row row : rows) {
        out.printRecord(row.values());
        truth.printRecord(
            agency.toUpperCase(java.util.Locale.ROOT),
            row.reference(),
            row.person().personId(),
            day,
            row.status(),
            row.mess());
      }
      out.flush();
    }
    feeds++;
  }

  /** The age bands linkage quality is broken down by. */
  public static String ageBand(int age) {
    return age < 10 ? "0-9" : age < 18 ? "10-17" : age < 25 ? "18-24" : age < 35 ? "25-34" : "35+";
  }

  private void writePeople(Path file) throws IOException {
    LocalDate end = settings.start().plusDays(settings.nights() - 1L);
    try (CSVPrinter out = SyntheticArea.printer(file)) {
      out.printRecord(
          "person_id",
          "sex",
          "forename",
          "surname",
          "date_of_birth",
          "nhs_number",
          "upn",
          "pnc_id",
          "home_postcode",
          "old_postcode",
          "home_lsoa",
          "middle_names",
          "age_band");
      for (Person p : people) {
        out.printRecord(
            p.personId(),
            p.sex,
            p.forename,
            p.surname,
            p.dateOfBirth,
            p.nhsNumber,
            p.upn == null ? "" : p.upn,
            p.pnc == null ? "" : p.pnc,
            p.postcode,
            p.home.terminatedPostcode(),
            p.home.code(),
            String.join(" ", p.middleNames),
            ageBand(p.ageOn(end)));
      }
    }
  }

  private void writeManifest(Path file, Summary s) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add("# Synthetic VRU partnership data: every name, number and place is fictional.");
    lines.add("seed=" + settings.seed());
    lines.add("residents=" + settings.residents());
    lines.add("start=" + settings.start());
    lines.add("nights=" + settings.nights());
    lines.add("mess=" + settings.mess());
    lines.add("people=" + s.people());
    lines.add("police_rows=" + s.policeRows());
    lines.add("ed_rows=" + s.edRows());
    lines.add("school_rows=" + s.schoolRows());
    lines.add("malformed_rows=" + s.malformedRows());
    lines.add("corrections=" + s.corrections());
    lines.add("withdrawals=" + s.withdrawals());
    lines.add("feeds=" + s.feeds());
    Files.write(file, lines, StandardCharsets.UTF_8);
  }

  // --- planting and randomness --------------------------------------------------------------

  private void plant() {
    LocalDate first = settings.start().withDayOfMonth(1);
    LocalDate last = settings.start().plusDays(settings.nights() - 1).withDayOfMonth(1);
    List<LocalDate> months = new ArrayList<>();
    for (LocalDate m = first; !m.isAfter(last); m = m.plusMonths(1)) {
      // Only months the extracts cover in full, so the excess is all there.
      if (!m.isBefore(settings.start())
          && !m.plusMonths(1).minusDays(1).isAfter(last.plusMonths(1).minusDays(1))
          && !m.plusMonths(1).isAfter(settings.start().plusDays(settings.nights()))) {
        months.add(m);
      }
    }
    if (months.isEmpty()) {
      return;
    }
    List<SyntheticArea.Lsoa> quiet =
        area.lsoas().stream().filter(l -> l.imdDecile() >= 4 && l.weight() < 5).toList();
    for (int i = 0; i < settings.plantedHotspots() && !quiet.isEmpty(); i++) {
      SyntheticArea.Lsoa l = quiet.get(random.nextInt(quiet.size()));
      LocalDate month = months.get(i % months.size());
      if (planted.stream().anyMatch(p -> p.lsoa().equals(l.code()) && p.month().equals(month))) {
        continue;
      }
      planted.add(new PlantedHotspot(l.code(), month, 20 + random.nextInt(11)));
    }
  }

  /** This day's share of a month's excess, whole events, adding up over the month. */
  private static int spread(int excess, LocalDate day) {
    int days = day.lengthOfMonth();
    int d = day.getDayOfMonth();
    return (int) ((long) excess * d / days - (long) excess * (d - 1) / days);
  }

  private SyntheticArea.Lsoa lsoa(String code) {
    return area.lsoas().stream().filter(l -> l.code().equals(code)).findFirst().orElseThrow();
  }

  private int poisson(double mean) {
    if (mean > 30) {
      return Math.max(0, (int) Math.round(mean + Math.sqrt(mean) * gaussian()));
    }
    double limit = Math.exp(-mean);
    double product = random.nextDouble();
    int n = 0;
    while (product > limit) {
      product *= random.nextDouble();
      n++;
    }
    return n;
  }

  private double gaussian() {
    double u = 1 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
