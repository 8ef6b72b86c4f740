package uk.vruhub.local.quality;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import uk.vruhub.aggregator.cohort.CohortTopology;
import uk.vruhub.aggregator.definitions.Definitions;
import uk.vruhub.aggregator.hotspot.Cell;
import uk.vruhub.aggregator.hotspot.CellCounts;
import uk.vruhub.aggregator.hotspot.HotspotTopology;
import uk.vruhub.avro.common.MatchKey;
import uk.vruhub.avro.common.MatchKeyScheme;
import uk.vruhub.avro.hub.CohortSummaryCell;
import uk.vruhub.avro.hub.HotspotCell;
import uk.vruhub.ingest.core.identity.LinkageSecret;
import uk.vruhub.ingest.core.identity.Pseudonymiser;
import uk.vruhub.local.Partition;
import uk.vruhub.local.disclosure.SubtractionAttack;
import uk.vruhub.policy.Policy;
import uk.vruhub.schemas.serde.AvroSerdeConfig;
import uk.vruhub.schemas.serde.AvroSerdes;
import uk.vruhub.schemas.topics.TopicCatalogue;
import uk.vruhub.schemas.topics.TopicCatalogue.Ids;
import uk.vruhub.schemas.topics.TopicSpec;

/**
 * Measures a hub that has taken in generated feeds against the generator's ground truth: linkage
 * (the aggregator's own record-to-person store) beside exact single-key matching, planted hotspot
 * recall (the analyst endpoint), and disclosure (every topic's bytes, and every level 1 cell).
 */
public final class QualityMeasure {

  /** Level 1 counts below this are suppressed (the agreement's floor). */
  public static final int THRESHOLD = 5;

  /**
   * How the measure reaches the running hub.
   *
   * @param kafka client properties of hub-admin (bootstrap servers, SASL): the measure inspects
   *     every topic, so it needs the super user
   * @param registry the registry as a reader of the hub's schemas (HTTPS, its own user)
   */
  public record Hub(
      Map<String, Object> kafka,
      AvroSerdeConfig registry,
      KafkaStreams aggregator,
      Path linkageSecret,
      Function<String, List<CSVRecord>> hotspots,
      Path logFile,
      Policy policy) {}

  private QualityMeasure() {}

