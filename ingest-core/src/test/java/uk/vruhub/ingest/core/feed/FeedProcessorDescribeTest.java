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
}
