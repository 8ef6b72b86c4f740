package uk.vruhub.ingest.health;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import uk.vruhub.ingest.core.it.ContractReadme;

class HealthReadmeTest {

  @Test
  void theReadmeColumnTableIsTheContract() throws Exception {
    ContractReadme.assertInSync(new HealthFeed().contract(), Path.of("README.md"));
  }
}
