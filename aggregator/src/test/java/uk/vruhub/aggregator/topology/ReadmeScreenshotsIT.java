package uk.vruhub.aggregator.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Takes the README's screenshots of the data tracker and governance pages from a running hub with
 * the demo's data, e.g. {@code ./hub --demo-withhold health:5}, then {@code ./mvnw -pl aggregator
 * verify -Dit.test=ReadmeScreenshotsIT -Dreadme.screens.base=https://localhost:8090
 * -Dreadme.screens.token=$(cat .hub/secrets/tokens/vru-analyst)}; they are written to {@code
 * docs/screenshots/}. Skipped unless both properties are given.
 */
class ReadmeScreenshotsIT {

  @Test
  void trackerAndGovernance() {
    String base = System.getProperty("readme.screens.base");
    String token = System.getProperty("readme.screens.token");
    Assumptions.assumeTrue(
        base != null && token != null,
        "Takes the README's screenshots only when -Dreadme.screens.base and -token are given");
    Path docs = Path.of("../docs/screenshots");
    try (PageBrowser browser = PageBrowser.startOrSkip()) {
      browser.open(base + "/tracker.html", token);
      browser.waitFor(By.id("feeds-table"));
      assertThat(browser.seriousViolations()).isEmpty();
      browser.fitHeight(4000);
      browser.screenshot(docs, "tracker");
      browser.open(base + "/governance.html", null);
      browser.waitFor(By.id("audit-table"));
      assertThat(browser.seriousViolations()).isEmpty();
      browser.fitHeight(2200);
      browser.screenshot(docs, "governance");
    }
  }
}
