package uk.vruhub.aggregator.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.vruhub.aggregator.cohort.CohortTopology;
import uk.vruhub.aggregator.cohort.Profile;
import uk.vruhub.aggregator.config.AggregatorProperties;
import uk.vruhub.aggregator.status.AggregatorStatus;
import uk.vruhub.aggregator.status.StatusSource;
import uk.vruhub.aggregator.topology.AggregatorSettings;
import uk.vruhub.aggregator.topology.SampleStores;
import uk.vruhub.avro.common.Agency;
import uk.vruhub.avro.common.Sex;
import uk.vruhub.avro.hub.RiskFlag;
import uk.vruhub.policy.Sources;
import uk.vruhub.schemas.topics.TopicCatalogue.Ids;

/**
 * The analyst API through Spring MVC (the web slice: converters, content negotiation, the problem
 * advice), with the state stores of a small known run of the topology in place of the running
 * streams': every refusal a 400, 401, 404, 405, 406 or 503 problem that names what was wrong and
 * what would do, and the happy paths in JSON and CSV.
 */
@WebMvcTest(
    controllers = AnalystController.class,
    properties = {
      "hub.aggregator.http.recipient-tokens.vru-analyst=" + AnalystControllerTest.TOKEN_SHA256,
      "hub.aggregator.http.recipient-tokens.csp-partners=" + AnalystControllerTest.CSP_SHA256,
      "hub.aggregator.http.recipient-tokens.strategic-board=" + AnalystControllerTest.BOARD_SHA256
    })
@Import({AnalystControllerTest.Stores.class, AnalystControllerTest.Probe.class})
class AnalystControllerTest {

  static final String TOKEN = "analyst-test-token";
  static final String TOKEN_SHA256 =
      "65bf1c2a7ff7cb765a5b1d20156dd77788de7ebfcc749af971127aade19c07bc";

  /** Level 1 recipients of the shipped policy: the partnerships get both tables, the board one. */
  static final String CSP_TOKEN = "csp-test-token";

  static final String CSP_SHA256 =
      "ba7852789e73d6e5e7e7add0aa016d5221ac071257fda9e06f46cfb5af0ef9fc";
  static final String BOARD_TOKEN = "board-test-token";
  static final String BOARD_SHA256 =
      "c4908eee56906970622e634369a540d0ef16c9153e0756eb112d0667b3d533a8";

  static final String HOTSPOT_HEADER =
      "areaCode,areaLevel,periodType,periodStart,definitionId,source,count,suppressed,ratePer10k,"
          + "unlocatedIncluded,revisedAt\r\n";

  /** A profile whose recipient pseudonym starts with "-", added to the sample's one. */
  static String minusPseudonym;

  @Autowired MockMvc mvc;
  @Autowired SwitchableStores stores;
  @Autowired FixedStatus freshness;

  @TestConfiguration(proxyBeanMethods = false)
  @EnableConfigurationProperties(AggregatorProperties.class)
  @Import(WebConfiguration.class)
  static class Stores {

    @Bean(destroyMethod = "close")
    SampleStores sampleStores() {
      SampleStores sample = new SampleStores();
      AggregatorSettings settings = sample.settings();
      // base64url pseudonyms: about one person id in 64 gives one that starts with "-".
      for (int i = 100; ; i++) {
        String id = String.format("P%09d", i);
        String pseudonym =
            (String)
                settings.policy().topic(Ids.COHORT_PROFILES).keyFor(Map.of(Sources.PERSON_ID, id));
        if (pseudonym.startsWith("-")) {
          minusPseudonym = pseudonym;
          sample.put(CohortTopology.PROFILES_STORE, id, profile(id));
          return sample;
        }
      }
    }

    @Bean
    AggregatorSettings aggregatorSettings(SampleStores sample) {
      return sample.settings();
    }

    @Bean
    SwitchableStores switchableStores(SampleStores sample) {
      return new SwitchableStores(sample);
    }

    @Bean
    FixedStatus fixedStatus() {
      return new FixedStatus();
    }
  }

