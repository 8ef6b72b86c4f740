package uk.vruhub.aggregator.topology;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import uk.vruhub.testkit.browser.Browser;

/**
 * The dashboard's pages in the browser kit's headless Chromium, opened as a reader does: the
 * recipient's token pasted into the page's form (it is kept for the tab, so later pages need none),
 * then waiting on the page's own "ready" mark, never on time.
 */
final class DashboardPages {

  private final Browser browser;
  private final String base;

  DashboardPages(Browser browser, String base) {
    this.browser = browser;
    this.base = base;
  }

  /** Opens a page; with a token, pastes it first. Returns once the page has rendered for it. */
  void open(String path, String token) {
    browser.driver().get(base + "/" + path);
    awaitReady();
    if (token != null) {
      browser.driver().findElement(By.id("hub-token-input")).sendKeys(token);
      browser.driver().findElement(By.id("hub-token-use")).click();
    }
    browser.await(Browser.PAGE_TIMEOUT, d -> !d.findElements(By.id("hub-recipient")).isEmpty());
    awaitReady();
  }

  void awaitReady() {
    browser.await(
        Browser.PAGE_TIMEOUT,
        d -> "true".equals(d.findElement(By.id("main")).getDomAttribute("data-ready")));
  }

  void awaitElement(String id) {
    browser.await(Browser.PAGE_TIMEOUT, d -> !d.findElements(By.id(id)).isEmpty());
  }

  String text(String id) {
    return browser.driver().findElement(By.id(id)).getText();
  }

  /** Makes the window as tall as the page (up to {@code maxHeight}), to screenshot all of it. */
  void fitHeight(int maxHeight) {
    Object height =
        ((JavascriptExecutor) browser.driver())
            .executeScript("return document.documentElement.scrollHeight");
    int h = Math.min(maxHeight, ((Number) height).intValue() + 40);
    browser.driver().manage().window().setSize(new Dimension(1280, h));
  }
}
