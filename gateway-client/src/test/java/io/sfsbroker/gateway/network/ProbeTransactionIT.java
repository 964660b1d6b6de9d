package io.sfsbroker.gateway.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sfsbroker.gateway.connection.Deadlines;
import io.sfsbroker.gateway.connection.GatewayConnection;
import io.sfsbroker.gateway.connection.NetworkProfile;
import io.sfsbroker.gateway.ledger.ChaincodeClient;
import io.sfsbroker.gateway.ledger.Committed;
import io.sfsbroker.gateway.ledger.LedgerException;
import io.sfsbroker.gateway.ledger.Stage;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.CloseableIterator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Submits, evaluates and listens through the Gateway of the real network. */
class ProbeTransactionIT {

  private static NetworkProfile profile;
  private static GatewayConnection broker;
  private static GatewayConnection tenants;

  @BeforeAll
  static void connect() {
    profile = TestNetwork.running().profile();
    broker = GatewayConnection.asUser(profile.org("broker"), Deadlines.DEFAULT);
    tenants = GatewayConnection.asUser(profile.org("tenants"), Deadlines.DEFAULT);
  }

  @AfterAll
  static void close() {
    broker.close();
    tenants.close();
  }

  private static ChaincodeClient client(final GatewayConnection connection) {
    return new ChaincodeClient(connection.network(profile.channel()), profile.chaincode());
  }

  @Test
  void submit_commitsOnTheLedger_andAnotherOrgsPeerReadsIt() {
    String id = "probe-" + System.nanoTime();

    Committed committed =
        client(broker).submit(TransactionName.PROBE_RECORD, id, "hello from the broker");

    assertThat(committed.result()).isEqualTo("hello from the broker");
    assertThat(committed.blockNumber()).isPositive();
    assertThat(client(tenants).evaluate(TransactionName.PROBE_READ, id))
        .isEqualTo("hello from the broker");
  }

  @Test
  void submit_deliversItsChaincodeEvent_fromTheBlockThatHoldsIt() throws Exception {
    String id = "event-" + System.nanoTime();
    Committed committed =
        client(broker).submit(TransactionName.PROBE_RECORD, id, "event payload " + id);

    ChaincodeEvent found = null;
    try (CloseableIterator<ChaincodeEvent> events =
        broker
            .network(profile.channel())
            .newChaincodeEventsRequest(profile.chaincode())
            .startBlock(committed.blockNumber())
            .build()
            .getEvents(options -> options.withDeadlineAfter(30, TimeUnit.SECONDS))) {
      while (events.hasNext()) {
        ChaincodeEvent event = events.next();
        if (event.getTransactionId().equals(committed.transactionId())) {
          found = event;
          break;
        }
      }
    }

    assertThat(found).as("the event of transaction %s", committed.transactionId()).isNotNull();
    assertThat(found.getEventName()).isEqualTo("ProbeRecorded");
    assertThat(found.getBlockNumber()).isEqualTo(committed.blockNumber());
    assertThat(new String(found.getPayload(), StandardCharsets.UTF_8))
        .isEqualTo("event payload " + id);
  }

  @Test
  void evaluate_missingRecord_failsWithTheChaincodesCode() {
    assertThatThrownBy(() -> client(tenants).evaluate(TransactionName.PROBE_READ, "never-written"))
        .isInstanceOfSatisfying(
            LedgerException.class,
            e -> {
              assertThat(e.code()).isEqualTo("NOT_FOUND");
              assertThat(e.stage()).isEqualTo(Stage.EVALUATE);
            });
  }

  @Test
  void submit_rejectedByTheChaincode_carriesItsCode_andWritesNothing() {
    String id = "rejected-" + System.nanoTime();
    String tooLong = "x".repeat(300);

    assertThatThrownBy(() -> client(broker).submit(TransactionName.PROBE_RECORD, id, tooLong))
        .isInstanceOfSatisfying(
            LedgerException.class,
            e -> {
              assertThat(e.code()).isEqualTo("INVALID_ARGUMENT");
              assertThat(e.stage()).isEqualTo(Stage.ENDORSE);
              assertThat(e.getMessage()).contains("note must be 1 to 256 characters");
            });
    assertThatThrownBy(() -> client(tenants).evaluate(TransactionName.PROBE_READ, id))
        .isInstanceOfSatisfying(
            LedgerException.class, e -> assertThat(e.code()).isEqualTo("NOT_FOUND"));
  }
}
