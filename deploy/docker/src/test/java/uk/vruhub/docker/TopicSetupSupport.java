package uk.vruhub.docker;

import uk.vruhub.schemas.topics.TopicCatalogue;
import uk.vruhub.schemas.topics.TopicSetup;

/** Creates the hub's topics on a test cluster, as the compose stack's one-shot does. */
final class TopicSetupSupport {

  private TopicSetupSupport() {}

  static void create(String bootstrap, short replicas) {
    TopicSetup.createMissing(bootstrap, TopicCatalogue.load(), replicas);
  }
}
