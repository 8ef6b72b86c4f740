package uk.vruhub.aggregator.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import uk.vruhub.aggregator.topology.AggregatorExactlyOnceIT.Sent;
import uk.vruhub.avro.audit.FeedReceipt;
import uk.vruhub.avro.common.Agency;
import uk.vruhub.avro.hub.HotspotCell;
import uk.vruhub.policy.report.AccessRules;
import uk.vruhub.schemas.topics.TopicCatalogue;
import uk.vruhub.schemas.topics.TopicCatalogue.Ids;
import uk.vruhub.schemas.topics.TopicSetup;
import uk.vruhub.security.HubPrincipals;
import uk.vruhub.testkit.HubEnvironment;
import uk.vruhub.testkit.HubIntegrationTest;
import uk.vruhub.testkit.browser.Browser;

/**
 * The data tracker and governance pages in headless Chromium, against an aggregator started by the
 * test on the embedded broker: police and education have sent yesterday's extract, health's newest
 * is ten days old (its feeds withheld), so the tracker must flag health as seriously overdue and
 * the others on time; the governance page must show the policy hash the published hotspot cells
 * carry and the aggregator's own "policy loaded" audit event. axe-core finds no serious or critical
 * violation on either page; each page's screenshot is saved under {@code target/screenshots/}.
 *
 * <p>The extract dates are relative to today in the partnership's zone, a day and ten days back,
 * far enough from every RAG boundary (a nightly feed turns amber two days after its extract) that
 * the answer cannot change with the time of day the test runs at. A broker is needed: the tracker
 * follows the receipt topics and the governance page the audit topic, read committed, and the
 * completeness and linkage come from the running streams' stores. Skipped, with a message, where
 * Chromium is not installed.
 */
@HubIntegrationTest
class TrackerGovernancePagesIT {

  private static final String APPLICATION_ID = "vru-aggregator-pages-it";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final ZoneId LONDON = ZoneId.of("Europe/London");

