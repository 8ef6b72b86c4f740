package uk.vruhub.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import uk.vruhub.schemas.registry.SchemaRegistryClient;
import uk.vruhub.schemas.serde.AvroSerdes;
import uk.vruhub.schemas.serde.WireFormat;
import uk.vruhub.schemas.topics.TopicCatalogue.Ids;
import uk.vruhub.schemas.topics.TopicSpec;
import uk.vruhub.security.HubPrincipals;

/**
 * Each agency event type goes through the real broker in a transaction and comes back through the
 * registry over HTTP: the schema is registered under the topic's subject and the bytes on the topic
 * are in the Confluent wire format.
 */
@HubIntegrationTest
class AgencyEventsRoundTripIT {

  @Test
  void policeHealthAndEducationEventsRoundTrip(HubEnvironment hub) {
    roundTrip(
        hub, hub.topics().byId(Ids.POLICE_CRIME_EVENTS), SampleEvents.policeEvent("rt-police-1"));
    roundTrip(
        hub,
        hub.topics().byId(Ids.HEALTH_ED_ASSAULT_ATTENDANCES),
        SampleEvents.edAttendance("rt-health-1"));
    roundTrip(
        hub,
        hub.topics().byId(Ids.EDUCATION_SCHOOL_EVENTS),
        SampleEvents.schoolEvent("rt-education-1"));
  }

  private static <V extends SpecificRecord> void roundTrip(
      HubEnvironment hub, TopicSpec topic, V event) {
    String key = (String) event.get(0);
    Serde<V> serde = AvroSerdes.valueSerde(topic, hub.serdeConfig());
    // Each agency's events are written as its own ingest service, which alone may write them.
    String agency = topic.name().substring(0, topic.name().indexOf('.'));
    var props = hub.producerProperties(HubPrincipals.ingest(agency));
    props.put(
        ProducerConfig.TRANSACTIONAL_ID_CONFIG,
        HubPrincipals.ingest(agency) + "-round-trip-" + topic.id());
    try (KafkaProducer<String, V> producer =
        new KafkaProducer<>(props, new StringSerializer(), serde.serializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic.name(), key, event));
      producer.commitTransaction();
    }

    // Commit markers reach the partitions just after commitTransaction returns, so wait for them.
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        hub.<String, V>readAll(
                            HubPrincipals.AGGREGATOR, topic, Duration.ofSeconds(30)))
                    .filteredOn(r -> r.key().equals(key))
                    .singleElement()
                    .extracting(ConsumerRecord::value)
                    .isEqualTo(event));
    SchemaRegistryClient registry = hub.registryClient();
    int id = registry.latest(topic.valueSubject()).id();
    byte[] raw = serde.serializer().serialize(topic.name(), event);
    assertThat(raw[0]).isEqualTo(WireFormat.MAGIC_BYTE);
    assertThat(WireFormat.schemaId(raw)).isEqualTo(id);
  }
}
