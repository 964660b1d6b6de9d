package io.sfsbroker.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sfsbroker.gateway.bridge.TestBroker;
import io.sfsbroker.gateway.bridge.TestDevice;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 item 5 on the real network and the real Mosquitto: {@code participant revoke} (the CLI)
 * revokes a fog node on the ledger and takes its MQTT access at once: its live connection is
 * closed, it cannot connect again, and another device stays connected.
 */
class RevocationIT {

  @Test
  void participantRevoke_disconnectsTheDevice_refusesItsReconnect_andLeavesOthersAlone()
      throws Exception {
    try (TestBroker broker = new TestBroker()) {
      TestDevice revoked = broker.device("revoked", "fog-node", true);
      TestDevice other = broker.device("bystander", "fog-node", true);
      MqttClient revokedClient = revoked.newClient(revoked.id);
      MqttClient otherClient = other.newClient(other.id);
      assertThat(revokedClient.isConnected()).isTrue();

      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code =
          SfsbCli.run(
              GatewayChaincode::open,
              new PrintWriter(out),
              new PrintWriter(err),
              "--network",
              broker.networkFile.toString(),
              "--org",
              "tenants",
              "--json",
              "participant",
              "revoke",
              revoked.id);
      assertThat(code).as(err.toString()).isZero();
      assertThat(err.toString()).contains("revoked: " + revoked.id);

      long deadline = System.nanoTime() + 10_000_000_000L;
      while (revokedClient.isConnected() && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(revokedClient.isConnected()).as("the revoked device's connection").isFalse();
      revokedClient.close(true);
      assertThatThrownBy(() -> revoked.newClient(revoked.id)).isInstanceOf(MqttException.class);
      assertThat(otherClient.isConnected()).isTrue();
      assertThat(broker.ledger.evaluate(TransactionName.PARTICIPANT_GET, revoked.id))
          .contains("revokedAt");
      assertThat(broker.sfsbroker("mqtt", "revoked")).contains(revoked.id);
      // A revoked id is never issued a certificate again.
      assertThatThrownBy(() -> broker.sfsbroker("mqtt", "issue", revoked.id, "fog-node"))
          .hasMessageContaining("revoked");

      otherClient.disconnect();
      otherClient.close();
    }
  }
}
