package io.sfsbroker.fog;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.sfsbroker.device.testing.FakeDeviceLink;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.id.Ids;
import io.sfsbroker.protocol.mqtt.Uplink;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FogNodeAgentMainTest {

  @TempDir Path dir;

  private final FakeDeviceLink bridge = new FakeDeviceLink(FogNodeAgentTest.FOG);
  private final TestServers servers = new TestServers();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private String config;

  @BeforeEach
  void writeConfig() throws Exception {
    Path file = dir.resolve("fog-7.json");
    Files.writeString(
        file,
        """
        {"device": {"id": "fog-7", "role": "fog-node", "brokerUrl": "ssl://127.0.0.1:1",
          "caFile": "ca.crt", "certFile": "fog-7.crt", "keyFile": "fog-7.key",
          "stateDir": "state"},
         "portWaitSeconds": 0, "portCheckTimeoutMillis": 500}""");
    config = file.toString();
  }

  @AfterEach
  void stop() throws Exception {
    servers.close();
  }

  @Test
  void request_byClass_printsTheSliceAndExitsZero() throws Exception {
    int port = servers.http(200);
    bridge.script = handingOver(port);

    int code = run("request", "--config", config, "--class", "ar-vr", "--budget", "20000");

    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString())
        .startsWith("slice s-")
        .contains("IN_SERVICE (service confirmed)")
        .contains("cpu-millicores  rp-1    2000           3   6000")
        .contains("127.0.0.1:" + port)
        .contains("request -> handover");
    assertThat(err.toString()).contains("requested ar-vr: slice s-").contains("service confirmed");
  }

  @Test
  void request_byAmountsAsJson_printsOneJsonObjectWithTheSameReport() throws Exception {
    bridge.script = handingOver(servers.http(200));

    int code =
        run(
            "request",
            "--config",
            config,
            "--amount",
            "cpu=2",
            "--amount",
            "memory-mib=256@4",
            "--budget",
            "5000",
            "--validity",
            "2h",
            "--window",
            "20s",
            "--strategy",
            "lowest_offer",
            "--json",
            "--quiet");

    assertThat(code).as(err.toString()).isZero();
    JsonObject report = Json.parseObject(out.toString().strip());
    assertThat(report.get("outcome").getAsString()).isEqualTo("CONFIRMED");
    assertThat(report.getAsJsonArray("parts")).hasSize(2);
    assertThat(report.getAsJsonObject("timings").has("handover")).isTrue();
    assertThat(err.toString()).isEmpty();
    assertThat(bridge.sent(Uplink.REQUEST).get(0).body())
        .isEqualTo(
            Json.parseObject(
                "{\"categories\":[{\"category\":\"cpu\",\"amount\":2},"
                    + "{\"category\":\"memory-mib\",\"amount\":256,\"maxUnitPrice\":4}],"
                    + "\"budget\":5000,\"offerWindowSeconds\":20,\"strategy\":\"LOWEST_OFFER\","
                    + "\"validitySeconds\":7200}"));
  }

  @Test
  void request_withMaxAmount_sendsTheOptInForThatCategoryOnly() throws Exception {
    bridge.script = handingOver(servers.http(200));

    int code =
        run(
            "request",
            "--config",
            config,
            "--amount",
            "cpu-millicores=500@3",
            "--amount",
            "memory-mib=512@2",
            "--max-amount",
            "cpu-millicores=1000",
            "--json",
            "--quiet");

    assertThat(code).as(err.toString()).isZero();
    assertThat(bridge.sent(Uplink.REQUEST).get(0).body().getAsJsonArray("categories"))
        .isEqualTo(
            Json.parseObject(
                    "{\"c\":[{\"category\":\"cpu-millicores\",\"amount\":500,"
                        + "\"maxUnitPrice\":3,\"maxAmount\":1000},"
                        + "{\"category\":\"memory-mib\",\"amount\":512,\"maxUnitPrice\":2}]}")
                .getAsJsonArray("c"));
  }

  @Test
  void request_maxAmountForACategoryNotAskedFor_isAUsageError() {
    assertThat(
            run(
                "request",
                "--config",
                config,
                "--amount",
                "cpu=1",
                "--max-amount",
                "gpu=2",
                "--budget",
                "10"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--max-amount names [gpu], which no --amount asks for");
    assertThat(bridge.sent()).isEmpty();
  }

  @Test
  void request_rejected_printsErrorCodeAndReasonAndExitsOne() {
    bridge.script =
        m ->
            bridge.reject(
                m, "FORBIDDEN", "FORBIDDEN: signer fog-7 is not a registered participant");

    int code = run("request", "--config", config, "--class", "ar-vr", "--budget", "100");

    assertThat(code).isEqualTo(1);
    assertThat(err.toString())
        .contains("error: FORBIDDEN: signer fog-7 is not a registered participant");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void request_portDoesNotAnswer_printsTheReportThenUnreachableAndExitsOne() {
    bridge.script = handingOver(TestServers.closedPort());

    int code = run("request", "--config", config, "--class", "ar-vr", "--budget", "20000");

    assertThat(code).isEqualTo(1);
    assertThat(out.toString()).contains("NOT confirmed: 2 port(s) do not answer");
    assertThat(err.toString()).contains("error: UNREACHABLE: 127.0.0.1:").contains("decommission");
    assertThat(bridge.sent(Uplink.SERVICE)).isEmpty();
  }

  @Test
  void request_withoutClassOrAmount_isAUsageError() {
    assertThat(run("request", "--config", config, "--budget", "10")).isEqualTo(2);
    assertThat(err.toString()).contains("give --class NAME or --amount CATEGORY=N");
    assertThat(bridge.sent()).isEmpty();
  }

  @Test
  void request_withClassAndAmount_isAUsageError() {
    assertThat(
            run(
                "request",
                "--config",
                config,
                "--class",
                "ar-vr",
                "--amount",
                "cpu=1",
                "--budget",
                "10"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("not both");
  }

  @Test
  void request_badAmount_isAUsageErrorShowingTheForm() {
    assertThat(run("request", "--config", config, "--amount", "cpu:2", "--budget", "10"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("CATEGORY=AMOUNT");
  }

  @Test
  void request_missingConfigFile_isAUsageError() {
    assertThat(
            run(
                "request",
                "--config",
                dir.resolve("nope.json").toString(),
                "--class",
                "ar-vr",
                "--budget",
                "1"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("error: cannot read");
  }

  @Test
  void noCommandOrUnknownOption_isAUsageError() {
    assertThat(run()).isEqualTo(2);
    assertThat(run("request", "--config", config, "--class", "ar-vr", "--colour")).isEqualTo(2);
  }

  @Test
  void help_exitsZero() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("request").contains("decommission").contains("status");
  }

  @Test
  void decommission_printsTheEndedSlice() {
    bridge.script = m -> bridge.commit(m, Map.of("state", "DECOMMISSIONED"));

    int code = run("decommission", "--config", config, "s-0123456789abcdef01234567");

    assertThat(code).isZero();
    assertThat(out.toString()).startsWith("slice s-0123456789abcdef01234567: DECOMMISSIONED");
    assertThat(bridge.sent(Uplink.DECOMMISSION)).hasSize(1);
  }

  @Test
  void confirm_sendsAServiceConfirmation() {
    bridge.script = m -> bridge.commit(m, Map.of("state", "IN_SERVICE"));

    assertThat(run("confirm", "--config", config, "s-0123456789abcdef01234567")).isZero();
    assertThat(bridge.sent(Uplink.SERVICE)).hasSize(1);
  }

  @Test
  void application_printsTheFlows() throws Exception {
    Path flows = dir.resolve("flows.json");
    Files.writeString(
        flows,
        """
        [{"flowId":"video","betaR":500000,"betaT":500000,"betaL":0,"mu":500000,"qMin":500000,
          "pMax":1000,"refThroughputKbps":100000,"refLatencyMicros":10000,"refLossPpm":10000,
          "intervals":["t0","t1"]}]""");
    bridge.script =
        m -> {
          if (m.uplink() == Uplink.APPLICATION) {
            String id = Ids.application(FogNodeAgentTest.FOG, m.nonce());
            bridge.commit(m, Map.of("id", id));
            bridge.notice("ApplicationAwarded", FogNodeAgentTest.applicationSelection(id));
          } else {
            bridge.commit(m, Map.of("state", "IN_SERVICE"));
          }
        };

    int code =
        run("application", "--config", config, "--flows", flows.toString(), "--bid-window", "30s");

    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains("IN_SERVICE (service confirmed)").contains("video  t0");
    assertThat(bridge.sent(Uplink.APPLICATION).get(0).body().get("bidWindowSeconds").getAsLong())
        .isEqualTo(30);
  }

  @Test
  void status_printsTheLinkAndOutbox() {
    bridge.states.put("s-0123456789abcdef01234567", "ACTIVE");

    int code = run("status", "--config", config, "s-0123456789abcdef01234567");

    assertThat(code).isZero();
    assertThat(out.toString())
        .contains("(connected)")
        .contains("0 message(s) waiting")
        .contains("s-0123456789abcdef01234567  ACTIVE");
  }

  private int run(final String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    return FogNodeAgentMain.run(
        new PrintWriter(out, true),
        new PrintWriter(err, true),
        c -> FogNodeAgentTest.agentOn(bridge, c),
        all.toArray(String[]::new));
  }

  private java.util.function.Consumer<FakeDeviceLink.Message> handingOver(final int port) {
    return m -> {
      if (m.uplink() == Uplink.REQUEST) {
        String id = Ids.slice(FogNodeAgentTest.FOG, m.nonce());
        bridge.commit(m, Map.of("id", id));
        bridge.notice("SliceAwarded", FogNodeAgentTest.award(id));
        bridge.notice("SliceReady", FogNodeAgentTest.slice(id, port, port));
      } else {
        bridge.commit(m, Map.of("state", "IN_SERVICE"));
      }
    };
  }
}