  /** A status set by the test: caught up, as of {@link #AS_OF}, unless a test says otherwise. */
  static final class FixedStatus implements StatusSource {
    static final Instant AS_OF = Instant.parse("2026-03-31T23:15:00Z");
    volatile AggregatorStatus status = of(true, AS_OF);

    static AggregatorStatus of(boolean caughtUp, Instant asOf) {
      return new AggregatorStatus(
          "RUNNING",
          caughtUp,
          caughtUp ? 0L : 12L,
          Instant.parse("2026-04-01T08:00:00Z"),
          asOf == null ? null : new AggregatorStatus.DataAsOf(asOf, List.of(), null),
          List.of(),
          List.of(),
          null);
    }

    @Override
    public AggregatorStatus current() {
      return status;
    }
  }

  /** The sample's stores, or a failure as the running streams would give it. */
  static final class SwitchableStores implements QueryableStores {
    private final SampleStores sample;
    volatile RuntimeException failure;

    SwitchableStores(SampleStores sample) {
      this.sample = sample;
    }

    @Override
    public <V> ReadOnlyKeyValueStore<String, V> keyValueStore(String name) {
      if (failure != null) {
        throw failure;
      }
      return sample.store(name);
    }

    @Override
    public <K, V> ReadOnlyKeyValueStore<K, V> typedKeyValueStore(String name) {
      if (failure != null) {
        throw failure;
      }
      return sample.typedStore(name);
    }
  }

  /** Endpoints that fail the way Spring MVC does, to see the advice answer them as problems. */
  @RestController
  static class Probe {
    @GetMapping("/probe/number")
    int number(@RequestParam int n) {
      return n;
    }

    @GetMapping("/probe/header")
    String header(@RequestHeader("X-Feed-Id") String feed) {
      return feed;
    }

    @GetMapping("/probe/fault")
    String fault() {
      throw new IllegalStateException("internal detail P000000042");
    }
  }

  private static Profile profile(String id) {
    return new Profile(
        id,
        19,
        Sex.FEMALE,
        "E01900003",
        List.of(Agency.POLICE, Agency.EDUCATION),
        1,
        0,
        3,
        0,
        1,
        0,
        0,
        List.of(RiskFlag.MULTI_AGENCY),
        LocalDate.of(2026, 1, 5),
        LocalDate.of(2026, 3, 11));
  }

  @AfterEach
  void storesWorkAgain() {
    stores.failure = null;
    freshness.status = FixedStatus.of(true, FixedStatus.AS_OF);
  }

  /** The request as the analyst asks it: the recipient every table is granted to. */
  private static MockHttpServletRequestBuilder analyst(MockHttpServletRequestBuilder request) {
    return as(TOKEN, request);
  }

  private static MockHttpServletRequestBuilder as(
      String token, MockHttpServletRequestBuilder request) {
    return request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
  }

