package uk.vruhub.synth;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A fictional VRU area: districts (which are also the community safety partnerships), wards of
 * about five LSOAs, LSOAs of about 1,600 residents, and postcodes. Codes are in ranges ONS never
 * issues (E019…, E059…, E079…, E229…, E239…) and postcodes in areas XA…XZ (X never starts a real
 * postcode area), so nothing can be mistaken for a real place.
 *
 * <p>Each LSOA has a deprivation decile and a violence weight: an eightfold gradient from least to
 * most deprived, and a few town-centre neighbourhoods with a heavy excess, so that about half of
 * all violence falls in a small share of neighbourhoods.
 */
public final class SyntheticArea {

  public static final String VRU_CODE = "E23900001";
  public static final String VRU_NAME = "Synthetic VRU area";

  private static final String[] DISTRICTS = {
    "Porthaven", "Eastmere", "Kingsbridge", "Ashcombe", "Northwold", "Saltley", "Brackenfield",
    "Westerby", "Marlow Vale", "Hollins", "Fairhaven", "Dunmore", "Greystone", "Oakhurst",
    "Redcliffe", "Stanmoor", "Thornbury", "Wyecombe", "Larkhill", "Mistley", "Coldharbour",
    "Elmstead", "Ravensworth", "Upminster Fen"
  };
  private static final String[] WARD_WORDS = {
    "Harbour", "Castle", "Central", "Abbey", "Moor", "Park", "Bridge", "Mill", "Green", "Hill",
    "Fields", "Common", "Quay", "Meadows", "Heath", "Priory", "Marsh", "Down", "Vale", "Cross"
  };
  private static final String POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ";

  /** One LSOA. */
  public record Lsoa(
      int index,
      String code,
      String name,
      String wardCode,
      String wardName,
      int district,
      int residents,
      int imdDecile,
      double weight,
      int east,
      int north,
      List<String> postcodes,
      String terminatedPostcode) {}

  private final List<Lsoa> lsoas;
  private final int districts;
  private final double[] cumulativeWeight;

  private SyntheticArea(List<Lsoa> lsoas, int districts) {
    this.lsoas = List.copyOf(lsoas);
    this.districts = districts;
    this.cumulativeWeight = new double[lsoas.size()];
    double sum = 0;
    for (int i = 0; i < lsoas.size(); i++) {
      sum += lsoas.get(i).weight();
      cumulativeWeight[i] = sum;
    }
  }

  /** Builds the area for a number of residents, the same for the same seed. */
  public static SyntheticArea build(int residents, long seed) {
    SplittableRandom random = new SplittableRandom(seed ^ 0x5EEDA4EAL);
    int lsoaCount = Math.max(12, residents / 1600);
    int wardCount = Math.max(2, (lsoaCount + 4) / 5);
    int districtCount = Math.min(DISTRICTS.length, Math.max(1, (wardCount + 5) / 6));
    List<Lsoa> lsoas = new ArrayList<>(lsoaCount);
    Set<String> used = new HashSet<>();
    int remaining = residents;
    for (int i = 0; i < lsoaCount; i++) {
      int ward = i * wardCount / lsoaCount;
      int district = ward * districtCount / wardCount;
      int people =
          i == lsoaCount - 1
              ? remaining
              : (int)
                  Math.max(
                      900,
                      Math.round(
                          residents / (double) lsoaCount * (0.85 + 0.3 * random.nextDouble())));
      people = Math.max(1, Math.min(people, remaining - (lsoaCount - 1 - i)));
      remaining -= people;
      int decile = 1 + (int) Math.min(9, Math.floor(Math.pow(random.nextDouble(), 1.1) * 10));
      // Eightfold gradient from decile 10 to decile 1; a few town centres with a heavy excess.
      double weight = Math.pow(8, (10 - decile) / 9.0);
      if (random.nextDouble() < 0.05) {
        weight *= 12 + 8 * random.nextDouble();
      }
      // Districts on a grid of 40 km squares inside Great Britain's national grid (0-700 km east).
      int east =
          300_000
              + (district % 6) * 40_000
              + (ward % 6) * 5_000
              + (int) (random.nextDouble() * 4_000);
      int north =
          100_000
              + (district / 6) * 40_000
              + (ward / 6 % 6) * 5_000
              + (int) (random.nextDouble() * 4_000);
      String area = "X" + POSTCODE_LETTERS.charAt(district % POSTCODE_LETTERS.length());
      int sector = 1 + (i % 9);
      List<String> postcodes = new ArrayList<>();
      int count = 10 + random.nextInt(8);
      while (postcodes.size() < count + 1) {
        String pc =
            area
                + (1 + ward % 20)
                + " "
                + sector
                + POSTCODE_LETTERS.charAt(random.nextInt(POSTCODE_LETTERS.length()))
                + POSTCODE_LETTERS.charAt(random.nextInt(POSTCODE_LETTERS.length()));
        if (used.add(pc)) {
          postcodes.add(pc);
        }
      }
      String terminated = postcodes.remove(postcodes.size() - 1);
      String districtName = DISTRICTS[district];
      lsoas.add(
          new Lsoa(
              i,
              String.format("E019%05d", i + 1),
              String.format(
                  "%s %03d%c",
                  districtName,
                  i - firstOf(district, lsoaCount, wardCount, districtCount) + 1,
                  'A' + (i % 4)),
              String.format("E059%05d", ward + 1),
              districtName
                  + " "
                  + WARD_WORDS[ward % WARD_WORDS.length]
                  + (ward >= WARD_WORDS.length ? " " + (ward / WARD_WORDS.length + 1) : ""),
              district,
              people,
              decile,
              weight,
              east,
              north,
              List.copyOf(postcodes),
              terminated));
    }
    return new SyntheticArea(lsoas, districtCount);
  }