  public static QualityReport measure(
      Hub hub, Path demoDir, int topN, boolean attack, boolean nestedPeriods) {
    try {
      TopicCatalogue topics = TopicCatalogue.load();
      AvroSerdeConfig serde = hub.registry();
      Truth detail = truthRecords(demoDir, hub.linkageSecret());
      Map<String, String> truth = detail.person();
      Map<String, String> linked = linked(hub.aggregator(), truth.keySet());
      Map<String, String> baseline = baseline(hub.kafka(), topics, serde, truth.keySet());
      writeLinked(demoDir, detail, linked, baseline);

      List<String[]> planted = csv(demoDir.resolve("truth/planted-hotspots.csv"));
      int found = 0;
      for (String[] p : planted) {
        List<CSVRecord> cells =
            hub.hotspots()
                .apply(
                    "period=MONTH&definition=hips-2023&source=COMBINED&limit=100000&start="
                        + LocalDate.parse(p[2]));
        if (cells.stream()
            .filter(c -> c.get("areaLevel").equals("LSOA"))
            .limit(topN)
            .anyMatch(c -> c.get("areaCode").equals(p[0]))) {
          found++;
        }
      }

      DisclosureScan scan = new DisclosureScan(identifiers(demoDir));
      List<String> scanned = new ArrayList<>();
      try (Admin admin = Admin.create(hub.kafka())) {
        Set<String> names =
            new TreeSet<>(
                admin
                    .listTopics(new ListTopicsOptions().listInternal(true))
                    .names()
                    .get(30, TimeUnit.SECONDS));
        for (String topic : names) {
          scanned.add(topic);
          TopicBytes.readAll(
              hub.kafka(),
              topic,
              new ByteArrayDeserializer(),
              new ByteArrayDeserializer(),
              false,
              r -> {
                scan.scan(r.key());
                scan.scan(r.value());
                for (Header h : r.headers()) {
                  scan.scan(h.value());
                }
              });
        }
      }

      DisclosureScan logs = new DisclosureScan(identifiers(demoDir));
      if (hub.logFile() != null && Files.exists(hub.logFile())) {
        logs.scan(Files.readAllBytes(hub.logFile()));
      }

      long small =
          smallCells(
                  hub.kafka(), topics.byId(Ids.HOTSPOTS), serde, v -> ((HotspotCell) v).getCount())
              + smallCells(
                  hub.kafka(),
                  topics.byId(Ids.COHORT_SUMMARY),
                  serde,
                  v -> ((CohortSummaryCell) v).getPersons());

      return new QualityReport(
          truth.size(),
          (int) truth.values().stream().distinct().count(),
          PairwiseScore.of(truth, linked),
          PairwiseScore.of(truth, baseline),
          breakdowns(demoDir, detail, linked, baseline),
          LookalikeMerges.of(truth, linked, baseline, lookalikes(demoDir)),
          planted.size(),
          found,
          topN,
          scan.hits(),
          scan.bytesScanned(),
          scanned,
          logs.hits(),
          small,
          !attack
              ? null
              : DisclosureAttack.attack(
                  hub.kafka(),
                  serde,
                  hub.policy(),
                  hotspotTruth(hub.aggregator()),
                  demoDir.resolveSibling("disclosure").resolve("revisions.tsv"),
                  nestedPeriods,
                  // The local hub's aggregator counts under the shipped definitions.
                  Definitions.shipped().nestedIn(),
                  m -> System.out.println("[quality] " + m)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("Cannot list topics", e);
    }
  }

  /**
   * What the truth says of each evaluated record (by pseudonym): its true person, agency and the
   * kinds of mess it carries.
   */
  record Truth(
      Map<String, String> person,
      Map<String, String> agency,
      Map<String, String> reference,
      Map<String, Set<String>> mess) {}

  /**
   * Writes {@code truth/linked.csv} beside the generator's truth: each record's agency, reference,
   * true person, the hub's person and the exact-key baseline's cluster, so a missed or false link
   * can be traced to the rows behind it (synthetic data; kept with {@code --keep}).
   */
  static void writeLinked(
      Path demoDir, Truth truth, Map<String, String> linked, Map<String, String> baseline)
      throws IOException {
    try (org.apache.commons.csv.CSVPrinter out =
        org.apache.commons.csv.CSVFormat.DEFAULT.print(
            Files.newBufferedWriter(demoDir.resolve("truth/linked.csv")))) {
      out.printRecord("agency", "reference", "person_id", "hub_person", "baseline_cluster");
      for (Map.Entry<String, String> e : new java.util.TreeMap<>(truth.person()).entrySet()) {
        String key = e.getKey();
        out.printRecord(
            truth.agency().get(key),
            truth.reference().get(key),
            e.getValue(),
            linked.getOrDefault(key, ""),
            baseline.getOrDefault(key, ""));
      }
    }
  }

  /** Record pseudonym to true person, for records sent, valid and not withdrawn at the end. */
  static Map<String, String> truth(Path demoDir, Path secretFile) throws IOException {
    return truthRecords(demoDir, secretFile).person();
  }

  /** The truth of the records sent, valid and not withdrawn at the end. */
  static Truth truthRecords(Path demoDir, Path secretFile) throws IOException {
    Pseudonymiser pseudonymiser =
        new Pseudonymiser(LinkageSecret.load(secretFile, Map.of(), "lk1"));
    Map<String, String[]> latest = new LinkedHashMap<>();
    for (String[] r : csv(demoDir.resolve("truth/records.csv"))) {
      String[] previous = latest.get(r[0] + "|" + r[1]);
      // A broken re-send leaves the earlier valid version in place.
      if (previous == null || !r[4].equals("MALFORMED")) {
        latest.put(r[0] + "|" + r[1], r);
      }
    }
    Map<String, String> truth = new HashMap<>();
    Map<String, String> agency = new HashMap<>();
    Map<String, String> reference = new HashMap<>();
    Map<String, Set<String>> mess = new HashMap<>();
    for (String[] r : latest.values()) {
      if (r[4].equals("MALFORMED") || r[4].equals("WITHDRAWN")) {
        continue;
      }
      String key = pseudonymiser.recordPseudonym(r[0], r[1].split("\\|"));
      truth.put(key, r[2]);
      agency.put(key, r[0]);
      reference.put(key, r[1]);
      mess.put(key, r.length > 5 && !r[5].isEmpty() ? Set.of(r[5].split(";")) : Set.of());
    }
    return new Truth(truth, agency, reference, mess);
  }

  /** The agencies in the order agency pairs are named. */
  static final List<String> AGENCIES = List.of("POLICE", "HEALTH", "EDUCATION");

  /**
   * Linkage and baseline by the person's age band and sex (from {@code truth/people.csv}), the
   * records' agencies, and the kinds of mess either record carries.
   */
  static List<QualityReport.Breakdown> breakdowns(
      Path demoDir, Truth truth, Map<String, String> linked, Map<String, String> baseline)
      throws IOException {
    Map<String, String> sex = new HashMap<>();
    Map<String, String> age = new HashMap<>();
    LocalDate end = lastExtract(demoDir);
    for (CSVRecord p : records(demoDir.resolve("truth/people.csv"))) {
      String id = p.get("person_id");
      sex.put(id, p.get("sex"));
      age.put(
          id,
          p.isMapped("age_band") && !p.get("age_band").isEmpty()
              ? p.get("age_band")
              : uk.vruhub.synth.Generator.ageBand(
                  java.time.Period.between(LocalDate.parse(p.get("date_of_birth")), end)
                      .getYears()));
    }
    Map<String, String> person = truth.person();
    Map<String, GroupedScore.PairGroups> dimensions = new LinkedHashMap<>();
    dimensions.put(
        "age", GroupedScore.PairGroups.either(r -> Set.of(age.getOrDefault(person.get(r), "?"))));
    dimensions.put(
        "sex", GroupedScore.PairGroups.either(r -> Set.of(sex.getOrDefault(person.get(r), "?"))));
    dimensions.put("agencies", GroupedScore.PairGroups.labelPair(truth.agency()::get, AGENCIES));
    dimensions.put(
        "mess",
        GroupedScore.PairGroups.eitherOr(r -> truth.mess().getOrDefault(r, Set.of()), "NONE"));
    List<QualityReport.Breakdown> out = new ArrayList<>();
    dimensions.forEach(
        (dimension, groups) -> {
          Map<String, PairwiseScore> hub = GroupedScore.of(person, linked, groups);
          Map<String, PairwiseScore> base = GroupedScore.of(person, baseline, groups);
          Set<String> names = new java.util.TreeSet<>(groupOrder(dimension));
          names.addAll(hub.keySet());
          names.addAll(base.keySet());
          for (String g : names) {
            out.add(
                new QualityReport.Breakdown(
                    dimension,
                    g,
                    hub.getOrDefault(g, PairwiseScore.NONE),
                    base.getOrDefault(g, PairwiseScore.NONE)));
          }
        });
    return out;
  }

  /** Age bands in age order, agency pairs police first, otherwise by name. */
  private static java.util.Comparator<String> groupOrder(String dimension) {
    List<String> order =
        switch (dimension) {
          case "age" -> List.of("0-9", "10-17", "18-24", "25-34", "35+");
          case "agencies" ->
              List.of(
                  "POLICE-HEALTH",
                  "POLICE-EDUCATION",
                  "HEALTH-EDUCATION",
                  "POLICE-POLICE",
                  "HEALTH-HEALTH",
                  "EDUCATION-EDUCATION");
          case "mess" -> List.of("NONE");
          default -> List.of();
        };
    return java.util.Comparator.<String>comparingInt(
            g -> order.indexOf(g) < 0 ? order.size() : order.indexOf(g))
        .thenComparing(java.util.Comparator.naturalOrder());
  }

  private static LocalDate lastExtract(Path demoDir) throws IOException {
    LocalDate last = LocalDate.MIN;
    for (String[] r : csv(demoDir.resolve("truth/records.csv"))) {
      LocalDate d = LocalDate.parse(r[3]);
      if (d.isAfter(last)) {
        last = d;
      }
    }
    return last.equals(LocalDate.MIN) ? LocalDate.now() : last;
  }

  /** The look-alike people of the run; none when the truth has no such file. */
  static List<LookalikeMerges.Pair> lookalikes(Path demoDir) throws IOException {
    Path file = demoDir.resolve("truth/lookalikes.csv");
    if (!Files.exists(file)) {
      return List.of();
    }
    List<LookalikeMerges.Pair> out = new ArrayList<>();
    for (String[] l : csv(file)) {
      out.add(new LookalikeMerges.Pair(l[0], l[1], l[2]));
    }
    return out;
  }

  private static List<CSVRecord> records(Path file) throws IOException {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser =
            CSVParser.parse(
                reader, CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
      return parser.getRecords();
    }
  }

  private static Map<String, String> linked(KafkaStreams streams, Set<String> records) {
    ReadOnlyKeyValueStore<String, String> store =
        streams.store(
            StoreQueryParameters.fromNameAndType(
                CohortTopology.RECORDS_STORE, QueryableStoreTypes.<String, String>keyValueStore()));
    Map<String, String> out = new HashMap<>();
    for (String r : records) {
      String person = store.get(r);
      if (person != null) {
        out.put(r, person);
      }
    }
    return out;
  }

  /**
   * The events the aggregator counted in every hotspot cell, by definition and source, from its
   * state (what the published counts are made from, before suppression and rounding): the truth
   * that information loss is measured against.
   */
  static Map<SubtractionAttack.Key, Integer> hotspotTruth(KafkaStreams streams) {
    ReadOnlyKeyValueStore<Cell, CellCounts> store =
        streams.store(
            StoreQueryParameters.fromNameAndType(
                HotspotTopology.CELLS_STORE,
                QueryableStoreTypes.<Cell, CellCounts>keyValueStore()));
    Map<SubtractionAttack.Key, Integer> out = new HashMap<>();
    try (KeyValueIterator<Cell, CellCounts> it = store.all()) {
      while (it.hasNext()) {
        KeyValue<Cell, CellCounts> kv = it.next();
        Cell cell = kv.key;
        kv.value
            .byDefinition()
            .forEach(
                (definition, c) -> {
                  int police = c.policeLocated() + c.policeUnlocated();
                  int health = c.healthLocated() + c.healthUnlocated();
                  for (Map.Entry<String, Integer> source :
                      Map.of("POLICE", police, "HEALTH", health, "COMBINED", police + health)
                          .entrySet()) {
                    out.put(
                        new SubtractionAttack.Key(
                            cell.period().name(),
                            cell.start(),
                            definition,
                            cell.area(),
                            false,
                            source.getKey()),
                        source.getValue());
                  }
                });
      }
    }
    return out;
  }

  /** Exact matching on the full name + date of birth + sex key alone, transitively. */
  private static Map<String, String> baseline(
      Map<String, Object> kafka,
      TopicCatalogue topics,
      AvroSerdeConfig serde,
      Set<String> records) {
    Partition clusters = new Partition();
    Map<String, String> keyOwner = new HashMap<>();
    for (String id :
        List.of(
            Ids.POLICE_CRIME_EVENTS,
            Ids.HEALTH_ED_ASSAULT_ATTENDANCES,
            Ids.EDUCATION_SCHOOL_EVENTS)) {
      TopicSpec topic = topics.byId(id);
      Serde<SpecificRecord> values = AvroSerdes.valueSerde(topic, serde);
      TopicBytes.readAll(
          kafka,
          topic.name(),
          new StringDeserializer(),
          values.deserializer(),
          true,
          r -> {
            if (r.value() == null || !records.contains(r.key())) {
              return;
            }
            SpecificRecord v = r.value();
            @SuppressWarnings("unchecked")
            List<MatchKey> keys = (List<MatchKey>) v.get(v.getSchema().getField("matchKeys").pos());
            clusters.add(r.key());
            for (MatchKey k : keys) {
              if (k.getScheme() == MatchKeyScheme.FULLNAME_DOB_SEX) {
                String owner = keyOwner.putIfAbsent(k.getValue(), r.key());
                if (owner != null) {
                  clusters.join(owner, r.key());
                }
              }
            }
          });
    }
    return clusters.groups();
  }

  private static long smallCells(
      Map<String, Object> kafka,
      TopicSpec topic,
      AvroSerdeConfig serde,
      Function<Object, Integer> count) {
    Map<Object, Object> latest = new HashMap<>();
    TopicBytes.readCommittedAvro(kafka, topic, serde, r -> latest.put(r.key(), r.value()));
    return latest.values().stream()
        .filter(v -> v != null)
        .map(count)
        .filter(c -> c != null && c > 0 && c < THRESHOLD)
        .count();
  }

  /**
   * Every identifier the generator made: names, dates of birth, NHS numbers, UPNs, PNC ids, the
   * force's nominal ids and crime references, postcodes.
   */
  static Map<String, String> identifiers(Path demoDir) throws IOException {
    Map<String, String> ids = new HashMap<>();
    for (String[] p : csv(demoDir.resolve("truth/people.csv"))) {
      name(ids, p[2]);
      name(ids, p[3]);
      if (p.length > 11 && !p[11].isEmpty()) {
        for (String middle : p[11].split(" ")) {
          name(ids, middle);
        }
      }
      LocalDate dob = LocalDate.parse(p[4]);
      ids.put(dob.toString(), "date of birth");
      ids.put(
          dob.format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy")), "date of birth");
      ids.put(p[5], "NHS number");
      ids.put(
          p[5].substring(0, 3) + " " + p[5].substring(3, 6) + " " + p[5].substring(6),
          "NHS number");
      if (!p[6].isEmpty()) {
        ids.put(p[6], "UPN");
      }
      if (!p[7].isEmpty()) {
        ids.put(p[7], "PNC id");
      }
    }
    for (String[] r : csv(demoDir.resolve("truth/records.csv"))) {
      if (r[0].equals("POLICE")) {
        int bar = r[1].indexOf('|');
        ids.put(r[1].substring(0, bar), "crime reference");
        ids.put(r[1].substring(bar + 1), "police nominal id");
      }
    }
    for (String[] pc : csv(demoDir.resolve("geography/postcodes.csv"))) {
      ids.put(pc[0], "postcode");
      ids.put(pc[0].replace(" ", ""), "postcode");
    }
    return ids;
  }

  private static void name(Map<String, String> ids, String name) {
    if (name.length() >= 3) {
      ids.put(name, "name");
    }
    if (name.length() >= 6) {
      ids.put(name.toUpperCase(java.util.Locale.ROOT), "name");
    }
  }

  private static List<String[]> csv(Path file) throws IOException {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser =
            CSVParser.parse(
                reader, CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
      List<String[]> rows = new ArrayList<>();
      for (CSVRecord r : parser) {
        rows.add(r.values());
      }
      return rows;
    }
  }
}
