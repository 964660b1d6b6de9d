package io.sfsbroker.gateway.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.sfsbroker.protocol.mqtt.Receipt;
import org.junit.jupiter.api.Test;

class FlightTest {

  private static final Receipt COMMITTED =
      Receipt.committed("t", "fog-1", "nonce-0000000000000001", "slice-request", "tx", 7, null);

  @Test
  void verdictBeforeTheBound_isTheWaitersToSend() {
    Flight flight = new Flight();

    assertThat(flight.finish(COMMITTED)).as("the flight owes nothing").isFalse();
    assertThat(flight.owe()).as("a late waiter answers with the result").isFalse();
    assertThat(flight.result().join()).isSameAs(COMMITTED);
  }

  @Test
  void waiterThatGaveUp_leavesTheVerdictToTheFlight() {
    Flight flight = new Flight();

    assertThat(flight.owe()).as("the waiter says UNAVAILABLE").isTrue();
    assertThat(flight.owe()).as("a second copy's waiter too").isTrue();
    assertThat(flight.finish(COMMITTED)).as("the flight sends the late verdict").isTrue();
    assertThat(flight.result().join()).isSameAs(COMMITTED);
  }

  @Test
  void transactionId_isKnownOnceEndorsed() {
    Flight flight = new Flight();
    assertThat(flight.transactionId()).isNull();

    flight.endorsed("tx-9");

    assertThat(flight.transactionId()).isEqualTo("tx-9");
  }
}
