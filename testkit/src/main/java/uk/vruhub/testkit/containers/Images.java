package uk.vruhub.testkit.containers;

import org.apache.kafka.common.utils.AppInfoParser;

/**
 * Names of the hub's images as {@code deploy/docker/build-images.sh} tags them. System properties
 * {@code hub.it.kafka-image} (e.g. {@code apache/kafka:4.2.2} where Docker Hub is reachable) and
 * {@code hub.it.image-tag} override them.
 */
public final class Images {

  private Images() {}

  /** The Kafka broker image: the hub's own build of the Kafka version the clients are. */
  public static String kafka() {
    return System.getProperty("hub.it.kafka-image", "vruhub/kafka:" + AppInfoParser.getVersion());
  }

  /** A service image: {@code registry}, {@code ingest-police}, ..., {@code aggregator}. */
  public static String service(String name) {
    return "vruhub/" + name + ":" + System.getProperty("hub.it.image-tag", "local");
  }
}
