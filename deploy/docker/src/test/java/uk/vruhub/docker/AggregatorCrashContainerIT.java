package uk.vruhub.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import uk.vruhub.avro.agency.EdAssaultAttendance;
import uk.vruhub.avro.agency.InjuryLevel;
import uk.vruhub.avro.agency.PersonRole;
import uk.vruhub.avro.agency.PoliceCrimeEvent;
import uk.vruhub.avro.agency.SchoolEvent;
import uk.vruhub.avro.agency.Weapon;
import uk.vruhub.avro.common.MatchKeyScheme;
import uk.vruhub.schemas.serde.AvroSerdes;
import uk.vruhub.schemas.topics.TopicCatalogue;
import uk.vruhub.schemas.topics.TopicCatalogue.Ids;
import uk.vruhub.schemas.topics.TopicSpec;
import uk.vruhub.testkit.SampleEvents;
import uk.vruhub.testkit.containers.ContainerHub;
import uk.vruhub.testkit.containers.ContainerTest;
import uk.vruhub.testkit.containers.Docker;

/**
 * The aggregator's container is SIGKILLed part-way through at least 100,000 agency events and
 * started again; every output (hotspot cells, cohort summary cells, level 2 profiles) then equals
 * the output of an uninterrupted run of the same image over the same input on a cluster of its own.
 * Exactly-once v2 is what makes that true. {@code -Dhub.it.crash-events=n} changes the size.
 */
@ContainerTest(images = {"registry", "aggregator"})
class AggregatorCrashContainerIT {

  private static final int EVENTS = Integer.getInteger("hub.it.crash-events", 100_000);
  private static final String APPLICATION_ID = "vru-aggregator";

  @Test
  void aKilledAggregatorEndsWithTheOutputsOfAnUninterruptedRun() throws Exception {
    Map<String, Map<String, String>> uninterrupted;
    try (ContainerHub hub = ContainerHub.start()) {
      hub.createTopics();
      produce(hub);
      try (GenericContainer<?> aggregator = aggregator(hub)) {
        aggregator.start();
        Services.awaitCaughtUp(aggregator, hub, Duration.ofMinutes(8));
      }
      uninterrupted = outputs(hub);
    }

    Map<String, Map<String, String>> crashed;
    long processedAtKill;
    try (ContainerHub hub = ContainerHub.start()) {
      hub.createTopics();
      produce(hub);
      try (GenericContainer<?> aggregator = aggregator(hub)) {
        aggregator.start();
        processedAtKill = awaitProcessed(hub, EVENTS / 3, Duration.ofMinutes(5));
        Docker.kill(aggregator);
        Docker.startAgain(aggregator);
        Services.awaitCaughtUp(aggregator, hub, Duration.ofMinutes(8));
      }
      crashed = outputs(hub);
    }

    Map<String, Integer> sizes =
        uninterrupted.entrySet().stream()
            .collect(
                Collectors.toMap(
                    Map.Entry::getKey, e -> e.getValue().size(), (a, b) -> a, TreeMap::new));
    List<String> differing = new java.util.ArrayList<>();
    for (String topic : uninterrupted.keySet()) {
      Map<String, String> a = uninterrupted.get(topic);
      Map<String, String> b = crashed.getOrDefault(topic, Map.of());
      Set<String> keys = new java.util.TreeSet<>(a.keySet());
      keys.addAll(b.keySet());
      for (String k : keys) {
        if (!String.valueOf(a.get(k)).equals(String.valueOf(b.get(k)))) {
          differing.add(topic + " " + k + ": uninterrupted " + a.get(k) + ", crashed " + b.get(k));
        }
      }
    }
    System.out.printf(
        "Aggregator SIGKILLed after committing %,d of %,d input events, then restarted: outputs"
            + " by topic %s; cells differing from the uninterrupted run: %d%n",
        processedAtKill, EVENTS, sizes, differing.size());
    differing.stream().limit(5).forEach(System.out::println);
    assertThat(uninterrupted.get(topic(Ids.HOTSPOTS))).isNotEmpty();
    assertThat(uninterrupted.get(topic(Ids.COHORT_PROFILES))).isNotEmpty();
    assertThat(crashed).isEqualTo(uninterrupted);
  }

  private static String topic(String id) {
    return TopicCatalogue.load().byId(id).name();
  }

  /** Its HTTPS port on a fixed host port, so the status can be asked after the restart too. */
  private static GenericContainer<?> aggregator(ContainerHub hub) {
    return Services.aggregatorContainer(hub)
        .withEnv("HUB_AGGREGATOR_COMMITINTERVAL", "200ms")
        .withCreateContainerCmdModifier(Docker.bind(Docker.freePort(), 8090));
  }

