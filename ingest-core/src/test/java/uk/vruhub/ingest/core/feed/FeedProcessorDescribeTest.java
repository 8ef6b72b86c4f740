package uk.vruhub.ingest.core.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.BufferExhaustedException;
import org.junit.jupiter.api.Test;

class FeedProcessorDescribeTest {

  @Test
  void aKafkaTimeoutAnywhereInTheChainIsSaidPlainly() {
    Exception wrapped =
        new IllegalStateException(
            "send failed",
            new ExecutionException(
                new BufferExhaustedException("Failed to allocate 131072 bytes within 10000 ms")));

    assertThat(FeedProcessor.describe(wrapped))
        .startsWith("timed out waiting for Kafka")
        .contains("send the file again")
        .endsWith("BufferExhaustedException: Failed to allocate 131072 bytes within 10000 ms");
  }

  @Test
  void otherFailuresKeepTheirRootCause() {
    assertThat(FeedProcessor.describe(new RuntimeException("x", new IllegalArgumentException("y"))))
        .isEqualTo("IllegalArgumentException: y");
  }

  @Test
  void aMessageThatMayQuoteTheFeedIsWithheld() {
    assertThat(FeedProcessor.describe(new RuntimeException(new NumberFormatException("Okonkwo"))))
        .isEqualTo("NumberFormatException (detail withheld)");
    assertThat(
            FeedProcessor.describe(
                new java.time.format.DateTimeParseException("Text 'Okonkwo'", "Okonkwo", 0)))
        .isEqualTo("DateTimeParseException (detail withheld)");
    assertThat(
            FeedProcessor.describe(
                new org.apache.avro.AvroRuntimeException("Not an enum: Okonkwo for schema")))
        .doesNotContain("Okonkwo");
  }

  @Test
  void aContractWiderThanTheColumnLimitStopsTheService() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                new FeedProcessor(
                    new uk.vruhub.ingest.core.it.TestFeed(),
                    uk.vruhub.schemas.topics.TopicCatalogue.load(),
                    new uk.vruhub.ingest.core.it.MemoryTransactions(),
                    uk.vruhub.ingest.core.identity.PseudonymiserTestAccess.pseudonymiser(),
                    uk.vruhub.ingest.core.geo.PostcodeDirectory.syntheticSample(),
                    0.05,
                    null,
                    java.time.Clock.systemUTC(),
                    new uk.vruhub.ingest.core.csv.CsvLimits(1 << 20, 1 << 16, 10)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "hub.ingest.csv.max-columns is 10 but contract test-v1 has 15 columns; raise it to at"
                + " least 15.");
  }
}
