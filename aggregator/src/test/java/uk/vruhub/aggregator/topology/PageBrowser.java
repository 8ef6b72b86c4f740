package uk.vruhub.aggregator.topology;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) driving the dashboard's
 * pages as a reader does: the recipient's token pasted into the page's form, then waiting on the
 * page's own "ready" mark, never on time. The hub's certificate is from its own local CA, which
 * this browser profile does not know, so certificate errors are accepted for this test browser
 * only.
 */
final class PageBrowser implements AutoCloseable {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target/screenshots");

  private final WebDriver driver;
  private final WebDriverWait wait;

  private PageBrowser(WebDriver driver) {
    this.driver = driver;
    this.wait = new WebDriverWait(driver, Duration.ofSeconds(60));
  }

  /** A browser, or the test skipped with a message where Chromium is not installed. */
  static PageBrowser startOrSkip() {
    Assumptions.assumeTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
        "Chromium is not installed (apt-get install chromium chromium-driver): the browser part"
            + " of this test is skipped");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toString());
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1800");
    options.setAcceptInsecureCerts(true);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
    return new PageBrowser(new ChromeDriver(service, options));
  }

  WebDriver driver() {
    return driver;
  }

  /**
   * Opens a page; with a token, pastes it into the page's token form (it is kept for the tab, so
   * later pages need none). Returns once the page says it has rendered.
   */
  void open(String url, String token) {
    driver.get(url);
    if (token != null) {
      wait.until(ExpectedConditions.elementToBeClickable(By.id("hub-token-input"))).sendKeys(token);
      driver.findElement(By.id("hub-token-use")).click();
    }
    wait.until(
        d ->
            "true".equals(d.findElement(By.id("main")).getDomAttribute("data-ready"))
                && d.findElement(By.id("hub-recipient")) != null);
  }

  void waitFor(By by) {
    wait.until(ExpectedConditions.presenceOfElementLocated(by));
  }

  String text(By by) {
    return driver.findElement(by).getText();
  }

  /** axe-core's violations of impact serious or critical. */
  List<String> seriousViolations() {
    Results results = new AxeBuilder().analyze(driver);
    return results.getViolations().stream()
        .filter(r -> "serious".equals(r.getImpact()) || "critical".equals(r.getImpact()))
        .map(PageBrowser::describe)
        .toList();
  }

  private static String describe(Rule r) {
    return r.getId()
        + " ("
        + r.getImpact()
        + "): "
        + r.getHelp()
        + " "
        + r.getNodes().stream().map(n -> String.valueOf(n.getTarget())).toList();
  }

  /** Saves the page as {@code target/screenshots/<name>.png}. */
  Path screenshot(String name) {
    return screenshot(SCREENSHOTS, name);
  }

  /**
   * Makes the window as tall as the page (up to {@code maxHeight}), for a screenshot of all of it.
   */
  void fitHeight(int maxHeight) {
    Object height =
        ((org.openqa.selenium.JavascriptExecutor) driver)
            .executeScript("return document.documentElement.scrollHeight");
    int h = Math.min(maxHeight, ((Number) height).intValue() + 40);
    driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, h));
  }

  /** Saves the page as {@code <dir>/<name>.png}. */
  Path screenshot(Path dir, String name) {
    try {
      Files.createDirectories(dir);
      Path file = dir.resolve(name + ".png");
      byte[] png = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
      Files.write(file, png);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}