  private static int firstOf(int district, int lsoaCount, int wardCount, int districtCount) {
    for (int i = 0; i < lsoaCount; i++) {
      if ((i * wardCount / lsoaCount) * districtCount / wardCount == district) {
        return i;
      }
    }
    return 0;
  }

  public List<Lsoa> lsoas() {
    return lsoas;
  }

  public int districts() {
    return districts;
  }

  public String districtCode(int district) {
    return String.format("E079%05d", district + 1);
  }

  public String districtName(int district) {
    return DISTRICTS[district];
  }

  /** An LSOA drawn by violence weight. */
  public Lsoa byViolence(SplittableRandom random) {
    double x = random.nextDouble() * cumulativeWeight[cumulativeWeight.length - 1];
    int lo = 0;
    int hi = cumulativeWeight.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulativeWeight[mid] < x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lsoas.get(lo);
  }

  /** The name of the LSOA boundary file {@link #write} writes beside the area hierarchy. */
  public static final String BOUNDARIES_FILE = "lsoa-boundaries.geojson";

  /**
   * Writes the ONSPD-layout postcode file, the area hierarchy, the population estimates and the
   * LSOAs' boundaries ({@link Boundaries}).
   */
  public void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    try (CSVPrinter out = printer(dir.resolve("postcodes.csv"))) {
      out.printRecord(
          "pcds",
          "dointr",
          "doterm",
          "oseast1m",
          "osnrth1m",
          "osward",
          "oslaua",
          "lsoa21",
          "pfa",
          "imd");
      for (Lsoa l : lsoas) {
        int k = 0;
        for (String pc : l.postcodes()) {
          k++;
          out.printRecord(
              pc,
              "199801",
              "",
              l.east() + (k * 37) % 400 - 200,
              l.north() + (k * 53) % 400 - 200,
              l.wardCode(),
              districtCode(l.district()),
              l.code(),
              VRU_CODE,
              l.imdDecile() * 3000 - 1500);
        }
        out.printRecord(
            l.terminatedPostcode(),
            "198001",
            "201906",
            l.east(),
            l.north(),
            l.wardCode(),
            districtCode(l.district()),
            l.code(),
            VRU_CODE,
            l.imdDecile() * 3000 - 1500);
      }
    }
    try (CSVPrinter out = printer(dir.resolve("areas.csv"))) {
      out.printRecord(
          "lsoa21cd",
          "lsoa21nm",
          "wd24cd",
          "wd24nm",
          "lad24cd",
          "lad24nm",
          "csp24cd",
          "csp24nm",
          "pfa24cd",
          "pfa24nm",
          "imd_decile");
      for (Lsoa l : lsoas) {
        out.printRecord(
            l.code(),
            l.name(),
            l.wardCode(),
            l.wardName(),
            districtCode(l.district()),
            districtName(l.district()),
            String.format("E229%05d", l.district() + 1),
            districtName(l.district()) + " CSP",
            VRU_CODE,
            VRU_NAME,
            l.imdDecile());
      }
    }
    Boundaries.write(this, dir.resolve(BOUNDARIES_FILE));
    try (CSVPrinter out = printer(dir.resolve("population.csv"))) {
      List<Object> header = new ArrayList<>(List.of("Code", "Name", "Geography", "All ages"));
      for (int age = 0; age <= 90; age++) {
        header.add(Integer.toString(age));
      }
      out.printRecord(header);
      for (Lsoa l : lsoas) {
        List<Object> row = new ArrayList<>(List.of(l.code(), l.name(), "LSOA", l.residents()));
        int[] ages = ageProfile(l.residents());
        for (int a : ages) {
          row.add(a);
        }
        out.printRecord(row);
      }
    }
  }

  /** Residents by single year of age: flat to 60, then falling, summing to the total. */
  private static int[] ageProfile(int total) {
    double[] w = new double[91];
    double sum = 0;
    for (int age = 0; age <= 90; age++) {
      w[age] = age < 60 ? 1.0 : age < 90 ? Math.max(0.1, 1.0 - (age - 60) / 35.0) : 0.6;
      sum += w[age];
    }
    int[] out = new int[91];
    int given = 0;
    for (int age = 0; age <= 90; age++) {
      out[age] = (int) Math.floor(total * w[age] / sum);
      given += out[age];
    }
    out[30] += total - given;
    return out;
  }

  static CSVPrinter printer(Path file) throws IOException {
    Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    return new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setRecordSeparator("\r\n").get());
  }
}
