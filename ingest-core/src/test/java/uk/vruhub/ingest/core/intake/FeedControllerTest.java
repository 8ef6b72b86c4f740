package uk.vruhub.ingest.core.intake;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Path;
import java.time.Period;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import uk.vruhub.ingest.core.feed.FeedService;
import uk.vruhub.ingest.core.it.FeedHarness;
import uk.vruhub.ingest.core.it.MemoryTransactions;
import uk.vruhub.ingest.core.it.TestFeed;

/**
 * How the intake's refusals reach an agency's system: the status code, a Retry-After where waiting
 * helps, and a message. The same over a real server is in the services' integration tests.
 */
class FeedControllerTest {

  private static final String TOKEN = "controller-test-token";

  @TempDir Path spool;

  private MockMvc mvc(FeedService.IntakeLimits limits) {
    FeedService feeds =
        FeedHarness.service(
            new TestFeed(), new MemoryTransactions(), spool, limits, 0.05, FeedHarness.CLOCK);
    return MockMvcBuilders.standaloneSetup(
            new FeedController(feeds, new TokenCheck(TokenCheck.hash(TOKEN))))
        .setControllerAdvice(new IntakeErrors())
        .build();
  }

  @Test
  void anExtractDateInTheFutureOrTooOldIsABadRequest() throws Exception {
    MockMvc mvc = mvc(FeedService.IntakeLimits.defaults(1_000_000));
    for (String date : new String[] {"2062-01-01", "1990-01-01"}) {
      mvc.perform(
              post("/api/v1/feeds?extractDate=" + date)
                  .header("Authorization", "Bearer " + TOKEN)
                  .content("reference,sex\nR1,M\n"))
          .andExpect(status().isBadRequest())
          .andExpect(
              jsonPath("$.reason")
                  .value(
                      date.startsWith("2062") ? "EXTRACT_DATE_IN_FUTURE" : "EXTRACT_DATE_TOO_OLD"))
          .andExpect(
              jsonPath("$.error")
                  .value(org.hamcrest.Matchers.startsWith("The extract date " + date)));
    }
  }

  @Test
  void aFullSpoolIsServiceUnavailableWithRetryAfter() throws Exception {
    mvc(new FeedService.IntakeLimits(1_000_000, 1_000_000, Long.MAX_VALUE, Period.ofYears(10)))
        .perform(
            post("/api/v1/feeds?extractDate=2026-03-31")
                .header("Authorization", "Bearer " + TOKEN)
                .content("reference,sex\nR1,M\n"))
        .andExpect(status().isServiceUnavailable())
        .andExpect(header().string("Retry-After", "60"))
        .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.containsString("nearly full")));
  }
}