  @Test
  void theTrackerFlagsTheWithheldAgencyAndGovernanceShowsTheHashTheOutputsCarry(
      HubEnvironment hub, @TempDir Path dir) throws Exception {
    TopicCatalogue topics = AggregatorUnderTest.ownTopics(dir, "pages-it");
    TopicSetup.createMissing(hub.adminProperties(), topics, (short) 1);
    hub.grant(
        AccessRules.grants(hub.policy(), topics).stream()
            .filter(g -> g.principal().equals(HubPrincipals.user(HubPrincipals.AGGREGATOR)))
            .toList());
    Files.writeString(
        dir.resolve("vru-analyst"),
        new String(TopologyFixture.ANALYST_SECRET, StandardCharsets.UTF_8));

    LocalDate today = LocalDate.now(LONDON);
    List<Sent> events = AggregatorExactlyOnceIT.events(new Random(31));
    try (KafkaProducer<String, SpecificRecord> producer =
        AggregatorUnderTest.producer(hub, "pages-it")) {
      producer.initTransactions();
      producer.beginTransaction();
      for (Sent e : events) {
        producer.send(new ProducerRecord<>(topics.byId(e.topicId()).name(), e.key(), e.value()));
      }
      AggregatorUnderTest.send(
          producer,
          topics,
          receipt(
              Agency.POLICE,
              today.minusDays(1),
              Map.of("NHS_NUMBER_CHECK_DIGIT", 12L, "DATE_IN_FUTURE", 3L)));
      AggregatorUnderTest.send(
          producer, topics, receipt(Agency.EDUCATION, today.minusDays(1), Map.of()));
      AggregatorUnderTest.send(
          producer, topics, receipt(Agency.HEALTH, today.minusDays(10), Map.of()));
      producer.commitTransaction();
    }

    ConfigurableApplicationContext app =
        AggregatorUnderTest.start(hub, dir, "aggregator-pages-it", APPLICATION_ID);
    try {
      int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
      HttpClient http = hub.httpClient();
      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () ->
                  JSON.readTree(AggregatorUnderTest.get(http, port, "/api/v1/status", null).body())
                      .path("caughtUp")
                      .asBoolean());
      String board = hub.secrets().token("strategic-board");

      JsonNode tracker =
          JSON.readTree(AggregatorUnderTest.get(http, port, "/api/v1/tracker", board).body());
      assertThat(rag(tracker, "HEALTH")).isEqualTo("RED");
      assertThat(rag(tracker, "POLICE")).isEqualTo("GREEN");
      assertThat(rag(tracker, "EDUCATION")).isEqualTo("GREEN");
      assertThat(tracker.path("completeness").size()).as("%s", tracker).isPositive();

      List<ConsumerRecord<Object, HotspotCell>> cells =
          hub.readAll(topics.byId(Ids.HOTSPOTS), Duration.ofSeconds(30));
      assertThat(cells).isNotEmpty();
      // Every output record names the policy it was built under in its headers.
      org.apache.kafka.common.header.Header header =
          cells.get(0).headers().lastHeader(uk.vruhub.policy.PolicyIdentity.HEADER_SHA256);
      assertThat(header).as("the policy hash header of a hotspot cell").isNotNull();
      String outputHash = new String(header.value(), StandardCharsets.UTF_8);
      assertThat(outputHash).isEqualTo(hub.policy().identity().sha256());

      try (Browser browser = Browser.start(hub.caFile(), Path.of("target/screenshots"))) {
        DashboardPages pages = new DashboardPages(browser, "https://localhost:" + port);
        pages.open("tracker.html", board);
        pages.awaitElement("feeds-table");
        WebElement health =
            browser.driver().findElement(By.cssSelector("#feeds-table tr[data-agency='HEALTH']"));
        assertThat(health.getDomAttribute("data-rag")).isEqualTo("RED");
        assertThat(health.getText()).contains("Seriously overdue").contains("days past due");
        assertThat(
                browser
                    .driver()
                    .findElement(By.cssSelector("#feeds-table tr[data-agency='POLICE']"))
                    .getText())
            .contains("On time");
        // Reject counts are published by the tracker's rule: 12 rounded to 10, 3 suppressed.
        assertThat(pages.text("recent-table"))
            .contains("NHS_NUMBER_CHECK_DIGIT (10)")
            .contains("DATE_IN_FUTURE (suppressed)");
        assertThat(pages.text("hub-banner")).contains("Data as of").contains("Level 1");
        browser.assertAccessible();
        browser.screenshot("tracker");

        pages.open("governance.html", null);
        pages.awaitElement("audit-table");
        assertThat(pages.text("policy-hash")).isEqualTo(outputHash);
        assertThat(pages.text("audit-table")).contains("POLICY_LOADED");
        // The filter offers the written types, then those earlier versions wrote; the schema's
        // others are listed as not written.
        assertThat(
                browser
                    .driver()
                    .findElements(By.cssSelector("#audit-type option:not([disabled])"))
                    .stream()
                    .map(o -> o.getAttribute("value"))
                    .toList())
            .containsExactly(
                "", "POLICY_LOADED", "POLICY_REFUSED", "PUBLICATION_CYCLE", "CELLS_SUPPRESSED");
        assertThat(
                browser
                    .driver()
                    .findElement(By.cssSelector("#audit-type option[value='FEED_REJECTED']"))
                    .getText())
            .contains("not written");
        assertThat(pages.text("audit-type-note")).contains("POLICY_LOADED");
        assertThat(pages.text("audit-summary")).doesNotContain("not been read to its end");
        assertThat(pages.text("policy-report")).contains("hotspots");
        assertThat(pages.text("hub-banner")).contains("Policy");
        browser.assertAccessible();
        browser.screenshot("governance");
      }
    } finally {
      app.close();
    }
  }

  private static String rag(JsonNode tracker, String agency) {
    for (JsonNode f : tracker.path("feeds")) {
      if (f.path("agency").asString().equals(agency)) {
        return f.path("rag").asString();
      }
    }
    throw new AssertionError("No feed of " + agency + " in " + tracker);
  }

  private static FeedReceipt receipt(Agency agency, LocalDate extract, Map<String, Long> rejects) {
    Instant completed = extract.plusDays(1).atTime(2, 0).atZone(LONDON).toInstant();
    return AggregatorUnderTest.receipt(agency, extract, completed, 100, rejects);
  }
}
