package uk.vruhub.ingest.health;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.boot.test.context.SpringBootTest;
import uk.vruhub.avro.agency.EdAssaultAttendance;
import uk.vruhub.ingest.core.it.AbstractIngestIT;
import uk.vruhub.schemas.topics.TopicCatalogue.Ids;

/** The health service against the real broker and registry. */
@SpringBootTest(
    classes = IngestHealthApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HealthIngestIT extends AbstractIngestIT {

  @Override
  protected String sample(String suffix) throws Exception {
    return Files.readString(Path.of(HealthIngestIT.class.getResource("/health-sample.csv").toURI()))
        .replace(",ED26-", ",ED26" + suffix + "-");
  }

  @Override
  protected String malformed(String suffix) throws Exception {
    return sample(suffix)
        .replace("999 000 1103", "999 000 1104")
        .replace(",GLASS_BOTTLE,", ",BOTTLE,");
  }

  @Override
  protected String eventsTopicId() {
    return Ids.HEALTH_ED_ASSAULT_ATTENDANCES;
  }

  @Override
  protected String receiptsTopicId() {
    return Ids.HEALTH_FEED_RECEIPTS;
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
    return ((EdAssaultAttendance) event).getFeedId();
  }
}
