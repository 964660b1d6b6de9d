package io.sfsbroker.view.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.sfsbroker.gateway.connection.Deadlines;
import io.sfsbroker.gateway.connection.GatewayConnection;
import io.sfsbroker.gateway.connection.NetworkProfile;
import io.sfsbroker.gateway.ledger.ChaincodeClient;
import io.sfsbroker.gateway.testbed.Testbed;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.envelope.EnvelopeSigner;
import io.sfsbroker.protocol.envelope.MessageType;
import io.sfsbroker.protocol.keys.P256;
import io.sfsbroker.protocol.keys.Pem;
import io.sfsbroker.protocol.participant.ParticipantRole;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium drives the operator view ({@code ./sfsbroker view up}) against the
 * real network: a slice request made during the test appears on the open-requests page, and on its
 * slice page it is awarded and reaches {@code IN_SERVICE} without the page being reloaded (live
 * updates by Server-Sent Events). Screenshots of every page go to {@code docs/view/}.
 */
class OperatorViewBrowserIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final long WINDOW_SECONDS = 5;

  private static NetworkProfile profile;
  private static Path runtime;
  private static String base;
  private static ChromeDriver browser;

  @BeforeAll
  static void startViewAndBrowser() throws IOException, InterruptedException {
    Path networkFile =
        Path.of(
            System.getProperty(
                "sfsbroker.network",
                Path.of("..", ".runtime", "network.json").toAbsolutePath().toString()));
    profile = NetworkProfile.load(networkFile);
    runtime = networkFile.toAbsolutePath().getParent();
    Path script = Path.of("..", "sfsbroker").toAbsolutePath().normalize();
    Process up = new ProcessBuilder(script.toString(), "view", "up").inheritIO().start();
    assertThat(up.waitFor(300, TimeUnit.SECONDS)).isTrue();
    assertThat(up.exitValue()).as("./sfsbroker view up").isZero();
    JsonObject config = Json.parseObject(Files.readString(runtime.resolve("view/view.json")));
    base = "http://127.0.0.1:" + config.get("port").getAsInt();

    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
            .usingAnyFreePort()
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1280,900");
    browser = new ChromeDriver(service, options);
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void sliceRequestedDuringTheTest_appearsIsAwardedAndReachesInService_withoutReload()
      throws Exception {
    try (Testbed testbed = Testbed.connect(profile);
        GatewayConnection bridgeUser =
            GatewayConnection.asUser(profile.org("broker"), Deadlines.DEFAULT)) {
      ChaincodeClient bridge =
          new ChaincodeClient(bridgeUser.network(profile.channel()), profile.chaincode());
      Device fog = Device.register(testbed, "view-fog", ParticipantRole.FOG_NODE);
      Device rp = Device.register(testbed, "view-rp", ParticipantRole.RESOURCE_PROVIDER);
      if (testbed.hasCredits()) {
        testbed.mint(fog.id(), 100_000);
      }

      browser.get(base + "/slices?state=OFFERING");
      markPage();
      Map<String, Object> request =
          Map.of(
              "categories",
              List.of(Map.of("category", "cpu-millicores", "amount", 250, "maxUnitPrice", 20)),
              "offerWindowSeconds",
              WINDOW_SECONDS);
      JsonObject blueprint =
          Json.parseObject(
              bridge
                  .submit(
                      TransactionName.REQUEST_SUBMIT_SLICE_REQUEST,
                      fog.sign(MessageType.SLICE_REQUEST, request))
                  .result());
      String id = blueprint.get("id").getAsString();
      waitFor(
          "the new request on the open-requests page",
          () ->
              Boolean.TRUE.equals(
                  ((JavascriptExecutor) browser)
                      .executeScript(
                          "return document.querySelector(\"tr[data-slice='"
                              + id
                              + "']\") !== null;")));
      assertThat(pageMarked()).as("the list page was not reloaded").isTrue();
      screenshot("slices");

      browser.get(base + "/slice?id=" + id);
      markPage();
      assertThat(sliceState()).isEqualTo("OFFERING");
      Map<String, Object> line =
          Map.of(
              "category", "cpu-millicores", "unitPrice", 10, "available", 500, "reservePrice", 4);
      bridge.submit(
          TransactionName.OFFER_SUBMIT_OFFER,
          rp.sign(MessageType.OFFER, Map.of("blueprintId", id, "categories", List.of(line))));
      long wait =
          Instant.parse(blueprint.get("offerDeadline").getAsString()).plusSeconds(2).toEpochMilli()
              - System.currentTimeMillis();
      if (wait > 0) {
        Thread.sleep(wait);
      }
      try {
        bridge.submit(TransactionName.SELECTION_CLOSE_AND_SELECT, id);
      } catch (RuntimeException e) {
        // A running bridge's keeper may have closed the window first; either way it is closed.
      }
      waitFor("AWARDED on the slice page", () -> "AWARDED".equals(sliceState()));
      Map<String, Object> part =
          Map.of(
              "category",
              "cpu-millicores",
              "host",
              "127.0.0.1",
              "ports",
              List.of(18999),
              "instanceId",
              "sfsb-" + id + "-cpu");
      bridge.submit(
          TransactionName.SLICE_CONFIRM_INSTANTIATION,
          rp.sign(
              MessageType.INSTANTIATION_CONFIRMATION,
              Map.of("sliceId", id, "parts", List.of(part))));
      bridge.submit(
          TransactionName.SLICE_CONFIRM_SERVICE,
          fog.sign(MessageType.SERVICE_CONFIRMATION, Map.of("sliceId", id, "status", "RECEIVED")));
      waitFor("IN_SERVICE on the slice page", () -> "IN_SERVICE".equals(sliceState()));
      assertThat(pageMarked()).as("the slice page was not reloaded").isTrue();
      assertThat(browser.findElement(By.tagName("main")).getText())
          .contains(rp.id())
          .contains("sfsb-" + id + "-cpu");
      assertThat(browser.findElements(By.cssSelector("#live li"))).isNotEmpty();
      screenshot("slice");

      for (String page : List.of("health", "blocks", "escrow", "tokens")) {
        browser.get(base + "/" + page);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isNotBlank();
        screenshot(page);
      }
    }
  }

  @Test
  void auctionAndApplicationMadeDuringTheTest_appearOnTheirPages_andStillAfterTheViewRestarts()
      throws Exception {
    Path log = runtime.resolve("logs").resolve("view.log");
    long logLinesBefore = Files.exists(log) ? Files.readAllLines(log).size() : 0;
    try (Testbed testbed = Testbed.connect(profile);
        GatewayConnection bridgeUser =
            GatewayConnection.asUser(profile.org("broker"), Deadlines.DEFAULT);
        GatewayConnection brokerAdmin =
            GatewayConnection.asAdmin(profile.org("broker"), Deadlines.DEFAULT)) {
      ChaincodeClient bridge =
          new ChaincodeClient(bridgeUser.network(profile.channel()), profile.chaincode());
      ChaincodeClient admin =
          new ChaincodeClient(brokerAdmin.network(profile.channel()), profile.chaincode());

      // An auction whose groups the broker's admin registered, so its opening binds them; the
      // groups bid their best responses for up to three rounds.
      String run = Long.toString(System.nanoTime(), 36);
      SmallAuction auction = SmallAuction.register(admin, run);
      String auctionId = auction.open(admin);
      int closed = auction.runRounds(bridge, auctionId, 3);

      Device fog = Device.register(testbed, "view-app-fog", ParticipantRole.FOG_NODE);
      Map<String, Object> flow = new java.util.LinkedHashMap<>();
      flow.put("flowId", "video");
      flow.put("betaR", 500_000);
      flow.put("betaT", 500_000);
      flow.put("betaL", 0);
      flow.put("mu", 500_000);
      flow.put("qMin", 500_000);
      flow.put("pMax", 1000);
      flow.put("refThroughputKbps", 100_000);
      flow.put("refLatencyMicros", 10_000);
      flow.put("refLossPpm", 10_000);
      flow.put("intervals", List.of("t0", "t1"));
      String applicationId =
          Json.parseObject(
                  bridge
                      .submit(
                          TransactionName.MULTIFLOW_REQUEST_APPLICATION,
                          fog.sign(
                              MessageType.APPLICATION_REQUEST,
                              Map.of("flows", List.of(flow), "bidWindowSeconds", 60)))
                      .result())
              .get("id")
              .getAsString();

      for (boolean restarted : List.of(false, true)) {
        if (restarted) {
          restartView();
        }
        String when = restarted ? " after the view restarted" : "";
        assertThat(listed("/auctions", "data-auction", auctionId))
            .as("the auction on the auctions list" + when)
            .isTrue();
        browser.get(base + "/auctions?id=" + auctionId);
        List<String> rounds =
            browser.findElements(By.cssSelector("tr[data-round]")).stream()
                .map(row -> row.getAttribute("data-round"))
                .toList();
        assertThat(rounds)
            .as("the auction's rounds, round by round" + when)
            .startsWith("1")
            .hasSizeGreaterThanOrEqualTo(closed);
        assertThat(browser.findElements(By.cssSelector("main svg")))
            .as("the convergence plot" + when)
            .isNotEmpty();
        if (!restarted) {
          screenshot("auctions");
        }
        assertThat(listed("/applications", "data-application", applicationId))
            .as("the application on the applications list" + when)
            .isTrue();
        if (!restarted) {
          screenshot("applications");
        }
        browser.get(base + "/applications?id=" + applicationId);
        waitFor(
            "the application's own page, with its tenant and flow" + when,
            () -> {
              List<org.openqa.selenium.WebElement> main = browser.findElements(By.tagName("main"));
              if (main.isEmpty()) {
                // Seen once: Chromium's own error page (ERR_NETWORK_CHANGED, when another
                // process on the machine changed its network interfaces); load it again.
                System.out.println(
                    "[view IT] a browser error page, reloading: " + browser.getTitle());
                browser.navigate().refresh();
                return false;
              }
              String text = main.get(0).getText();
              return text.contains(fog.id()) && text.contains("video");
            });
      }

      // An absent escrow is an ordinary answer for the view: no warning for it in the log.
      browser.get(base + "/escrow");
      assertThat(browser.findElement(By.tagName("h1")).getText()).isNotBlank();
      List<String> written = Files.readAllLines(log);
      assertThat(written.subList((int) Math.min(logLinesBefore, written.size()), written.size()))
          .as("the view's log since the test began")
          .noneMatch(line -> line.contains("NOT_FOUND"));
    }
  }

  /**
   * Whether the list at {@code path} shows the row {@code id}, following its "next page" links (the
   * list is in id order, so a new entry may be on any page).
   */
  private static boolean listed(final String path, final String attribute, final String id) {
    browser.get(base + path);
    for (int page = 0; page < 100; page++) {
      if (!browser.findElements(By.cssSelector("tr[" + attribute + "='" + id + "']")).isEmpty()) {
        return true;
      }
      List<org.openqa.selenium.WebElement> next = browser.findElements(By.linkText("next page →"));
      if (next.isEmpty()) {
        return false;
      }
      browser.get(next.get(0).getAttribute("href"));
    }
    return false;
  }

  /** {@code ./sfsbroker view down}, then {@code view up}: the restarted view forgets its events. */
  private static void restartView() throws IOException, InterruptedException {
    Path script = Path.of("..", "sfsbroker").toAbsolutePath().normalize();
    for (String command : List.of("down", "up")) {
      Process process = new ProcessBuilder(script.toString(), "view", command).inheritIO().start();
      assertThat(process.waitFor(300, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).as("./sfsbroker view " + command).isZero();
    }
  }

  private static String sliceState() {
    // Read in one script call: the live script may replace <main> between two WebDriver calls.
    Object text =
        ((JavascriptExecutor) browser)
            .executeScript(
                "var e = document.getElementById('slice-state'); return e ? e.textContent : '';");
    return String.valueOf(text).trim();
  }

  private static void markPage() {
    ((JavascriptExecutor) browser).executeScript("window.sfsbNotReloaded = true;");
  }

  private static boolean pageMarked() {
    return Boolean.TRUE.equals(
        ((JavascriptExecutor) browser).executeScript("return window.sfsbNotReloaded === true;"));
  }

  private static void waitFor(final String what, final java.util.function.BooleanSupplier check) {
    new WebDriverWait(browser, WAIT)
        .withMessage(what)
        .pollingEvery(Duration.ofMillis(200))
        .until(driver -> check.getAsBoolean());
  }

  private static void screenshot(final String name) throws IOException {
    Path docs = Path.of("..", "docs", "view").toAbsolutePath().normalize();
    Files.createDirectories(docs);
    byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
    Files.write(docs.resolve(name + ".png"), png);
  }

  /** A fog node or RP of the test, with its own P-256 key, registered by its org's admin. */
  private record Device(String id, KeyPair keys) {

    static Device register(final Testbed testbed, final String prefix, final ParticipantRole role) {
      Device device = new Device(prefix + "-" + System.nanoTime(), P256.generateKeyPair());
      testbed.register(
          device.id(), role, Pem.encodePublicKey((ECPublicKey) device.keys().getPublic()));
      return device;
    }

    String sign(final MessageType type, final Object body) {
      return new EnvelopeSigner(id, (ECPrivateKey) keys.getPrivate(), Clock.systemUTC())
          .sign(type, body);
    }
  }
}
