package uk.vruhub.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * The cohort page in headless Chromium against a local hub with the demo's data: a level-1
 * recipient sees the summary and is told it may not see the level-2 list, which its page never
 * shows; the analyst sees both; axe-core finds no serious violation.
 */
@ExtendWith(DashboardHub.class)
class CohortPageIT {

  @Test
  void aLevelOneTokenCannotOpenTheLevelTwoList(DashboardHub.Running hub) {
    DashboardPage page = new DashboardPage(hub).open("cohort.html", "csp-partners");
    assertThat(page.driver().findElements(By.id("summary-table"))).hasSize(1);
    assertThat(page.text("cohort-size")).startsWith("Cohort size: ");
    assertThat(page.text("profiles-body"))
        .startsWith("Not permitted:")
        .contains("level 2")
        .contains("csp-partners, which may receive up to level 1");
    assertThat(page.driver().findElements(By.id("profiles-table"))).isEmpty();
    assertThat(page.driver().getPageSource()).doesNotContain("personPseudonym");
    page.browser().screenshot("cohort-level1");
    page.browser().assertAccessible();
  }

  @Test
  void theAnalystSeesTheSummaryAndTheProfiles(DashboardHub.Running hub) {
    DashboardPage page = new DashboardPage(hub).open("cohort.html", "vru-analyst");
    assertThat(page.driver().findElements(By.cssSelector("#profiles-table tbody tr"))).isNotEmpty();
    assertThat(page.driver().findElements(By.cssSelector("#summary-table tbody tr"))).isNotEmpty();
    assertThat(page.text("hub-level")).isEqualTo("Level 1");
    page.browser().screenshot("cohort");
    page.browser().assertAccessible();
  }

  @Test
  void aRecipientWithoutTheCohortIsToldSo(DashboardHub.Running hub) {
    DashboardPage page = new DashboardPage(hub).open("cohort.html", "strategic-board");
    assertThat(page.text("summary-body")).startsWith("Not permitted:");
    assertThat(page.text("profiles-body")).startsWith("Not permitted:");
    assertThat(page.driver().findElements(By.id("summary-table"))).isEmpty();
    assertThat(
            page.driver().findElements(By.cssSelector("#hub-nav a")).stream().map(a -> a.getText()))
        .containsExactly("Home", "Hotspots", "Data tracker", "Governance");
    page.browser().screenshot("cohort-not-granted");
  }
}