  private ResultActions problem(MockHttpServletRequestBuilder request, HttpStatus status)
      throws Exception {
    return mvc.perform(request)
        .andExpect(status().is(status.value()))
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("about:blank"))
        .andExpect(jsonPath("$.title").value(status.getReasonPhrase()))
        .andExpect(jsonPath("$.status").value(status.value()));
  }

  private ResultActions badParameter(MockHttpServletRequestBuilder request, String parameter)
      throws Exception {
    return problem(request, HttpStatus.BAD_REQUEST)
        .andExpect(jsonPath("$.parameter").value(parameter))
        .andExpect(jsonPath("$.detail", containsString(parameter)));
  }

  private static Matcher<String> detail(String... parts) {
    List<Matcher<? super String>> all = new ArrayList<>();
    for (String part : parts) {
      all.add(containsString(part));
    }
    return allOf(all);
  }

  // Happy paths.

  @Test
  void hotspotsAnswerJsonByDefaultMostEventsFirst() throws Exception {
    mvc.perform(analyst(get("/api/v1/hotspots")).param("definition", "hips-2023"))
        .andExpect(status().isOk())
        .andExpect(content().contentType(MediaType.APPLICATION_JSON))
        .andExpect(header().string(HttpHeaders.VARY, containsString("Accept")))
        .andExpect(jsonPath("$[0].areaCode").value("E01900003"))
        .andExpect(jsonPath("$[0].count").value(5))
        // The VRU area's cell counts its one event with no location (the shipped policy's
        // vru-area-count: unlocated-only): hidden, so listed after the shown cells.
        .andExpect(jsonPath("$[?(@.areaCode == 'E23900001')].suppressed", everyItem(is(true))))
        .andExpect(jsonPath("$[-1].suppressed").value(true))
        .andExpect(jsonPath("$[*].source", everyItem(is("COMBINED"))))
        .andExpect(jsonPath("$[*].periodType", everyItem(is("MONTH"))))
        .andExpect(jsonPath("$[?(@.areaCode == 'E01900001')]", hasSize(1)))
        .andExpect(jsonPath("$[?(@.areaCode == 'E01900001')].suppressed", everyItem(is(true))))
        .andExpect(jsonPath("$[*].definitionId", everyItem(is("hips-2023@1"))));
  }

  @Test
  void aCutAnswerSaysSoAndHowManyCellsMatched() throws Exception {
    String all =
        mvc.perform(analyst(get("/api/v1/hotspots")).param("limit", "100000"))
            .andExpect(status().isOk())
            .andExpect(header().string(AnalystController.TRUNCATED, "false"))
            .andReturn()
            .getResponse()
            .getHeader(AnalystController.TOTAL_COUNT);
    int total = Integer.parseInt(all);
    org.junit.jupiter.api.Assertions.assertTrue(total > 1, "the fixture has several cells");
    for (String format : List.of("json", "csv")) {
      mvc.perform(analyst(get("/api/v1/hotspots")).param("limit", "1").param("format", format))
          .andExpect(status().isOk())
          .andExpect(header().string(AnalystController.TOTAL_COUNT, all))
          .andExpect(header().string(AnalystController.TRUNCATED, "true"));
    }
    mvc.perform(analyst(get("/api/v1/hotspots")).param("limit", "1"))
        .andExpect(jsonPath("$", hasSize(1)));
    mvc.perform(analyst(get("/api/v1/hotspots")).param("limit", all))
        .andExpect(jsonPath("$", hasSize(total)))
        .andExpect(header().string(AnalystController.TRUNCATED, "false"));
  }

  @Test
  void theLevelFilterKeepsOnlyThatLevelsAreas() throws Exception {
    mvc.perform(analyst(get("/api/v1/hotspots")).param("level", "vru_area"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$", not(hasSize(0))))
        .andExpect(jsonPath("$[*].areaLevel", everyItem(is("VRU_AREA"))));
    mvc.perform(analyst(get("/api/v1/hotspots")).param("level", "LSOA"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$", not(hasSize(0))))
        .andExpect(jsonPath("$[*].areaLevel", everyItem(is("LSOA"))));
  }

  @Test
  void everyTableSaysInHeadersWhetherItIsCompleteAndAsOfWhen() throws Exception {
    List<MockHttpServletRequestBuilder> tables =
        List.of(
            analyst(get("/api/v1/hotspots")),
            analyst(get("/api/v1/hotspots")).param("format", "csv"),
            analyst(get("/api/v1/cohort/summary")).header(HttpHeaders.ACCEPT, "text/csv"),
            analyst(get("/api/v1/cohort/profiles")));
    for (MockHttpServletRequestBuilder table : tables) {
      mvc.perform(table)
          .andExpect(status().isOk())
          .andExpect(header().string("X-Caught-Up", "true"))
          .andExpect(header().string("X-Data-As-Of", "2026-03-31T23:15:00Z"));
    }

    freshness.status = FixedStatus.of(false, FixedStatus.AS_OF);
    mvc.perform(analyst(get("/api/v1/hotspots")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$").isArray())
        .andExpect(header().string("X-Caught-Up", "false"))
        .andExpect(header().string("X-Data-As-Of", "2026-03-31T23:15:00Z"));

    freshness.status = FixedStatus.of(false, null);
    mvc.perform(analyst(get("/api/v1/cohort/summary")))
        .andExpect(status().isOk())
        .andExpect(header().string("X-Caught-Up", "false"))
        .andExpect(header().doesNotExist("X-Data-As-Of"));
  }

  @Test
  void hotspotFiltersTakeAnyCaseForChoicesAndIdOrKeyForDefinitions() throws Exception {
    for (String definition : List.of("hips-2023", "hips-2023@1")) {
      mvc.perform(
              analyst(get("/api/v1/hotspots"))
                  .param("period", "month")
                  .param("start", "2026-03-01")
                  .param("area", "E01900003")
                  .param("definition", definition)
                  .param("source", "Police")
                  .param("limit", "1"))
          .andExpect(status().isOk())
          .andExpect(jsonPath("$", hasSize(1)))
          .andExpect(jsonPath("$[0].periodType").value("MONTH"))
          .andExpect(jsonPath("$[0].periodStart").value("2026-03-01"))
          .andExpect(jsonPath("$[0].source").value("POLICE"))
          .andExpect(jsonPath("$[0].count").value(5));
    }
    mvc.perform(
            analyst(get("/api/v1/hotspots")).param("start", "2026-03-01").param("limit", "100000"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[*].periodStart", everyItem(is("2026-03-01"))));
    mvc.perform(analyst(get("/api/v1/hotspots")).param("start", "2026-04-01"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$", hasSize(0)));
  }

  @Test
  void formatCsvInAnyCaseAnswersCsvForPowerBi() throws Exception {
    for (String format : List.of("csv", "CSV", "Csv")) {
      String csv =
          mvc.perform(
                  analyst(get("/api/v1/hotspots"))
                      .param("period", "MONTH")
                      .param("definition", "northumbria-who")
                      .param("format", format))
              .andExpect(status().isOk())
              .andExpect(content().contentTypeCompatibleWith("text/csv"))
              .andExpect(header().string(HttpHeaders.CONTENT_TYPE, containsString("UTF-8")))
              .andReturn()
              .getResponse()
              .getContentAsString();
      assertThat(csv).startsWith(HOTSPOT_HEADER);
      assertThat(csv.lines().skip(1))
          .isNotEmpty()
          .allMatch(l -> l.contains(",MONTH,2026-03-01,northumbria-who@1,COMBINED,"));
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "text/csv | text/csv",
        "text/csv;charset=UTF-8 | text/csv",
        "text/* | text/csv",
        "application/json | application/json",
        "*/* | application/json",
        "*/*, text/csv | text/csv",
        "text/csv;q=0.5, application/json | application/json",
        "application/json;q=0.4, text/csv;q=0.9 | text/csv",
        "application/json;q=0, */* | text/csv",
        "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8 | application/json"
      })
  void withoutFormatTheAcceptHeaderChooses(String accept, String answered) throws Exception {
    mvc.perform(analyst(get("/api/v1/hotspots")).header(HttpHeaders.ACCEPT, accept))
        .andExpect(status().isOk())
        .andExpect(content().contentTypeCompatibleWith(answered));
  }

  @Test
  void formatWinsOverTheAcceptHeader() throws Exception {
    mvc.perform(
            analyst(get("/api/v1/hotspots"))
                .param("format", "json")
                .header(HttpHeaders.ACCEPT, "text/csv"))
        .andExpect(status().isOk())
        .andExpect(content().contentType(MediaType.APPLICATION_JSON));
    mvc.perform(
            analyst(get("/api/v1/hotspots"))
                .param("format", "csv")
                .header(HttpHeaders.ACCEPT, "image/png"))
        .andExpect(status().isOk())
        .andExpect(content().contentTypeCompatibleWith("text/csv"));
  }

  @Test
  void theCohortSummaryFiltersByAreaAndAgeBand() throws Exception {
    mvc.perform(analyst(get("/api/v1/cohort/summary")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$", hasSize(1)))
        .andExpect(jsonPath("$[0].ageBand").value("15-17"))
        .andExpect(jsonPath("$[0].suppressed").value(true));
    mvc.perform(
            analyst(get("/api/v1/cohort/summary"))
                .param("ageBand", "15-17")
                .param("area", "E05900004"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$", hasSize(1)));
    mvc.perform(analyst(get("/api/v1/cohort/summary")).param("ageBand", "25+"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$", hasSize(0)));
    String csv =
        mvc.perform(analyst(get("/api/v1/cohort/summary")).header(HttpHeaders.ACCEPT, "text/csv"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(csv)
        .startsWith("areaCode,areaLevel,ageBand,riskFlags,persons,suppressed,lookbackMonths");
  }

  @Test
  void profilesWithTheTokenAnswerAndNeutraliseAPseudonymStartingWithMinusInCsv() throws Exception {
    mvc.perform(analyst(get("/api/v1/cohort/profiles")))
        .andExpect(status().isOk())
        .andExpect(content().contentType(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$", hasSize(2)))
        .andExpect(jsonPath("$[*].personPseudonym", hasItem(minusPseudonym)));
    String csv =
        mvc.perform(
                get("/api/v1/cohort/profiles")
                    .param("format", "csv")
                    .header(HttpHeaders.AUTHORIZATION, "bearer " + TOKEN))
            .andExpect(status().isOk())
            .andExpect(content().contentTypeCompatibleWith("text/csv"))
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(csv.lines())
        .as("JSON keeps the pseudonym as it is; CSV makes it text a spreadsheet will not evaluate")
        .anyMatch(l -> l.startsWith("\"'" + minusPseudonym + "\",18-20,FEMALE,"))
        .noneMatch(l -> l.startsWith(minusPseudonym));
  }

  // Bad parameters: 400.

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "-1 | a negative number",
        "0 | a number below 1",
        "100001 | a number above 100000",
        "99999999999999999999999 | a number above 100000",
        "abc | text that is not a whole number",
        "1.5 | text that is not a whole number",
        "'' | an empty value"
      })
  void aLimitOutOfRangeOrNotANumberIsRefused(String limit, String got) throws Exception {
    badParameter(analyst(get("/api/v1/hotspots")).param("limit", limit), "limit")
        .andExpect(
            jsonPath("$.detail")
                .value("limit must be a whole number from 1 to 100000; got " + got + "."))
        .andExpect(jsonPath("$.instance").value("/api/v1/hotspots"));
  }

  @Test
  void anUnknownPeriodOrSourceIsRefusedWithTheAcceptedValues() throws Exception {
    badParameter(analyst(get("/api/v1/hotspots")).param("period", "DAY"), "period")
        .andExpect(
            jsonPath("$.detail")
                .value("period must be one of MONTH (in any case); got another value."));
    // Weeks lie inside months, so the shipped policy publishes months alone.
    badParameter(analyst(get("/api/v1/hotspots")).param("period", "WEEK"), "period");
    // In the schema, but not a period the policy publishes.
    badParameter(analyst(get("/api/v1/hotspots")).param("period", "QUARTER"), "period");
    badParameter(analyst(get("/api/v1/hotspots")).param("source", "FIRE"), "source")
        .andExpect(jsonPath("$.detail", detail("one of POLICE, HEALTH, COMBINED")));
    badParameter(analyst(get("/api/v1/hotspots")).param("source", ""), "source")
        .andExpect(jsonPath("$.detail", detail("got an empty value")));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "MONTH | 2026-13-01 | must be an ISO date, yyyy-MM-dd",
        "MONTH | 2026-02-30 | must be an ISO date, yyyy-MM-dd",
        "MONTH | 01/03/2026 | must be an ISO date, yyyy-MM-dd",
        "MONTH | yesterday | must be an ISO date, yyyy-MM-dd",
        "MONTH | 2026-03-01T00:00 | must be an ISO date, yyyy-MM-dd",
        "MONTH | 2026-03-09 | first day of a MONTH period (the 1st of a month); the MONTH period"
            + " holding that date starts on 2026-03-01."
      })
  void aStartThatIsNotTheFirstDayOfAPeriodIsRefused(String period, String start, String rule)
      throws Exception {
    badParameter(
            analyst(get("/api/v1/hotspots")).param("period", period).param("start", start), "start")
        .andExpect(jsonPath("$.detail", containsString(rule)))
        .andExpect(jsonPath("$.detail", not(containsString(start))));
  }

  @Test
  void anUnknownFormatIsRefusedWhateverTheAcceptHeader() throws Exception {
    badParameter(analyst(get("/api/v1/hotspots")).param("format", "xml"), "format")
        .andExpect(jsonPath("$.detail", detail("format must be json or csv", "Accept")));
    badParameter(
            analyst(get("/api/v1/cohort/summary"))
                .param("format", "")
                .header(HttpHeaders.ACCEPT, "text/csv"),
            "format")
        .andExpect(jsonPath("$.detail", detail("got an empty value")));
  }

  @Test
  void anUnknownParameterIsRefusedNamingTheAcceptedOnes() throws Exception {
    badParameter(analyst(get("/api/v1/hotspots")).param("perod", "MONTH"), "perod")
        .andExpect(
            jsonPath("$.detail")
                .value(
                    "Unknown parameter perod: this endpoint accepts period, start, area,"
                        + " level, definition, source, limit, format (names are case-sensitive)."));
    badParameter(analyst(get("/api/v1/cohort/summary")).param("agebands", "15-17"), "agebands")
        .andExpect(jsonPath("$.detail", detail("accepts area, ageBand, format")));
    String hostileName = "<script>".repeat(500);
    problem(analyst(get("/api/v1/hotspots")).param(hostileName, "1"), HttpStatus.BAD_REQUEST)
        .andExpect(jsonPath("$.parameter").doesNotExist())
        .andExpect(jsonPath("$.detail", startsWith("A parameter with an unknown name")))
        .andExpect(jsonPath("$.detail", not(containsString("script"))));
  }

  @Test
  void aRepeatedParameterIsRefused() throws Exception {
    badParameter(analyst(get("/api/v1/hotspots")).param("limit", "1", "2"), "limit")
        .andExpect(jsonPath("$.detail").value("limit is given 2 times; give it once."));
  }

  @Test
  void codesOfAbsurdLengthOrCharactersAreRefusedWithoutRepeatingThem() throws Exception {
    String huge = "E".repeat(10_000);
    String body =
        badParameter(analyst(get("/api/v1/hotspots")).param("area", huge), "area")
            .andExpect(
                jsonPath("$.detail")
                    .value(
                        "area must be 1 to 64 letters, digits or the characters - _ . + @; got"
                            + " 10000 characters."))
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(body).as("short, whatever came").hasSizeLessThan(400);
    badParameter(analyst(get("/api/v1/hotspots")).param("area", "E01';DROP"), "area")
        .andExpect(jsonPath("$.detail", detail("got another character")))
        .andExpect(jsonPath("$.detail", not(containsString("DROP"))));
    badParameter(analyst(get("/api/v1/hotspots")).param("area", ""), "area")
        .andExpect(jsonPath("$.detail", detail("got an empty value")));
    badParameter(analyst(get("/api/v1/cohort/summary")).param("area", "E0\u00e91"), "area");
    badParameter(analyst(get("/api/v1/hotspots")).param("definition", "x".repeat(65)), "definition")
        .andExpect(jsonPath("$.detail", detail("got 65 characters")));
  }

  @Test
  void aPlusThatArrivedAsASpaceGetsAHint() throws Exception {
    // Tomcat decodes "ageBand=25+" to "25 ", as a form would.
    badParameter(analyst(get("/api/v1/cohort/summary")).param("ageBand", "25 "), "ageBand")
        .andExpect(jsonPath("$.detail", detail("a space", "write + as %2B", "ageBand=25%2B")));
  }

  @Test
  void anUnknownDefinitionIsRefusedWithTheLoadedOnes() throws Exception {
    badParameter(analyst(get("/api/v1/hotspots")).param("definition", "hips2023"), "definition")
        .andExpect(
            jsonPath(
                "$.detail",
                detail(
                    "a loaded serious-violence definition, by id or id@version",
                    "sussex-2020@1",
                    "hips-2023@1",
                    "notts-2020@1",
                    "northumbria-who@1")));
    badParameter(analyst(get("/api/v1/hotspots")).param("definition", "hips-2023@9"), "definition");
  }

  @Test
  void aMalformedAcceptHeaderIsABadRequest() throws Exception {
    problem(
            analyst(get("/api/v1/hotspots")).header(HttpHeaders.ACCEPT, "text/"),
            HttpStatus.BAD_REQUEST)
        .andExpect(jsonPath("$.detail", detail("The Accept header is not a list of media types")));
    problem(
            analyst(get("/api/v1/hotspots")).header(HttpHeaders.ACCEPT, "text/csv, ".repeat(200)),
            HttpStatus.BAD_REQUEST)
        .andExpect(jsonPath("$.detail", detail("at most 1024 characters")));
  }

  // Unacceptable, unauthorised, unavailable.

  @Test
  void anAcceptHeaderThatAllowsNeitherJsonNorCsvIs406() throws Exception {
    for (String accept :
        List.of("application/xml", "text/csv;q=0, application/json;q=0", "image/*")) {
      problem(
              analyst(get("/api/v1/hotspots")).header(HttpHeaders.ACCEPT, accept),
              HttpStatus.NOT_ACCEPTABLE)
          .andExpect(jsonPath("$.detail", detail("application/json or text/csv", "format=csv")));
    }
  }

  @Test
  void aProblemIsJsonEvenWhenCsvWasAskedFor() throws Exception {
    problem(
            analyst(get("/api/v1/hotspots"))
                .param("limit", "-1")
                .header(HttpHeaders.ACCEPT, "text/csv"),
            HttpStatus.BAD_REQUEST)
        .andExpect(jsonPath("$.parameter").value("limit"));
  }

  @Test
  void everyTableNeedsARecipientsTokenBeforeAnythingElse() throws Exception {
    for (String path :
        new String[] {"/api/v1/hotspots", "/api/v1/cohort/summary", "/api/v1/cohort/profiles"}) {
      for (String authorization :
          new String[] {
            null, "Bearer wrong", "Basic " + TOKEN, TOKEN, "Bearer ", "Bearer " + TOKEN_SHA256
          }) {
        MockHttpServletRequestBuilder request = get(path).param("format", "xml");
        if (authorization != null) {
          request.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        problem(request, HttpStatus.UNAUTHORIZED)
            .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Bearer"))
            .andExpect(
                jsonPath("$.detail")
                    .value(
                        "A recipient's bearer token is required (Authorization: Bearer <token>)."));
      }
    }
    badParameter(analyst(get("/api/v1/cohort/profiles")).param("format", "xml"), "format");
    badParameter(analyst(get("/api/v1/cohort/profiles")).param("area", "E01900003"), "area");
  }

  /**
   * Each recipient gets what the shipped policy grants it and no more: the community safety
   * partnerships both level 1 tables, the strategic board the hotspots only; neither the profiles.
   */
  @Test
  void aRecipientIsServedOnlyTheTopicsThePolicyGrantsIt() throws Exception {
    mvc.perform(as(CSP_TOKEN, get("/api/v1/hotspots"))).andExpect(status().isOk());
    mvc.perform(as(CSP_TOKEN, get("/api/v1/cohort/summary"))).andExpect(status().isOk());
    problem(as(CSP_TOKEN, get("/api/v1/cohort/profiles")), HttpStatus.FORBIDDEN)
        .andExpect(
            jsonPath("$.detail")
                .value(
                    "The policy demo-vru-isa does not grant recipient csp-partners the topic"
                        + " cohort-profiles; it is granted: hotspots, cohort-summary."));

    mvc.perform(as(BOARD_TOKEN, get("/api/v1/hotspots").param("format", "csv")))
        .andExpect(status().isOk());
    problem(as(BOARD_TOKEN, get("/api/v1/cohort/summary")), HttpStatus.FORBIDDEN)
        .andExpect(
            jsonPath("$.detail")
                .value(
                    "The policy demo-vru-isa does not grant recipient strategic-board the topic"
                        + " cohort-summary; it is granted: hotspots."));
    problem(as(BOARD_TOKEN, get("/api/v1/cohort/profiles")), HttpStatus.FORBIDDEN);

    mvc.perform(analyst(get("/api/v1/cohort/profiles"))).andExpect(status().isOk());
  }

  /** A refused recipient learns nothing of the request's parameters being right or wrong. */
  @Test
  void theGrantIsCheckedBeforeTheParameters() throws Exception {
    problem(
        as(BOARD_TOKEN, get("/api/v1/cohort/summary").param("nonsense", "1")),
        HttpStatus.FORBIDDEN);
  }

  @Test
  void streamsThatAreNotRunningAnswer503WithRetryAfter() throws Exception {
    stores.failure = StreamsStores.notReady("REBALANCING");
    problem(analyst(get("/api/v1/hotspots")), HttpStatus.SERVICE_UNAVAILABLE)
        .andExpect(header().string(HttpHeaders.RETRY_AFTER, "5"))
        .andExpect(
            jsonPath("$.detail")
                .value(
                    "The aggregator's state is not queryable yet (streams REBALANCING); try again"
                        + " shortly."));
    stores.failure = new InvalidStateStoreException("store hotspot-cells migrated to thread 2");
    problem(
            analyst(get("/api/v1/cohort/summary")).param("format", "csv"),
            HttpStatus.SERVICE_UNAVAILABLE)
        .andExpect(header().string(HttpHeaders.RETRY_AFTER, "5"))
        .andExpect(jsonPath("$.detail", detail("moving", "try again shortly")))
        .andExpect(jsonPath("$.detail", not(containsString("thread 2"))));
  }

  @Test
  void badParametersAreRefusedBeforeTheStoresAreAsked() throws Exception {
    stores.failure = StreamsStores.notReady("REBALANCING");
    badParameter(analyst(get("/api/v1/hotspots")).param("limit", "-1"), "limit");
  }

  // Spring MVC's own refusals, as problems too.

  @Test
  void anUnknownPathIs404() throws Exception {
    problem(get("/api/v1/hotspot"), HttpStatus.NOT_FOUND)
        .andExpect(jsonPath("$.detail", detail("/api/v1/hotspots", "/api/v1/cohort/summary")))
        .andExpect(jsonPath("$.detail", not(containsString("static resource"))));
  }

  @Test
  void anotherMethodIs405WithAllow() throws Exception {
    problem(analyst(post("/api/v1/hotspots")), HttpStatus.METHOD_NOT_ALLOWED)
        .andExpect(header().string(HttpHeaders.ALLOW, containsString("GET")));
  }

  @Test
  void aTypeMismatchIsAProblemThatDoesNotRepeatTheValue() throws Exception {
    problem(get("/probe/number").param("n", "secret-value"), HttpStatus.BAD_REQUEST)
        .andExpect(jsonPath("$.parameter").value("n"))
        .andExpect(jsonPath("$.detail").value("n must be a value of type int."));
  }

  @Test
  void aMissingHeaderOrParameterIsAProblem() throws Exception {
    problem(get("/probe/header"), HttpStatus.BAD_REQUEST)
        .andExpect(jsonPath("$.detail", detail("X-Feed-Id")));
    problem(get("/probe/number"), HttpStatus.BAD_REQUEST)
        .andExpect(jsonPath("$.detail", detail("'n'")));
  }

  @Test
  void anUnexpectedFaultIs500WithoutItsMessage() throws Exception {
    problem(get("/probe/fault"), HttpStatus.INTERNAL_SERVER_ERROR)
        .andExpect(
            jsonPath("$.detail")
                .value("The aggregator could not answer this request; its log has the cause."))
        .andExpect(content().string(not(containsString("P000000042"))));
  }
}
