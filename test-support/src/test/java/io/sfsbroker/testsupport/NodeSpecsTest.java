package io.sfsbroker.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeSpecsTest {

  private static final String NODES =
      """
      {"runtime": "/r", "portOffset": 50, "networkLabel": "io.sfsbroker.runtime=/r",
       "networks": [{"name": "sfsb50-x-net", "internal": false},
                    {"name": "sfsb50-x-cc-broker", "internal": true}],
       "nodes": [{"name": "peer0.broker", "container": "sfsb50-x-peer0.broker",
                  "hostname": "peer0.broker.sfsbroker.test", "image": "sfsbroker/peer:1",
                  "user": "10001:10001", "env": ["CORE_PEER_ID=peer0.broker"],
                  "ports": ["127.0.0.1:8101:8101"], "mounts": ["/r/n:/etc/sfsb/node:ro"],
                  "networks": ["sfsb50-x-net", "sfsb50-x-cc-broker"],
                  "labels": ["io.sfsbroker.node=peer0.broker"]}]}
      """;

  @Test
  void load_readsNetworksAndNodesAsTheScriptWritesThem(@TempDir final Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("nodes.json"), NODES);

    NodeSpecs specs = NodeSpecs.load(file);

    assertThat(specs.portOffset()).isEqualTo(50);
    assertThat(specs.networks())
        .extracting(NodeSpecs.NetworkSpec::internal)
        .containsExactly(false, true);
    NodeSpecs.NodeSpec peer = specs.node("peer0.broker");
    assertThat(peer.container()).isEqualTo("sfsb50-x-peer0.broker");
    assertThat(peer.networks()).containsExactly("sfsb50-x-net", "sfsb50-x-cc-broker");
    assertThat(peer.ports()).containsExactly("127.0.0.1:8101:8101");
  }

  @Test
  void node_unknownName_isRejectedNamingTheKnownOnes(@TempDir final Path dir) throws IOException {
    NodeSpecs specs = NodeSpecs.load(Files.writeString(dir.resolve("nodes.json"), NODES));

    assertThatThrownBy(() -> specs.node("orderer9"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("orderer9")
        .hasMessageContaining("peer0.broker");
  }

  @Test
  void load_nodeWithoutNetwork_isRejected(@TempDir final Path dir) throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("nodes.json"),
            NODES.replace("\"sfsb50-x-net\", \"sfsb50-x-cc-broker\"", ""));

    assertThatThrownBy(() -> NodeSpecs.load(file))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("peer0.broker has no network");
  }

  @Test
  void load_missingFile_saysWhichFile(@TempDir final Path dir) {
    assertThatThrownBy(() -> NodeSpecs.load(dir.resolve("nodes.json")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("nodes.json");
  }
}
