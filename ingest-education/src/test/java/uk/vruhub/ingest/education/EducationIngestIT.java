package uk.vruhub.ingest.education;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.boot.test.context.SpringBootTest;
import uk.vruhub.avro.agency.SchoolEvent;
import uk.vruhub.ingest.core.it.AbstractIngestIT;
import uk.vruhub.schemas.topics.TopicCatalogue.Ids;

/** The education service against the real broker and registry. */
@SpringBootTest(
    classes = IngestEducationApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EducationIngestIT extends AbstractIngestIT {

  @Override
  protected String sample(String suffix) throws Exception {
    int n = suffix.charAt(0) - 'A';
    return Files.readString(
            Path.of(EducationIngestIT.class.getResource("/education-sample.csv").toURI()))
        .replace("99910", "99" + (3 + n) + "10");
  }

  @Override
  protected String malformed(String suffix) throws Exception {
    return sample(suffix).replace("R999123424001", "A999123424001").replace(",PD,", ",ZZ,");
  }

  @Override
  protected String eventsTopicId() {
    return Ids.EDUCATION_SCHOOL_EVENTS;
  }

  @Override
  protected String receiptsTopicId() {
    return Ids.EDUCATION_FEED_RECEIPTS;
  }

  @Override
  protected int sampleRows() {
    return 5;
  }

  @Override
  protected int sampleWithdrawals() {
    return 1;
  }

  @Override
  protected String feedIdOf(SpecificRecord event) {
    return ((SchoolEvent) event).getFeedId();
  }
}
