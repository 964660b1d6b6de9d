package io.sfsbroker.fog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PortCheckerTest {

  private final TestServers servers = new TestServers();
  private final PortChecker checker = new PortChecker(Duration.ofMillis(500), true);

  @AfterEach
  void stop() throws Exception {
    servers.close();
  }

  @Test
  void anHttpService_answersWithItsStatus() throws Exception {
    SliceReport.PortCheck check = checker.check(target(servers.http(200)), 1);

    assertThat(check.reached()).isTrue();
    assertThat(check.httpStatus()).isEqualTo(200);
    assertThat(check.detail()).isNull();
  }

  @Test
  void anHttpServiceAnswering5xx_doesNotCountAsAnswering() throws Exception {
    SliceReport.PortCheck check = checker.check(target(servers.http(503)), 1);

    assertThat(check.reached()).isFalse();
    assertThat(check.httpStatus()).isEqualTo(503);
    assertThat(check.detail()).isEqualTo("HTTP 503");
  }

  @Test
  void anHttpServiceAnswering404_answers() throws Exception {
    assertThat(checker.check(target(servers.http(404)), 1).reached()).isTrue();
  }

  @Test
  void aServiceThatIsNotHttp_answersWhenItAcceptsTheConnection() throws Exception {
    SliceReport.PortCheck check = checker.check(target(servers.silentTcp()), 1);

    assertThat(check.reached()).isTrue();
    assertThat(check.httpStatus()).isNull();
  }

  @Test
  void withoutHttp_onlyTheConnectionIsTried() throws Exception {
    PortChecker tcpOnly = new PortChecker(Duration.ofMillis(500), false);

    SliceReport.PortCheck check = tcpOnly.check(target(servers.http(503)), 1);

    assertThat(check.reached()).isTrue();
    assertThat(check.httpStatus()).isNull();
  }

  @Test
  void aClosedPort_doesNotAnswerAndSaysWhy() throws Exception {
    SliceReport.PortCheck check = checker.check(target(TestServers.closedPort()), 1);

    assertThat(check.reached()).isFalse();
    assertThat(check.detail()).containsIgnoringCase("refused");
  }

  @Test
  void checkAll_aPortThatOpensLate_isTriedAgainUntilItAnswers() throws Exception {
    int port = TestServers.closedPort();
    Thread opener =
        new Thread(
            () -> {
              try {
                Thread.sleep(700);
                try (ServerSocket late =
                    new ServerSocket(port, 5, InetAddress.getLoopbackAddress())) {
                  late.setSoTimeout(5_000);
                  try (Socket accepted = late.accept()) {
                    accepted.getInputStream().read();
                  }
                }
              } catch (IOException | InterruptedException e) {
                // the assertion below fails
              }
            });
    opener.start();
    PortChecker tcpOnly = new PortChecker(Duration.ofMillis(300), false);

    List<SliceReport.PortCheck> checks =
        tcpOnly.checkAll(List.of(target(port)), Duration.ofSeconds(10));
    opener.join();

    assertThat(checks)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.reached()).isTrue();
              assertThat(c.attempts()).isGreaterThan(1);
            });
  }

  @Test
  void checkAll_givesUpAfterTheWait() throws Exception {
    Duration wait = Duration.ofSeconds(1);

    List<SliceReport.PortCheck> checks =
        checker.checkAll(
            List.of(target(TestServers.closedPort()), target(servers.http(200))), wait);

    assertThat(checks).extracting(SliceReport.PortCheck::reached).containsExactly(false, true);
    assertThat(checks.get(0).attempts())
        .isGreaterThan(1)
        .isLessThanOrEqualTo((int) (wait.toMillis() / PortChecker.RETRY_MILLIS) + 1);
    assertThat(checks.get(1).attempts()).isEqualTo(1);
  }

  private static PortChecker.Target target(final int port) {
    return new PortChecker.Target("cpu-millicores", "rp-1", "127.0.0.1", port, "sfsb-test");
  }
}
