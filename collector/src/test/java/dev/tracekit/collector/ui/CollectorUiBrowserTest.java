package dev.tracekit.collector.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tracekit.collector.CollectorClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The web UI in a real headless Chromium against a real collector on a random port, fed by the
 * real TraceKit SDK exporting OTLP/HTTP from three traced services. Screenshots of every page go
 * to target/screenshots/. Skipped, with one line, where /usr/bin/chromium is missing, unless
 * CI=true (then it fails).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "tracekit.collector.storage.memory.max-spans=200000",
    "tracekit.collector.storage.memory.max-logs=200000",
    // Selenium warns that Chromium's DevTools version is newer than its own; WebDriver does not use it.
    "logging.level.org.openqa.selenium=ERROR",
})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EnabledIf(value = "dev.tracekit.collector.ui.Chromium#availableOrRequired",
    disabledReason = "UI browser tests skipped: /usr/bin/chromium or /usr/bin/chromedriver is missing"
        + " (apt-get install chromium chromium-driver)")
class CollectorUiBrowserTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @LocalServerPort
  int port;

  private CollectorClient client;
  private TracedServices services;
  private Chromium chromium;
  private ChromeDriver driver;
  private String base;
  private String checkout;
  private String nPlusOne;
  private String bigImport;

  @BeforeAll
  void startBrowserAndSendTraces() {
    client = new CollectorClient(port);
    base = client.base();
    services = new TracedServices(base);
    checkout = services.checkout();
    nPlusOne = services.nPlusOne(6);
    bigImport = services.bigImport();
    services.flush();
    awaitStored(checkout, 7);
    awaitStored(nPlusOne, 7);
    awaitStored(bigImport, 10_000);
    chromium = new Chromium();
    driver = chromium.driver;
  }

  @AfterAll
  void stop() {
    if (chromium != null) {
      chromium.close();
    }
    if (services != null) {
      services.close();
    }
  }

  @BeforeEach
  void desktopWindow() {
    chromium.viewport(1280, 800);
  }

  private void awaitStored(String traceId, int spans) {
    await().atMost(WAIT).until(() -> {
      HttpResponse<byte[]> response = client.get("/api/traces/" + traceId);
      return response.statusCode() == 200 && CollectorClient.json(response).get("spans").size() == spans;
    });
  }

  private void open(String hash) {
    driver.get(base + "/" + hash);
  }

  private <T> T waitFor(Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, WAIT).until(condition);
  }

  private WebElement visible(By by) {
    return waitFor(ExpectedConditions.visibilityOfElementLocated(by));
  }

  private List<WebElement> rows() {
    return driver.findElements(By.cssSelector(".wf-row"));
  }

  private WebElement row(String spanId) {
    return visible(By.cssSelector(".wf-row[data-span-id='" + spanId + "']"));
  }

  private JsonNode spanNamed(String traceId, String name) {
    for (JsonNode span : client.getJson("/api/traces/" + traceId).get("spans")) {
      if (span.get("name").asString().equals(name)) {
        return span;
      }
    }
    throw new AssertionError("no span " + name + " in " + traceId);
  }

  @Test
  void searchFindsTheTraceByServiceAndTagAndEnterOpensIt() {
    open("#/search?service=" + TracedServices.AUTH + "&tag=enduser.id%3Duser-42");
    WebElement result = visible(By.cssSelector(".trace-row[data-trace-id='" + checkout + "']"));
    assertThat(result.getText()).contains("GET /api/orders/{id}").contains("7 spans").contains(TracedServices.AUTH);
    assertThat(driver.findElements(By.cssSelector("#search-results .trace-row"))).hasSize(1);
    // The form shows the search that the URL holds.
    assertThat(driver.findElement(By.id("f-tags")).getAttribute("value")).isEqualTo("enduser.id=user-42");
    waitFor(d -> new Select(d.findElement(By.id("f-service"))).getFirstSelectedOption().getText()
        .equals(TracedServices.AUTH));

    // A search from the form lands in the URL, and shows newest first.
    open("#/search");
    visible(By.cssSelector(".trace-row[data-trace-id='" + bigImport + "']"));
    new Select(visible(By.id("f-service"))).selectByVisibleText(TracedServices.DATA);
    driver.findElement(By.id("search-submit")).click();
    waitFor(d -> d.getCurrentUrl().contains("service=" + TracedServices.DATA));
    waitFor(d -> d.findElements(By.cssSelector("#search-results .trace-row")).size() == 2);
    List<String> ids = driver.findElements(By.cssSelector("#search-results .trace-row")).stream()
        .map(e -> e.getAttribute("data-trace-id")).toList();
    assertThat(ids).containsExactly(nPlusOne, checkout);
    chromium.screenshot("search");

    WebElement first = driver.findElement(By.cssSelector(".trace-row[data-trace-id='" + checkout + "']"));
    first.sendKeys(Keys.ENTER);
    waitFor(d -> d.getCurrentUrl().contains("#/trace/" + checkout));
    visible(By.cssSelector(".wf-row"));
  }

  @Test
  void lookupBoxOpensATraceByIdAndAnUnknownIdSaysItIsNotStored() {
    open("#/search");
    WebElement lookup = visible(By.id("lookup-id"));
    lookup.sendKeys(checkout.toUpperCase(java.util.Locale.ROOT), Keys.ENTER);
    waitFor(d -> d.getCurrentUrl().endsWith("#/trace/" + checkout));
    visible(By.cssSelector(".wf-row"));

    String unknown = "0123456789abcdef0123456789abcdef";
    driver.findElement(By.id("lookup-id")).sendKeys(unknown, Keys.ENTER);
    WebElement message = visible(By.cssSelector(".page-trace .notice-error"));
    assertThat(message.getText()).contains(unknown).contains("not stored");
    open("#/trace/not-hex");
    assertThat(visible(By.cssSelector(".page-trace .notice-error")).getText()).contains("is not a trace id");
  }

  @Test
  void downloadLinkHoldsTheTraceAsJson() {
    open("#/trace/" + checkout);
    visible(By.cssSelector(".wf-row"));
    @SuppressWarnings("unchecked")
    List<Object> result = (List<Object>) driver.executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + "const a = document.getElementById('download-json');"
            + "a.addEventListener('click', (e) => e.preventDefault());"
            + "a.click();"
            + "fetch(a.href).then((r) => r.json()).then((j) => done([a.href.slice(0, 5), a.download, j.traceId,"
            + " j.spans.length, j.logs.length]));");
    assertThat(result).containsExactly("blob:", "trace-" + checkout + ".json", checkout, 7L, 3L);
  }

  @Test
  void waterfallHasOneRowPerSpanAndMarksTheCriticalPath() {
    open("#/trace/" + checkout);
    visible(By.cssSelector(".wf-row"));
    JsonNode analysis = client.getJson("/api/traces/" + checkout + "/analysis");
    assertThat(rows()).hasSize(7);
    Set<String> critical = new HashSet<>();
    analysis.get("criticalPath").forEach(s -> critical.add(s.get("spanId").asString()));
    Set<String> marked = rows().stream().filter(r -> r.getAttribute("class").contains("is-critical"))
        .map(r -> r.getAttribute("data-span-id")).collect(Collectors.toSet());
    assertThat(marked).isEqualTo(critical).contains(analysis.get("rootSpanId").asString());
    // Rows are in tree order: the root first, the auth server span under the gateway's client call.
    assertThat(rows().get(0).getAttribute("aria-level")).isEqualTo("1");
    assertThat(row(spanNamed(checkout, "GET /validate").get("spanId").asString()).getAttribute("aria-level"))
        .isEqualTo("3");
    assertThat(driver.findElement(By.cssSelector(".trace-head")).getText())
        .contains(checkout).contains("170ms").contains("7");
  }

  @Test
  void clickingASpanShowsItsAttributesEventsAndLogsAndEscapeClosesIt() {
    open("#/trace/" + checkout);
    String verify = spanNamed(checkout, "verify token").get("spanId").asString();
    row(verify).click();
    WebElement detail = visible(By.id("span-detail"));
    waitFor(d -> detail.getText().contains("verify token"));
    assertThat(detail.getText()).contains(TracedServices.AUTH).contains("signature checked")
        .contains("token accepted for user-42").contains(verify);
    String validate = spanNamed(checkout, "GET /validate").get("spanId").asString();
    row(validate).click();
    waitFor(d -> detail.getText().contains("enduser.id"));
    assertThat(detail.getText()).contains("user-42").contains("http.route").contains("/validate");
    assertThat(driver.getCurrentUrl()).contains("span=" + validate);
    chromium.screenshot("trace");

    driver.findElement(By.tagName("body")).sendKeys(Keys.ESCAPE);
    waitFor(ExpectedConditions.invisibilityOfElementLocated(By.id("span-detail")));
    assertThat(driver.getCurrentUrl()).doesNotContain("span=");
  }

  @Test
  void arrowKeysMoveThroughTheWaterfallAndEnterOpensTheSpan() {
    open("#/trace/" + checkout);
    WebElement root = visible(By.cssSelector(".wf-row"));
    root.click();
    WebElement detail = visible(By.id("span-detail"));
    waitFor(d -> detail.getText().contains("GET /api/orders/{id}"));
    driver.switchTo().activeElement().sendKeys(Keys.ARROW_DOWN, Keys.ARROW_DOWN);
    driver.switchTo().activeElement().sendKeys(Keys.ENTER);
    // Third row: the auth server span under the gateway's first client call.
    waitFor(d -> detail.getText().startsWith("GET /validate"));
    // Left collapses an open span, then goes to its parent; Right expands, then goes to the first child.
    driver.switchTo().activeElement().sendKeys(Keys.ARROW_LEFT);
    waitFor(d -> rows().size() == 6);
    driver.switchTo().activeElement().sendKeys(Keys.ARROW_LEFT);
    waitFor(d -> "GET".equals(focusedSpanName()));
    driver.switchTo().activeElement().sendKeys(Keys.ARROW_LEFT);
    waitFor(d -> rows().size() == 5);
    driver.switchTo().activeElement().sendKeys(Keys.ARROW_RIGHT);
    waitFor(d -> rows().size() == 6);
    driver.switchTo().activeElement().sendKeys(Keys.ARROW_RIGHT);
    waitFor(d -> "GET /validate".equals(focusedSpanName()));
    driver.switchTo().activeElement().sendKeys(Keys.ARROW_RIGHT);
    waitFor(d -> rows().size() == 7);
    driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
    waitFor(ExpectedConditions.invisibilityOfElementLocated(By.id("span-detail")));
  }

  private String focusedSpanName() {
    List<WebElement> name = driver.switchTo().activeElement().findElements(By.cssSelector(".wf-name"));
    return name.isEmpty() ? null : name.get(0).getText();
  }

  @Test
  void nPlusOneFindingLinksToItsSpansAndHighlightsThem() {
    JsonNode finding = null;
    for (JsonNode f : client.getJson("/api/traces/" + nPlusOne + "/analysis").get("findings")) {
      if (f.get("type").asString().equals("N_PLUS_ONE")) {
        finding = f;
      }
    }
    assertThat(finding).as("N+1 finding from the API").isNotNull();
    Set<String> expected = new HashSet<>();
    finding.get("spanIds").forEach(id -> expected.add(id.asString()));
    assertThat(expected).hasSize(6);

    open("#/trace/" + nPlusOne + "?tab=analysis");
    WebElement card = visible(By.cssSelector("#panel-analysis .finding[data-type='N_PLUS_ONE']"));
    assertThat(card.getText()).contains("N+1 queries").contains("SELECT * FROM items WHERE order_id = ?")
        .contains("90.0ms at stake");
    assertThat(driver.findElement(By.id("service-breakdown")).getText()).contains(TracedServices.DATA).contains("100.0%");
    chromium.screenshot("trace-analysis");

    card.findElement(By.cssSelector(".finding-show")).click();
    visible(By.id("panel-timeline"));
    waitFor(d -> !d.findElements(By.cssSelector(".wf-row.is-highlighted")).isEmpty());
    Set<String> highlighted = driver.findElements(By.cssSelector(".wf-row.is-highlighted")).stream()
        .map(r -> r.getAttribute("data-span-id")).collect(Collectors.toSet());
    assertThat(highlighted).isEqualTo(expected);
    assertThat(driver.findElement(By.cssSelector(".highlight-banner")).getText()).contains("6 spans").contains("N+1 queries");
    chromium.screenshot("trace-nplusone");

    // The finding chip above the waterfall toggles the same highlight; Clear removes it.
    driver.findElement(By.cssSelector(".highlight-banner button")).click();
    waitFor(d -> d.findElements(By.cssSelector(".wf-row.is-highlighted")).isEmpty());
    driver.findElement(By.cssSelector(".finding-chip[data-type='N_PLUS_ONE']")).click();
    waitFor(d -> d.findElements(By.cssSelector(".wf-row.is-highlighted")).size() == 6);
  }

  @Test
  void logsTabListsTheLogsOfAllServicesInTimeOrderAndFiltersByLevel() {
    open("#/trace/" + checkout + "?tab=logs");
    WebElement table = visible(By.id("trace-logs"));
    List<WebElement> logRows = table.findElements(By.cssSelector("tbody tr"));
    assertThat(logRows).hasSize(3);
    assertThat(logRows.get(0).getText()).contains(TracedServices.GATEWAY).contains("GET /api/orders/42");
    assertThat(logRows.get(1).getText()).contains(TracedServices.AUTH).contains("token accepted");
    assertThat(logRows.get(2).getText()).contains(TracedServices.DATA).contains("WARN");
    chromium.screenshot("trace-logs");

    new Select(driver.findElement(By.id("log-level"))).selectByValue("WARN");
    waitFor(d -> table.findElements(By.cssSelector("tbody tr")).size() == 1);
    assertThat(table.getText()).contains("no shipping address");
    // The span link opens the span in the timeline.
    table.findElement(By.cssSelector("tbody .link-btn")).click();
    WebElement detail = visible(By.id("span-detail"));
    waitFor(d -> detail.getText().startsWith("GET /orders/{id}"));
  }

  @Test
  void serviceMapShowsTheThreeServicesAndTheirEdges() {
    open("#/map");
    visible(By.id("service-map"));
    Set<String> nodes = driver.findElements(By.cssSelector("#service-map .node")).stream()
        .map(n -> n.getAttribute("data-service")).collect(Collectors.toSet());
    assertThat(nodes).contains(TracedServices.GATEWAY, TracedServices.AUTH, TracedServices.DATA);
    Set<String> edges = driver.findElements(By.cssSelector("#service-map .edge")).stream()
        .map(e -> e.getAttribute("data-parent") + "->" + e.getAttribute("data-child")).collect(Collectors.toSet());
    assertThat(edges).contains(TracedServices.GATEWAY + "->" + TracedServices.AUTH,
        TracedServices.GATEWAY + "->" + TracedServices.DATA);
    WebElement toAuth = driver.findElement(By.cssSelector(
        "#service-map .edge-label[data-parent='" + TracedServices.GATEWAY + "'][data-child='" + TracedServices.AUTH + "']"));
    assertThat(toAuth.getText()).contains("1 call").contains("p99");
    // Callers are drawn left of their callees.
    assertThat(node(TracedServices.GATEWAY).getRect().getX()).isLessThan(node(TracedServices.AUTH).getRect().getX());
    assertThat(node(TracedServices.GATEWAY).getRect().getX()).isLessThan(node(TracedServices.DATA).getRect().getX());
    assertThat(driver.findElement(By.id("edges-table")).getText()).contains(TracedServices.AUTH);
    // Hovering a service brings its edges forward and dims the others.
    new Actions(driver).moveToElement(node(TracedServices.AUTH)).perform();
    waitFor(d -> d.findElement(By.cssSelector("#service-map .edge[data-child='" + TracedServices.AUTH + "']"))
        .getAttribute("class").contains("is-related"));
    new Actions(driver).moveToElement(driver.findElement(By.cssSelector(".page-head h1"))).perform();
    waitFor(d -> d.findElements(By.cssSelector("#service-map .is-related")).isEmpty());
    chromium.screenshot("map");
  }

  private WebElement node(String service) {
    return driver.findElement(By.cssSelector("#service-map .node[data-service='" + service + "']"));
  }

  @Test
  void livePageShowsTracesSentAfterItOpenedAndPauseBuffersThem() {
    open("#/live");
    waitFor(ExpectedConditions.textToBe(By.id("live-status"), "Live"));
    String first = services.ping("GET /live/first");
    services.flush();
    WebElement row = visible(By.cssSelector("#live-list .trace-row[data-trace-id='" + first + "']"));
    assertThat(row.getText()).contains("GET /live/first").contains("2 spans");

    driver.findElement(By.id("live-pause")).click();
    String second = services.ping("GET /live/second");
    services.flush();
    waitFor(d -> d.findElement(By.id("live-buffered")).getText().matches("[1-9]\\d* updates? buffered.*"));
    assertThat(driver.findElements(By.cssSelector("#live-list .trace-row[data-trace-id='" + second + "']"))).isEmpty();
    driver.findElement(By.id("live-pause")).click();
    visible(By.cssSelector("#live-list .trace-row[data-trace-id='" + second + "']"));
    List<WebElement> listed = driver.findElements(By.cssSelector("#live-list .trace-row"));
    assertThat(listed.get(0).getAttribute("data-trace-id")).isEqualTo(second);
    waitFor(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript("return document.getAnimations().length === 0;")));
    chromium.screenshot("live");
  }

  @Test
  void tenThousandSpanTraceRendersOnlyVisibleRowsAndScrolls() {
    open("#/trace/" + bigImport);
    visible(By.cssSelector(".wf-row"));
    assertThat(driver.findElement(By.cssSelector(".trace-head")).getText()).contains("10,000");
    int rendered = rows().size();
    assertThat(rendered).isBetween(10, 120);
    chromium.screenshot("trace-10k");

    WebElement viewport = driver.findElement(By.cssSelector(".wf-viewport"));
    ((JavascriptExecutor) driver).executeScript("arguments[0].scrollTop = arguments[0].scrollHeight / 2;", viewport);
    waitFor(d -> rows().stream().anyMatch(r -> Integer.parseInt(r.getAttribute("data-index")) > 4_000));
    assertThat(rows().size()).isBetween(10, 120);
    assertThat(rows().stream().anyMatch(r -> r.getAttribute("data-index").equals("0"))).isFalse();

    // End jumps to the last span; collapsing everything leaves the root and its 99 batches.
    ((WebElement) ((JavascriptExecutor) driver).executeScript("const r = arguments[0].getBoundingClientRect();"
        + " return document.elementFromPoint(r.left + 60, r.top + r.height / 2).closest('.wf-row');", viewport)).click();
    driver.switchTo().activeElement().sendKeys(Keys.END);
    waitFor(d -> rows().stream().anyMatch(r -> r.getAttribute("data-index").equals("9999")));
    driver.findElement(By.xpath("//button[normalize-space()='Collapse all']")).click();
    waitFor(d -> {
      Object height = ((JavascriptExecutor) d).executeScript(
          "return document.querySelector('.wf-canvas').style.height;");
      return (100 * 28 + "px").equals(height);
    });
  }

  @Test
  void aTraceLargerThanOnePageIsShownAPageAtATimeWithPreviousAndNext() {
    // The 10,000-span trace in pages of 4,000 (the URL carries the page size and the offset).
    open("#/trace/" + bigImport + "?limit=4000");
    assertPage("Spans 1–4,000 of 10,000", 4_000, 0);
    assertThat(driver.findElement(By.id("page-prev")).isEnabled()).isFalse();
    // The header counts the whole trace, not the page.
    assertThat(driver.findElement(By.cssSelector(".trace-head")).getText()).contains("10,000");
    chromium.screenshot("trace-paged");

    driver.findElement(By.id("page-next")).click();
    assertPage("Spans 4,001–8,000 of 10,000", 4_000, 4_000);
    waitFor(d -> d.getCurrentUrl().contains("offset=4000"));
    // A span whose parent is on the previous page starts a tree of its own here and says so.
    visible(By.cssSelector(".wf-row[data-index='0']")).click();
    WebElement detail = visible(By.id("span-detail"));
    waitFor(d -> detail.getText().contains("on another page"));

    driver.findElement(By.id("page-next")).click();
    assertPage("Spans 8,001–10,000 of 10,000", 2_000, 8_000);
    assertThat(driver.findElement(By.id("page-next")).isEnabled()).isFalse();

    driver.findElement(By.id("page-prev")).click();
    assertPage("Spans 4,001–8,000 of 10,000", 4_000, 4_000);

    // The URL names the page: opening it again shows the same page.
    driver.navigate().refresh();
    assertPage("Spans 4,001–8,000 of 10,000", 4_000, 4_000);

    // The parent on the previous page is a link that opens that page with the parent selected.
    visible(By.cssSelector(".wf-row[data-index='0']")).click();
    WebElement parentLink = visible(By.xpath("//aside[@id='span-detail']//button[contains(., 'on another page')]"));
    String parentId = parentLink.getText().split(" ")[0];
    assertThat(parentId).matches("[0-9a-f]{16}");
    parentLink.click();
    assertPage("Spans 1–4,000 of 10,000", 4_000, 0);
    waitFor(d -> d.getCurrentUrl().contains("span=" + parentId));
    waitFor(d -> d.findElement(By.id("span-detail")).getText().contains(parentId));
  }

  @Test
  void linksToSpansOnOtherPagesOpenThePageThatHoldsThem() {
    // The last batch of the 10,000-span import is span 9,900 by start time: on the third page of 4,000.
    String lastBatch = spanNamed(bigImport, "import batch 98").get("spanId").asString();
    open("#/trace/" + bigImport + "?limit=4000&span=" + lastBatch);
    assertPage("Spans 8,001–10,000 of 10,000", 2_000, 8_000);
    WebElement detail = visible(By.id("span-detail"));
    waitFor(d -> detail.getText().startsWith("import batch 98"));
    assertThat(driver.findElement(By.cssSelector(".wf-row.is-selected")).getAttribute("data-span-id")).isEqualTo(lastBatch);

    // The critical path starts at the root, on the first page: its entry opens that page.
    driver.findElement(By.id("tab-analysis")).click();
    visible(By.xpath("//table[contains(@class,'cp-table')]//button[contains(., 'POST /import')]")).click();
    assertPage("Spans 1–4,000 of 10,000", 4_000, 0);
    waitFor(d -> d.findElement(By.id("span-detail")).getText().startsWith("POST /import"));

    // The N+1 finding's spans are all on the last page: its chip opens that page and highlights them.
    WebElement chip = visible(By.cssSelector(".finding-chip[data-type='N_PLUS_ONE']"));
    chip.click();
    assertPage("Spans 8,001–10,000 of 10,000", 2_000, 8_000);
    waitFor(d -> d.findElement(By.cssSelector(".highlight-banner")).getText().contains("100 spans"));
    assertThat(driver.findElement(By.cssSelector(".finding-chip[data-type='N_PLUS_ONE']")).getAttribute("aria-pressed"))
        .isEqualTo("true");

    // A link to a span the trace does not hold still opens the trace.
    open("#/trace/" + bigImport + "?limit=4000&span=00000000000000ff");
    assertPage("Spans 1–4,000 of 10,000", 4_000, 0);
  }

  /**
   * The pager says {@code status}, the waterfall holds {@code spans} rows (all expanded: its
   * height is one row each) and the rows drawn are spans of the API's page at {@code offset}.
   */
  private void assertPage(String status, int spans, int offset) {
    // Read by script: a page change replaces the pager, so a found element may go stale.
    waitFor(d -> ((JavascriptExecutor) d).executeScript(
        "const s = document.getElementById('page-status'); return s ? s.textContent : '';").toString().startsWith(status));
    waitFor(d -> (spans * 28 + "px").equals(((JavascriptExecutor) d).executeScript(
        "return document.querySelector('.wf-canvas').style.height;")));
    Set<String> onPage = new HashSet<>();
    client.getJson("/api/traces/" + bigImport + "?limit=4000&offset=" + offset).get("spans")
        .forEach(span -> onPage.add(span.get("spanId").asString()));
    assertThat(onPage).hasSize(spans);
    visible(By.cssSelector(".wf-row"));
    assertThat(rows()).extracting(r -> r.getAttribute("data-span-id")).allMatch(onPage::contains);
  }

  @Test
  void narrowWindowStacksTheSpanDetailsBelowTheWaterfall() {
    chromium.viewport(400, 800);
    String order = spanNamed(checkout, "GET /orders/{id}").get("spanId").asString();
    open("#/trace/" + checkout + "?span=" + order);
    WebElement detail = visible(By.id("span-detail"));
    waitFor(d -> detail.getText().startsWith("GET /orders/{id}"));
    WebElement waterfall = driver.findElement(By.cssSelector(".waterfall"));
    assertThat(detail.getRect().getY()).isGreaterThanOrEqualTo(waterfall.getRect().getY() + waterfall.getRect().getHeight());
    Object pageWidth = ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollWidth;");
    assertThat(((Number) pageWidth).intValue()).isLessThanOrEqualTo(400);
    ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, document.querySelector('.tabs').offsetTop - 8);");
    chromium.screenshot("trace-narrow");
  }
}
