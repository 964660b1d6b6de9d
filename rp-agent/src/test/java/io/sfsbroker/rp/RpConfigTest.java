package io.sfsbroker.rp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RpConfigTest {

  @Test
  void fromJson_withOnlyDeviceAndCategories_takesTheDefaults() {
    RpConfig config = TestConfigs.config();

    assertThat(config.rpId()).isEqualTo("rp-1");
    assertThat(config.image()).isEqualTo("sfsbroker/slice:1");
    assertThat(config.dockerHost()).isEqualTo("unix:///var/run/docker.sock");
    assertThat(config.portRange()).isEqualTo(new PortRange(20_000, 20_999));
    assertThat(config.bindAddress()).isEqualTo("127.0.0.1");
    assertThat(config.advertisedHost()).isEqualTo("127.0.0.1");
    assertThat(config.user()).isEqualTo("65534:65534");
    assertThat(config.pidsLimit()).isEqualTo(128);
    assertThat(config.offerFactor()).isEqualTo(2);
    assertThat(config.offerHold()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.readyTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.capacities())
        .containsExactly(
            java.util.Map.entry("bandwidth-mbps", 1000L),
            java.util.Map.entry("cpu-millicores", 2000L),
            java.util.Map.entry("memory-mib", 1024L),
            java.util.Map.entry("storage-mib", 512L));
    assertThat(config.terms("bandwidth-mbps")).isEqualTo(new CategoryTerms(1000, 2, 6, 2));
    assertThat(config.terms("cpu-millicores").services()).isEqualTo(1);
    assertThat(config.device().keyFile()).isEqualTo(Path.of("/etc/sfsbroker/rp.key"));
  }

  @Test
  void load_theExampleConfiguration_isValid() {
    RpConfig config = RpConfig.load(Path.of("../test-network-config/rp-agent.example.json"));

    assertThat(config.rpId()).isEqualTo("rp-1");
    assertThat(config.categories())
        .containsKeys(
            "cpu-millicores", "memory-mib", "storage-mib", "bandwidth-mbps", "rendering-k");
  }

  @Test
  void load_aFileThatIsNotJson_namesTheFile(@TempDir final Path dir) throws Exception {
    Path file = dir.resolve("rp.json");
    Files.writeString(file, "{\"device\": ");

    assertThatThrownBy(() -> RpConfig.load(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(file.toString());
  }

  @Test
  void fromJson_anUnknownField_isRefusedWithTheKnownFields() {
    assertThatThrownBy(() -> TestConfigs.config("rp-1", "\"imgae\": \"x\""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown field \"imgae\"")
        .hasMessageContaining("image");
  }

  @Test
  void fromJson_aCategoryWithoutCapacity_namesTheField() {
    JsonObject json = TestConfigs.json("rp-1", "");
    json.getAsJsonObject("categories").getAsJsonObject("memory-mib").remove("capacity");

    assertThatThrownBy(() -> RpConfig.fromJson(json, Path.of(".")))
        .hasMessageContaining("categories.memory-mib.capacity is missing");
  }

  @Test
  void fromJson_aCostAboveThePrice_isRefused() {
    JsonObject json = TestConfigs.json("rp-1", "");
    json.getAsJsonObject("categories").getAsJsonObject("memory-mib").addProperty("cost", 5);

    assertThatThrownBy(() -> RpConfig.fromJson(json, Path.of(".")))
        .hasMessageContaining("categories.memory-mib")
        .hasMessageContaining("cost must be 0 to the price 2");
  }

  @Test
  void fromJson_aFractionalCapacity_isRefused() {
    JsonObject json = TestConfigs.json("rp-1", "");
    json.getAsJsonObject("categories").getAsJsonObject("memory-mib").addProperty("capacity", 1.5);

    assertThatThrownBy(() -> RpConfig.fromJson(json, Path.of(".")))
        .hasMessageContaining("capacity must be a whole number");
  }

  @Test
  void fromJson_anUpperCaseCategory_isRefused() {
    JsonObject json = TestConfigs.json("rp-1", "");
    JsonObject terms = json.getAsJsonObject("categories").getAsJsonObject("memory-mib");
    json.getAsJsonObject("categories").add("Memory", terms);

    assertThatThrownBy(() -> RpConfig.fromJson(json, Path.of(".")))
        .hasMessageContaining("category 'Memory' must be 1 to 64 lower-case letters");
  }

  @Test
  void fromJson_tooManyServices_isRefused() {
    JsonObject json = TestConfigs.json("rp-1", "");
    json.getAsJsonObject("categories").getAsJsonObject("memory-mib").addProperty("services", 17);

    assertThatThrownBy(() -> RpConfig.fromJson(json, Path.of(".")))
        .hasMessageContaining("services must be 1 to 16");
  }

  @Test
  void fromJson_noCategories_isRefused() {
    JsonObject json = TestConfigs.json("rp-1", "");
    json.add("categories", new JsonObject());

    assertThatThrownBy(() -> RpConfig.fromJson(json, Path.of(".")))
        .hasMessageContaining("categories is empty");
  }

  @Test
  void fromJson_aFogNodeDevice_isRefused() {
    JsonObject json = TestConfigs.json("rp-1", "");
    json.getAsJsonObject("device").addProperty("role", "fog-node");

    assertThatThrownBy(() -> RpConfig.fromJson(json, Path.of(".")))
        .hasMessageContaining("device.role must be rp");
  }

  @Test
  void fromJson_privilegedOrReversedPortRanges_areRefused() {
    assertThatThrownBy(
            () -> TestConfigs.config("rp-1", "\"portRange\": {\"first\": 80, \"last\": 90}"))
        .hasMessageContaining("portRange: the first port must be 1024 to 65535");
    assertThatThrownBy(
            () -> TestConfigs.config("rp-1", "\"portRange\": {\"first\": 30000, \"last\": 20000}"))
        .hasMessageContaining("the last port must be 30000 to 65535");
    assertThatThrownBy(() -> TestConfigs.config("rp-1", "\"portRange\": {\"first\": 30000}"))
        .hasMessageContaining("portRange: last is missing");
  }

  @Test
  void fromJson_aDockerHostWithoutScheme_isRefused() {
    assertThatThrownBy(() -> TestConfigs.config("rp-1", "\"dockerHost\": \"/var/run/docker.sock\""))
        .hasMessageContaining("dockerHost must be unix:///path or tcp://host:port");
  }

  @Test
  void fromJson_aMinimumMemoryBelowDockersFloor_isRefused() {
    assertThatThrownBy(() -> TestConfigs.config("rp-1", "\"minMemoryMib\": 4"))
        .hasMessageContaining("minMemoryMib must be 6 to");
  }

  @Test
  void fromJson_aUserName_isRefusedForNumericIds() {
    assertThatThrownBy(() -> TestConfigs.config("rp-1", "\"user\": \"root\""))
        .hasMessageContaining("user must be uid or uid:gid");
    assertThat(TestConfigs.config("rp-1", "\"user\": \"\"").user()).isEmpty();
  }

  @Test
  void fromJson_withFlows_readsTheFlowTerms() {
    RpConfig config =
        TestConfigs.config(
            "rp-1",
            "\"flows\": {\"throughputKbps\": 50000, \"latencyMicros\": 8000, \"lossPpm\": 100,"
                + " \"price\": 40}");

    assertThat(config.flows()).isEqualTo(new FlowTerms(50_000, 8_000, 100, 40));
  }

  @Test
  void fromJson_withoutFlows_bidsForNoFlow() {
    assertThat(TestConfigs.config().flows()).isNull();
  }

  @Test
  void fromJson_flowsWithAnUnknownField_isRejected() {
    assertThatThrownBy(
            () ->
                TestConfigs.config(
                    "rp-1",
                    "\"flows\": {\"throughputKbps\": 1, \"latencyMicros\": 1, \"lossPpm\": 1,"
                        + " \"price\": 1, \"jitter\": 3}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("flows.jitter");
  }

  @Test
  void fromJson_bringUps_defaultsToFour_andZeroIsRefused() {
    assertThat(TestConfigs.config("rp-1", "\"readyTimeoutSeconds\": 5").bringUps()).isEqualTo(4);
    assertThatThrownBy(() -> TestConfigs.config("rp-1", "\"bringUps\": 0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bringUps must be 1 to 64, was 0");
  }

  @Test
  void fromJson_flowsWithoutAPrice_namesTheField() {
    assertThatThrownBy(
            () ->
                TestConfigs.config(
                    "rp-1",
                    "\"flows\": {\"throughputKbps\": 1, \"latencyMicros\": 1, \"lossPpm\": 1}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("flows.price is missing");
  }

  @Test
  void fromJson_flowsWithLossAboveOneMillion_isRejected() {
    assertThatThrownBy(
            () ->
                TestConfigs.config(
                    "rp-1",
                    "\"flows\": {\"throughputKbps\": 1, \"latencyMicros\": 1,"
                        + " \"lossPpm\": 1000001, \"price\": 1}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("flows: lossPpm must be 0 to 1000000");
  }

  @Test
  void fromJson_withoutANetworkPool_leavesSubnetsToTheEngine() {
    assertThat(TestConfigs.config().networkPool()).isNull();
  }

  @Test
  void fromJson_withANetworkPool_readsItWithA24ByDefault() {
    RpConfig config = TestConfigs.config("rp-1", "\"networkPool\": {\"base\": \"10.213.0.0/16\"}");

    assertThat(config.networkPool()).isEqualTo(new SubnetPool("10.213.0.0/16", 24));
    assertThat(config.networkPool().size()).isEqualTo(256);
  }

  @Test
  void fromJson_aNetworkPoolWithHostBitsOrAShortPrefix_isRefusedNamingTheField() {
    assertThatThrownBy(
            () -> TestConfigs.config("rp-1", "\"networkPool\": {\"base\": \"10.213.0.1/16\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("networkPool: base 10.213.0.1/16 has bits set past its prefix")
        .hasMessageContaining("10.213.0.0/16");
    assertThatThrownBy(
            () ->
                TestConfigs.config(
                    "rp-1", "\"networkPool\": {\"base\": \"10.213.0.0/16\", \"prefixLength\": 12}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("networkPool: prefixLength must be 16 to 28, was 12");
    assertThatThrownBy(
            () ->
                TestConfigs.config(
                    "rp-1", "\"networkPool\": {\"base\": \"10.213.0.0/16\", \"size\": 24}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("networkPool.size");
    assertThatThrownBy(() -> TestConfigs.config("rp-1", "\"networkPool\": {}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("networkPool.base is missing");
  }

  @Test
  void fromJson_categoryQoeTerms_areRead_andLeftOutMeansNone() {
    JsonObject json = TestConfigs.json("rp-1", "");
    JsonObject cpu = json.getAsJsonObject("categories").getAsJsonObject("cpu-millicores");
    cpu.addProperty("latencyMicros", 800);
    cpu.addProperty("bandwidthMbps", 250);

    RpConfig config = RpConfig.fromJson(json, Path.of("."));

    assertThat(config.terms("cpu-millicores").qoe())
        .isEqualTo(new io.sfsbroker.protocol.offer.OfferedQoe(800L, 250L));
    assertThat(config.terms("memory-mib").qoe()).isNull();
  }

  @Test
  void fromJson_aZeroBandwidthGuarantee_isRefusedWithTheCategory() {
    JsonObject json = TestConfigs.json("rp-1", "");
    json.getAsJsonObject("categories")
        .getAsJsonObject("memory-mib")
        .addProperty("bandwidthMbps", 0);

    assertThatThrownBy(() -> RpConfig.fromJson(json, Path.of(".")))
        .hasMessageContaining("categories.memory-mib")
        .hasMessageContaining("bandwidthMbps must be 1 to");
  }
}
