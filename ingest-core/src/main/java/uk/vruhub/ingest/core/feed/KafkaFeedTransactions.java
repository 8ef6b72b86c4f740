package uk.vruhub.ingest.core.feed;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Feed transactions on Kafka through a transactional {@link KafkaTemplate}: the work's sends and
 * the commit happen in one producer transaction; an exception, or any send the broker refused,
 * aborts it, so read_committed consumers see all of the feed or none of it.
 */
public final class KafkaFeedTransactions implements FeedSink.Transactions {

  private final KafkaTemplate<String, SpecificRecord> template;

  public KafkaFeedTransactions(KafkaTemplate<String, SpecificRecord> template) {
    this.template = template;
  }

  @Override
  public <T> T inTransaction(Function<FeedSink, T> work) {
    return template.executeInTransaction(
        ops -> {
          AtomicReference<Throwable> failure = new AtomicReference<>();
          FeedSink sink =
              (topic, key, value) -> {
                Throwable failed = failure.get();
                if (failed != null) {
                  throw new KafkaException(
                      "A record of this feed was refused by Kafka, so the feed is aborted", failed);
                }
                ops.send(topic, key, value)
                    .whenComplete(
                        (result, e) -> {
                          if (e != null) {
                            failure.compareAndSet(null, e);
                          }
                        });
              };
          T result = work.apply(sink);
          ops.flush();
          if (failure.get() != null) {
            throw new KafkaException(
                "A record of this feed was refused by Kafka, so the feed is aborted",
                failure.get());
          }
          return result;
        });
  }
}
