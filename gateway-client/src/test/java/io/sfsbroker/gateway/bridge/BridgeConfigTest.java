package io.sfsbroker.gateway.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BridgeConfigTest {

  @TempDir Path dir;

  @Test
  void load_takesBrokerAndCertificatesFromMqttJson_relativeToTheFile() throws Exception {
    Files.writeString(
        dir.resolve("mqtt.json"),
        "{\"url\":\"ssl://127.0.0.1:8883\",\"caFile\":\"/rt/ca.crt\","
            + "\"bridge\":{\"certFile\":\"/rt/b.crt\",\"keyFile\":\"/rt/b.key\"}}");
    Path file = dir.resolve("bridge.json");
    Files.writeString(
        file,
        "{\"network\":\"network.json\",\"mqtt\":\"mqtt.json\",\"clientId\":\"b-2\","
            + "\"workers\":2,\"closeGraceSeconds\":3}");

    BridgeConfig config = BridgeConfig.load(file);

    assertThat(config.network()).isEqualTo(dir.resolve("network.json"));
    assertThat(config.brokerUrl()).isEqualTo("ssl://127.0.0.1:8883");
    assertThat(config.certFile()).isEqualTo(Path.of("/rt/b.crt"));
    assertThat(config.clientId()).isEqualTo("b-2");
    assertThat(config.org()).isEqualTo("broker");
    assertThat(config.stateDir()).isEqualTo(dir.resolve("bridge-state"));
    assertThat(config.closeGrace()).isEqualTo(Duration.ofSeconds(3));
    assertThat(config.answerWithin()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.keepTrying()).isEqualTo(Duration.ofSeconds(120));
    assertThat(config.uplinkFilter()).isEqualTo("sfsb/v1/in/+/+");
    assertThat(config.persistentSession()).isTrue();
  }

  @Test
  void load_shareGroup_subscribesToTheGroupsShare_inACleanSession() throws Exception {
    Path file = dir.resolve("bridge.json");
    String common =
        "{\"network\":\"n.json\",\"brokerUrl\":\"ssl://h:1\",\"caFile\":\"c\","
            + "\"certFile\":\"c\",\"keyFile\":\"k\",";
    Files.writeString(file, common + "\"shareGroup\":\"sfsb-bridges\"}");

    BridgeConfig config = BridgeConfig.load(file);

    assertThat(config.uplinkFilter()).isEqualTo("$share/sfsb-bridges/sfsb/v1/in/+/+");
    assertThat(config.persistentSession()).isFalse();
  }

  @Test
  void load_firesDeadlinesByDefault_andARelayOnlyBridgeSaysFalse() throws Exception {
    Path file = dir.resolve("bridge.json");
    String common =
        "{\"network\":\"n.json\",\"brokerUrl\":\"ssl://h:1\",\"caFile\":\"c\","
            + "\"certFile\":\"c\",\"keyFile\":\"k\"";
    Files.writeString(file, common + "}");
    assertThat(BridgeConfig.load(file).fireDeadlines()).isTrue();

    Files.writeString(file, common + ",\"fireDeadlines\":false}");
    assertThat(BridgeConfig.load(file).fireDeadlines()).isFalse();
  }

  @Test
  void inShareGroupAndRelayOnly_changeOnlyTheGroupAndTheKeeper() throws Exception {
    Path file = dir.resolve("bridge.json");
    Files.writeString(
        file,
        "{\"network\":\"n.json\",\"brokerUrl\":\"ssl://h:1\",\"caFile\":\"c\","
            + "\"certFile\":\"c\",\"keyFile\":\"k\",\"clientId\":\"b-7\",\"workers\":3}");
    BridgeConfig base = BridgeConfig.load(file);

    BridgeConfig member = base.inShareGroup("g1", true);
    BridgeConfig relay = base.relayOnly();

    assertThat(member.uplinkFilter()).isEqualTo("$share/g1/sfsb/v1/in/+/+");
    assertThat(member.fireDeadlines()).isTrue();
    assertThat(member.clientId()).isEqualTo("b-7");
    assertThat(member.workers()).isEqualTo(3);
    assertThat(relay.fireDeadlines()).isFalse();
    assertThat(relay).isEqualTo(base.inShareGroup(null, false));
    assertThatThrownBy(() -> base.inShareGroup("a/b", true))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void load_shareGroupWithATopicSeparatorOrWildcard_isRefused() throws Exception {
    Path file = dir.resolve("bridge.json");
    String common =
        "{\"network\":\"n.json\",\"brokerUrl\":\"ssl://h:1\",\"caFile\":\"c\","
            + "\"certFile\":\"c\",\"keyFile\":\"k\",";
    for (String group : new String[] {"a/b", "+", "#", ""}) {
      Files.writeString(file, common + "\"shareGroup\":\"" + group + "\"}");

      assertThatThrownBy(() -> BridgeConfig.load(file))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("share group");
    }
  }

  @Test
  void load_answerBoundAndBackgroundTime_areSettable_andAZeroBound_isRefused() throws Exception {
    Path file = dir.resolve("bridge.json");
    String common =
        "{\"network\":\"n.json\",\"brokerUrl\":\"ssl://h:1\",\"caFile\":\"c\","
            + "\"certFile\":\"c\",\"keyFile\":\"k\",";
    Files.writeString(file, common + "\"answerWithinSeconds\":10,\"keepTryingSeconds\":300}");

    BridgeConfig config = BridgeConfig.load(file);
    assertThat(config.answerWithin()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.keepTrying()).isEqualTo(Duration.ofSeconds(300));

    Files.writeString(file, common + "\"answerWithinSeconds\":0}");
    assertThatThrownBy(() -> BridgeConfig.load(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("answerWithinSeconds");
  }

  @Test
  void load_unknownKey_isRefusedByName() throws Exception {
    Path file = dir.resolve("bridge.json");
    Files.writeString(file, "{\"network\":\"n.json\",\"brokerURL\":\"x\"}");

    assertThatThrownBy(() -> BridgeConfig.load(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("brokerURL");
  }

  @Test
  void load_withoutBroker_saysWhereToGetIt() throws Exception {
    Path file = dir.resolve("bridge.json");
    Files.writeString(file, "{\"network\":\"n.json\"}");

    assertThatThrownBy(() -> BridgeConfig.load(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("url")
        .hasMessageContaining("mqtt.json");
  }

  @Test
  void plainTcpBroker_isRefused() {
    assertThatThrownBy(
            () ->
                new BridgeConfig(
                    dir,
                    "broker",
                    "tcp://127.0.0.1:1883",
                    dir,
                    dir,
                    dir,
                    "b",
                    dir,
                    1,
                    Duration.ZERO,
                    Duration.ofSeconds(30),
                    Duration.ofSeconds(120),
                    null,
                    true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ssl://");
  }
}
