package uk.vruhub.ingest.police;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import uk.vruhub.ingest.core.it.ContractReadme;

class PoliceReadmeTest {

  @Test
  void theReadmeColumnTableIsTheContract() throws Exception {
    ContractReadme.assertInSync(new PoliceFeed().contract(), Path.of("README.md"));
  }
}
