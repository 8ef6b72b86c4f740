package uk.vruhub.ingest.core.feed;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.Serializer;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.ProducerListener;

/**
 * Feed transactions on Kafka through a transactional {@link KafkaTemplate}: the work's sends and
 * the commit happen in one producer transaction; an exception, or any send the broker refused,
 * aborts it, so read_committed consumers see all of the feed or none of it. Values arrive encoded
 * (the template's value serializer passes bytes through), by the Avro serializer given here.
 */
public final class KafkaFeedTransactions implements FeedSink.Transactions {

  private final KafkaTemplate<String, byte[]> template;
  private final Serializer<SpecificRecord> values;

  /**
   * Transactions on a template whose values are bytes, encoded by {@code values} (the hub's
   * Confluent-format Avro serializer, which is thread-safe).
   */
  public KafkaFeedTransactions(
      KafkaTemplate<String, byte[]> template, Serializer<SpecificRecord> values) {
    this.template = template;
    this.values = values;
  }

  /**
   * A template for feed transactions. A refused send aborts the feed, and {@link FeedProcessor}
   * reports that once, in words holding no record content; Spring's default producer listener would
   * log every refused record's key and the start of its value instead (a pseudonym and part of an
   * event per line: 78,895 lines for one broker outage in a 150,000-row feed).
   */
  public static KafkaTemplate<String, byte[]> template(ProducerFactory<String, byte[]> factory) {
    KafkaTemplate<String, byte[]> template = new KafkaTemplate<>(factory);
    template.setProducerListener(new ProducerListener<>() {});
    return template;
  }

  @Override
  public byte[] encode(String topic, SpecificRecord value) {
    return values.serialize(topic, value);
  }

  @Override
  public <T> T inTransaction(Function<FeedSink, T> work) {
    // The producer itself rather than the template's send: one record and no future per row, on
    // the thread that sends every record of the feed.
    return template.executeInTransaction(
        ops ->
            ops.execute(
                producer -> {
                  AtomicReference<Exception> failure = new AtomicReference<>();
                  Callback callback =
                      (metadata, e) -> {
                        if (e != null) {
                          failure.compareAndSet(null, e);
                        }
                      };
                  FeedSink sink =
                      (topic, key, value) -> {
                        Exception failed = failure.get();
                        if (failed != null) {
                          throw new KafkaException(
                              "A record of this feed was refused by Kafka, so the feed is aborted",
                              failed);
                        }
                        producer.send(new ProducerRecord<>(topic, key, value), callback);
                      };
                  T result = work.apply(sink);
                  producer.flush();
                  if (failure.get() != null) {
                    throw new KafkaException(
                        "A record of this feed was refused by Kafka, so the feed is aborted",
                        failure.get());
                  }
                  return result;
                }));
  }
}
