package io.sfsbroker.gateway.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sfsbroker.gateway.ledger.ChaincodeClient;
import io.sfsbroker.gateway.ledger.LedgerException;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.envelope.MessageType;
import io.sfsbroker.protocol.envelope.UnverifiedEnvelope;
import io.sfsbroker.protocol.id.Ids;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Strict bodies on the real network (issue 11 item 9): a member the body does not have, an amount
 * that is not a whole number in range, a mint beyond the largest balance and a mint to a device
 * that is not a participant are each refused with a stable code naming what is wrong, and the
 * ledger is as it was.
 */
class StrictBodiesIT {

  @Test
  void lenientOrOverflowingBodies_areRefusedWithACode_andChangeNothing() throws Exception {
    try (NetworkClients clients = new NetworkClients()) {
      NetworkDevice fog = NetworkDevice.register(clients.tenantsAdmin(), "fog-strict", "FOG_NODE");
      clients.fund(fog, 1_000);
      ChaincodeClient treasury = clients.brokerAdmin();

      // Amounts that are no whole long, and a misspelled member.
      for (String amount : new String[] {"1e2", "100.0", "\"100\"", "9223372036854775808"}) {
        assertRefused(
            treasury,
            "INVALID_ARGUMENT",
            "amount",
            "{\"to\":\"" + fog.account() + "\",\"amount\":" + amount + "}");
      }
      assertRefused(
          treasury,
          "INVALID_ARGUMENT",
          "unknown member ammount",
          "{\"to\":\"" + fog.account() + "\",\"ammount\":100}");
      assertThat(balance(treasury, fog.account())).isEqualTo(1_000);

      // A second mint of Long.MAX_VALUE would overflow the balance.
      treasury.submit(
          TransactionName.CREDIT_MINT,
          Json.toJson(Map.of("to", fog.account(), "amount", Long.MAX_VALUE - 1_000)));
      assertRefused(
          treasury,
          "INVALID_ARGUMENT",
          "would exceed the largest balance",
          Json.toJson(Map.of("to", fog.account(), "amount", Long.MAX_VALUE)));
      assertThat(balance(treasury, fog.account())).isEqualTo(Long.MAX_VALUE);

      // A device that is not a participant gets nothing.
      String ghost = "device:ghost-" + System.nanoTime();
      assertRefused(
          treasury, "NOT_FOUND", "does not exist", Json.toJson(Map.of("to", ghost, "amount", 5)));
      assertThat(balance(treasury, ghost)).isZero();

      // A slice request whose category misspells maxUnitPrice is refused, not priced otherwise.
      String envelope =
          fog.sign(
              MessageType.SLICE_REQUEST,
              Json.parseObject(
                  "{\"categories\":[{\"category\":\"cpu-millicores\",\"amount\":100,"
                      + "\"maxUnitprice\":5}],\"budget\":1000}"));
      assertThatThrownBy(
              () -> clients.bridge().submit(TransactionName.REQUEST_SUBMIT_SLICE_REQUEST, envelope))
          .isInstanceOfSatisfying(
              LedgerException.class,
              e -> {
                assertThat(e.code()).isEqualTo("INVALID_ARGUMENT");
                assertThat(e.getMessage()).contains("categories[0].maxUnitprice");
              });
      String sliceId = Ids.slice(fog.id(), UnverifiedEnvelope.parse(envelope).nonce());
      assertThatThrownBy(
              () -> clients.bridge().evaluate(TransactionName.REQUEST_GET_REQUEST, sliceId))
          .isInstanceOfSatisfying(
              LedgerException.class, e -> assertThat(e.code()).isEqualTo("NOT_FOUND"));
    }
  }

  private static void assertRefused(
      final ChaincodeClient treasury, final String code, final String detail, final String body) {
    assertThatThrownBy(() -> treasury.submit(TransactionName.CREDIT_MINT, body))
        .as(body)
        .isInstanceOfSatisfying(
            LedgerException.class,
            e -> {
              assertThat(e.code()).isEqualTo(code);
              assertThat(e.getMessage()).contains(detail);
            });
  }

  private static long balance(final ChaincodeClient client, final String account) {
    return Json.parseObject(client.evaluate(TransactionName.CREDIT_BALANCE_OF, account))
        .get("balance")
        .getAsLong();
  }
}