  /**
   * The same events every time, in the same order: people seen by the police, the emergency
   * department and schools, linked across agencies through a shared name-date-sex key, over a year.
   */
  private static void produce(ContainerHub hub) {
    TopicSpec police = hub.topics().byId(Ids.POLICE_CRIME_EVENTS);
    TopicSpec health = hub.topics().byId(Ids.HEALTH_ED_ASSAULT_ATTENDANCES);
    TopicSpec school = hub.topics().byId(Ids.EDUCATION_SCHOOL_EVENTS);
    Serializer<Object> value =
        AvroSerdes.<Object>valueSerde(police, hub.serdeConfig()).serializer();
    Instant start = Instant.parse("2025-07-01T00:00:00Z");
    try (KafkaProducer<String, Object> producer =
        new KafkaProducer<>(hub.producerProperties(), new StringSerializer(), value)) {
      for (int i = 0; i < EVENTS; i++) {
        int person = i % 15_000;
        String label = "p" + person;
        String record = "r" + i;
        Instant when = start.plus((i * 37L) % 360, ChronoUnit.DAYS).plus(i % 24, ChronoUnit.HOURS);
        int kind = i % 10;
        if (kind < 7) {
          PoliceCrimeEvent base = SampleEvents.policeEvent(record);
          PoliceCrimeEvent event =
              PoliceCrimeEvent.newBuilder(base)
                  .setCrimePseudonym("crime-" + (i / 2))
                  .setMatchKeys(
                      List.of(SampleEvents.matchKey(MatchKeyScheme.FULLNAME_DOB_SEX, label)))
                  .setOccurredFrom(when)
                  .setReportedAt(when.plus(1, ChronoUnit.HOURS))
                  .setIncidentArea(i % 2 == 0 ? base.getIncidentArea() : base.getHomeArea())
                  .setRole(i % 3 == 0 ? PersonRole.SUSPECT : PersonRole.VICTIM)
                  .setWeapon(i % 4 == 0 ? Weapon.KNIFE_OR_BLADED : Weapon.NONE)
                  .setInjury(i % 5 == 0 ? InjuryLevel.SERIOUS : InjuryLevel.MINOR)
                  .setAgeAtEvent(10 + person % 20)
                  .build();
          producer.send(new ProducerRecord<>(police.name(), record, event));
        } else if (kind < 9) {
          EdAssaultAttendance event =
              EdAssaultAttendance.newBuilder(SampleEvents.edAttendance(record))
                  .setMatchKeys(
                      List.of(
                          SampleEvents.matchKey(MatchKeyScheme.NHS_NUMBER, label),
                          SampleEvents.matchKey(MatchKeyScheme.FULLNAME_DOB_SEX, label)))
                  .setAssaultAt(when)
                  .setArrivedAt(when.plus(1, ChronoUnit.HOURS))
                  .setAgeAtEvent(10 + person % 20)
                  .build();
          producer.send(new ProducerRecord<>(health.name(), record, event));
        } else {
          SchoolEvent event =
              SchoolEvent.newBuilder(SampleEvents.schoolEvent(record))
                  .setMatchKeys(
                      List.of(
                          SampleEvents.matchKey(MatchKeyScheme.UPN, label),
                          SampleEvents.matchKey(MatchKeyScheme.FULLNAME_DOB_SEX, label)))
                  .setStartDate(LocalDate.ofInstant(when, java.time.ZoneOffset.UTC))
                  .setAgeAtEvent(10 + person % 20)
                  .build();
          producer.send(new ProducerRecord<>(school.name(), record, event));
        }
      }
      producer.flush();
    }
  }

  /** Input events whose offsets the aggregator has committed. */
  private static long processed(Admin admin, ContainerHub hub)
      throws InterruptedException, ExecutionException, TimeoutException {
    Set<String> inputs = inputTopics(hub);
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin
            .listConsumerGroupOffsets(APPLICATION_ID)
            .partitionsToOffsetAndMetadata()
            .get(30, TimeUnit.SECONDS);
    return committed.entrySet().stream()
        .filter(e -> inputs.contains(e.getKey().topic()) && e.getValue() != null)
        .mapToLong(e -> e.getValue().offset())
        .sum();
  }

  private static Set<String> inputTopics(ContainerHub hub) {
    return Set.of(
        hub.topics().byId(Ids.POLICE_CRIME_EVENTS).name(),
        hub.topics().byId(Ids.HEALTH_ED_ASSAULT_ATTENDANCES).name(),
        hub.topics().byId(Ids.EDUCATION_SCHOOL_EVENTS).name());
  }

  private static long awaitProcessed(ContainerHub hub, long atLeast, Duration timeout)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Admin admin = admin(hub)) {
      while (true) {
        long done = processed(admin, hub);
        if (done >= atLeast) {
          return done;
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "The aggregator committed only " + done + " input events in " + timeout);
        }
        Thread.sleep(200);
      }
    }
  }

  /**
   * The latest value per key of each output topic, with what legitimately differs between runs
   * taken out: revision times, and the analyst's person pseudonyms (linked ids depend on which
   * record of a person came first, not on what was counted).
   */
  private static Map<String, Map<String, String>> outputs(ContainerHub hub) {
    Map<String, Map<String, String>> out = new TreeMap<>();
    for (String id : List.of(Ids.HOTSPOTS, Ids.COHORT_SUMMARY)) {
      TopicSpec topic = hub.topics().byId(id);
      Map<String, String> latest = new TreeMap<>();
      for (ConsumerRecord<Object, Object> r : hub.readAll(topic, Duration.ofMinutes(1))) {
        if (r.value() == null) {
          latest.remove(String.valueOf(r.key()));
        } else {
          latest.put(String.valueOf(r.key()), normalise(r.value()));
        }
      }
      out.put(topic.name(), latest);
    }
    TopicSpec profiles = hub.topics().byId(Ids.COHORT_PROFILES);
    Map<Object, String> live = new HashMap<>();
    for (ConsumerRecord<Object, Object> r : hub.readAll(profiles, Duration.ofMinutes(1))) {
      if (r.value() == null) {
        live.remove(r.key());
      } else {
        live.put(r.key(), normalise(r.value()).replaceAll("\"personPseudonym\": \"[^\"]*\"", ""));
      }
    }
    Map<String, String> counted = new TreeMap<>();
    live.values()
        .forEach(v -> counted.merge(v, "1", (a, b) -> Integer.toString(Integer.parseInt(a) + 1)));
    out.put(profiles.name(), counted);
    return out;
  }

  private static String normalise(Object value) {
    return value.toString().replaceAll("\"revisedAt\": [^,}]*", "");
  }

  private static Admin admin(ContainerHub hub) {
    return hub.admin();
  }
}
