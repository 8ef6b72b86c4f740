package uk.vruhub.aggregator.config;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the topology for the life of the application. An error in processing (a policy violation
 * while building an output, say) shuts the application's streams down rather than skip the record:
 * the hub stops rather than publish around its policy.
 */
public final class StreamsRunner implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(StreamsRunner.class);

  private final Topology topology;
  private final Properties properties;
  private final boolean autoStartup;
  private final StateRestoreListener restoreListener;
  private volatile KafkaStreams streams;

  /**
   * @param restoreListener told of every state store restoration, for the status's task states
   */
  public StreamsRunner(
      Topology topology,
      Properties properties,
      boolean autoStartup,
      StateRestoreListener restoreListener) {
    this.topology = topology;
    this.properties = properties;
    this.autoStartup = autoStartup;
    this.restoreListener = restoreListener;
  }

  @Override
  public boolean isAutoStartup() {
    return autoStartup;
  }

  @Override
  public synchronized void start() {
    streams = new KafkaStreams(topology, properties);
    streams.setUncaughtExceptionHandler(
        e -> {
          log.error("The aggregator stops: {}", e.toString(), e);
          return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_APPLICATION;
        });
    streams.setStateListener((now, before) -> log.info("Aggregator streams {} -> {}", before, now));
    streams.setGlobalStateRestoreListener(restoreListener);
    streams.start();
  }

  @Override
  public synchronized void stop() {
    if (streams != null) {
      // Leave the group on the way out, so a restarted or replacement instance takes over at once
      // instead of waiting for this one's session to time out.
      streams.close(
          CloseOptions.timeout(Duration.ofSeconds(30))
              .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
    }
  }

  @Override
  public boolean isRunning() {
    KafkaStreams s = streams;
    return s != null && s.state().isRunningOrRebalancing();
  }

  /** The running streams, for interactive queries. */
  public KafkaStreams streams() {
    return streams;
  }
}
