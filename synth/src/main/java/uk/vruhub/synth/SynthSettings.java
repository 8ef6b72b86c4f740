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
   * Rates (0 to 1) of the faults real extracts carry.
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
      double malformed) {

    public static Mess defaults() {
      return new Mess(0.04, 0.08, 0.01, 0.08, 0.05, 0.05, 0.85, 0.10, 0.03, 0.01, 0.005);
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
          0);
    }

    public static Mess none() {
      return new Mess(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }
  }
}
