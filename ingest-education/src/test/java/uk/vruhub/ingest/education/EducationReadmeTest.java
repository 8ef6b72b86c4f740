package uk.vruhub.ingest.education;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import uk.vruhub.ingest.core.it.ContractReadme;

class EducationReadmeTest {

  @Test
  void theReadmeColumnTableIsTheContract() throws Exception {
    ContractReadme.assertInSync(new EducationFeed().contract(), Path.of("README.md"));
  }
}
