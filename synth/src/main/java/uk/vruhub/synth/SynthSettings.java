package uk.vruhub.synth;

import java.time.LocalDate;

/**
 * What the generator makes. Rates follow {@code domain.md} §6: about 30 violence-against-the-person
 * offences per 1,000 residents a year (a third domestic abuse), about 5 emergency department
 * assault attendances and 10 school events per 1,000; violence concentrated in a few neighbourhoods
 * and along a deprivation gradient.
 *
 * @param seed the same seed always gives the same files, byte for byte
 * @param residents people living in the synthetic VRU area
 * @param start the first night's extract date
 * @param nights how many nightly extracts each agency sends
 * @param crimesPer1000 violence-against-the-person crimes per 1,000 residents a year
 * @param edPer1000 emergency department assault attendances per 1,000 residents a year
 * @param schoolPer1000 suspensions, exclusions and persistent absences per 1,000 residents a year
 * @param plantedHotspots neighbourhood-months given a known excess of violence
 * @param mess the rates of the mess real extracts carry
 */
public record SynthSettings(
    long seed,
    int residents,
    LocalDate start,
    int nights,
    double crimesPer1000,
    double edPer1000,
    double schoolPer1000,
    int plantedHotspots,
    Mess mess) {

  public SynthSettings {
    if (residents < 10_000) {
      throw new IllegalArgumentException("residents must be at least 10,000, was " + residents);
    }
    if (nights < 1) {
      throw new IllegalArgumentException("nights must be at least 1, was " + nights);
    }
  }

  /** The demo: a town-sized VRU, three months of nightly extracts, default mess. */
  public static SynthSettings demo(long seed, LocalDate start) {
    return new SynthSettings(seed, 250_000, start, 91, 30, 5, 10, 4, Mess.defaults());
  }

  /** One year of a two-million-person VRU (about 60k police, 10k ED and 20k school events). */
  public static SynthSettings vruYear(long seed, LocalDate start, double scale) {
    return new SynthSettings(
        seed, (int) (2_000_000 * scale), start, 365, 30, 5, 10, 12, Mess.defaults());
  }

  public SynthSettings withMess(Mess m) {
    return new SynthSettings(
        seed,
        residents,
        start,
        nights,
        crimesPer1000,
        edPer1000,
        schoolPer1000,
        plantedHotspots,
        m);
  }

  /**
   * Rates (0 to 1) of the faults real extracts carry. Record-level faults are drawn for each row on
   * its own, so one person's rows in different agencies (or in one agency) differ independently;
   * person-level rates say who has something that can then be written differently.
   *
   * <p>{@link #defaults()} is the mess of the demo; {@link #hard()} adds the mess that defeats
   * exact-key linkage (the rates below, also in the synth README):
   *
   * <table>
   *   <caption>Hard mess</caption>
   *   <tr><th>kind (truth column {@code mess})</th><th>rate</th></tr>
   *   <tr><td>SURNAME_TYPO: a letter substituted, dropped or transposed</td><td>6 % of rows</td></tr>
   *   <tr><td>NICKNAME: a familiar form the services' variant table knows</td><td>10 % of rows</td></tr>
   *   <tr><td>NICKNAME_UNLISTED: a familiar form outside it (Jon, Freddie, Alfie, Ollie...);
   *       15 % of people have a forename that has one</td><td>25 % of their rows</td></tr>
   *   <tr><td>DOB_SWAP: day and month swapped (day 12 or less and not the month)</td><td>3 % of rows</td></tr>
   *   <tr><td>DOB_TRANSPOSITION: two adjacent digits of the DDMM of DDMMYYYY transposed, still a
   *       valid date (not the year, which would break the contracts' age rules)</td>
   *       <td>4 % of rows drawn, about half of them have such a date: 2 %</td></tr>
   *   <tr><td>BARREL_SWAPPED, BARREL_HALF, BARREL_SPACED: a double-barrelled surname (6 % of
   *       people) in the other order, one half only, or with a space</td><td>10 %, 15 %, 10 % of
   *       their rows</td></tr>
   *   <tr><td>ASCII_FOLDED: Polish, Nordic or Balkan letters (3 % of people) written in ASCII</td>
   *       <td>40 % of their rows</td></tr>
   *   <tr><td>MIDDLE_NAMES, MIDDLE_INITIAL, MIDDLE_AS_FORENAME: of people with middle names (40 %,
   *       a third of them two), the middle names written out, only the initial, or the first
   *       middle name used as the forename</td><td>25 %, 15 %, 5 % of their rows</td></tr>
   *   <tr><td>MOVED: the postcode of another home (80 % in the same district)</td><td>6 % of
   *       rows</td></tr>
   *   <tr><td>MISSING_SEX: sex unknown (police U, health X; the school format has no code for
   *       it)</td><td>2 % of police and health rows</td></tr>
   *   <tr><td>MISSING_POSTCODE, OLD_POSTCODE (terminated), MISSING_NHS_NUMBER (ED)</td><td>10 %,
   *       5 %, 10 % of rows</td></tr>
   *   <tr><td>DUPLICATE_NOMINAL: the person under a nominal id the force made afresh instead of
   *       their own (a duplicate nominal record)</td><td>3 % of police rows</td></tr>
   * </table>
   *
   * <p>and look-alikes, extra people with their own events: for 2.5 % of new people a twin (same
   * surname, date of birth and home, another forename, half of them the other sex) and for 1.5 % a
   * namesake (same forename, surname, sex and date of birth, other middle names, another district).
   *
   * @param typo a letter of the surname mistyped, dropped or transposed
   * @param nickname a familiar form of the forename (Bill for William)
   * @param dobSwap day and month of the date of birth swapped (when both are 12 or less)
   * @param missingPostcode no home postcode
   * @param oldPostcode a terminated postcode the person used to live at
   * @param missingNhsNumber no NHS number on an emergency department record
   * @param missingIncidentLocation emergency department records without an incident postcode
   * @param late crimes reported one to eight weeks after they happened
   * @param correction police rows sent again later with a corrected offence or injury
   * @param withdrawal crimes withdrawn (no-crimed) in a later extract
   * @param malformed rows that break the contract, never so many in one feed that the hub's default
   *     5 % reject threshold refuses it
   * @param dobTransposition two adjacent digits of the day and month of the date of birth (as
   *     DDMMYYYY) transposed, giving another valid date
   * @param familiarForenames people given a forename whose familiar forms the services' variant
   *     table does not know (John, Frederick, Alfred, Eleanor, Oliver, Archibald...)
   * @param unlistedNickname rows of such people written with that familiar form
   * @param doubleBarrelled people with a two-part surname (Smith-Jones)
   * @param barrelSwapped rows of double-barrelled people with the halves the other way round
   * @param barrelHalf rows of double-barrelled people with one half only
   * @param barrelSpaced rows of double-barrelled people with a space for the hyphen
   * @param foreignNames people with Polish, Nordic or Balkan names (Łukasz, Søren, Đorđe)
   * @param asciiFolded rows of people with letters outside ASCII written without them
   * @param middleNames people with one or two middle names
   * @param middleNamesWritten rows of people with middle names that write them out
   * @param middleInitial rows of people with middle names that give only the initial
   * @param middleAsForename rows of people with middle names that use the first as the forename
   * @param moved rows with the postcode of another home (most in the same district)
   * @param missingSex police and health rows with the sex unknown
   * @param twins new people who have a twin (an extra person)
   * @param namesakes new people who have a namesake (an extra person)
   * @param duplicateNominal police rows that record the person under a nominal id made afresh
   *     rather than their own (a force's duplicate nominal record)
   */
  public record Mess(
      double typo,
      double nickname,
      double dobSwap,
      double missingPostcode,
      double oldPostcode,
      double missingNhsNumber,
      double missingIncidentLocation,
      double late,
      double correction,
      double withdrawal,
      double malformed,
      double dobTransposition,
      double familiarForenames,
      double unlistedNickname,
      double doubleBarrelled,
      double barrelSwapped,
      double barrelHalf,
      double barrelSpaced,
      double foreignNames,
      double asciiFolded,
      double middleNames,
      double middleNamesWritten,
      double middleInitial,
      double middleAsForename,
      double moved,
      double missingSex,
      double twins,
      double namesakes,
      double duplicateNominal) {

    /** The first eleven rates, none of the hard mess. */
    public Mess(
        double typo,
        double nickname,
        double dobSwap,
        double missingPostcode,
        double oldPostcode,
        double missingNhsNumber,
        double missingIncidentLocation,
        double late,
        double correction,
        double withdrawal,
        double malformed) {
      this(
          typo,
          nickname,
          dobSwap,
          missingPostcode,
          oldPostcode,
          missingNhsNumber,
          missingIncidentLocation,
          late,
          correction,
          withdrawal,
          malformed,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          0);
    }

    public static Mess defaults() {
      return new Mess(0.04, 0.08, 0.01, 0.08, 0.05, 0.05, 0.85, 0.10, 0.03, 0.01, 0.005);
    }

    /** Real-world mess that defeats exact keys (the table above), with look-alike people. */
    public static Mess hard() {
      return new Mess(
          0.06, 0.10, 0.03, 0.10, 0.05, 0.10, 0.85, 0.10, 0.03, 0.01, 0.005, 0.04, 0.15, 0.25, 0.06,
          0.10, 0.15, 0.10, 0.03, 0.40, 0.40, 0.25, 0.15, 0.05, 0.06, 0.02, 0.025, 0.015, 0.03);
    }

    /** {@code hard}, {@code default} or {@code none}. */
    public static Mess named(String name) {
      return switch (name.toLowerCase(java.util.Locale.ROOT)) {
        case "hard" -> hard();
        case "default", "defaults" -> defaults();
        case "none", "clean" -> none();
        default ->
            throw new IllegalArgumentException("mess must be hard, default or none, was " + name);
      };
    }

    /** The same mess without rows broken on purpose (for measuring speed, not refusals). */
    public Mess withoutBrokenRows() {
      return new Mess(
          typo,
          nickname,
          dobSwap,
          missingPostcode,
          oldPostcode,
          missingNhsNumber,
          missingIncidentLocation,
          late,
          correction,
          withdrawal,
          0,
          dobTransposition,
          familiarForenames,
          unlistedNickname,
          doubleBarrelled,
          barrelSwapped,
          barrelHalf,
          barrelSpaced,
          foreignNames,
          asciiFolded,
          middleNames,
          middleNamesWritten,
          middleInitial,
          middleAsForename,
          moved,
          missingSex,
          twins,
          namesakes,
          duplicateNominal);
    }

    public static Mess none() {
      return new Mess(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /**
     * The rates by name; those of the hard mess only when not zero, so the manifest of a default
     * run reads as it always has.
     */
    @Override
    public String toString() {
      StringBuilder b = new StringBuilder("Mess[");
      java.lang.reflect.RecordComponent[] parts = Mess.class.getRecordComponents();
      boolean first = true;
      for (int i = 0; i < parts.length; i++) {
        double v;
        try {
          v = (double) parts[i].getAccessor().invoke(this);
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
        if (i >= 11 && v == 0) {
          continue;
        }
        b.append(first ? "" : ", ").append(parts[i].getName()).append('=').append(v);
        first = false;
      }
      return b.append(']').toString();
    }
  }
}
