package io.sfsbroker.chaincode.credit;

import static io.sfsbroker.chaincode.testing.BrokerFixture.ADMIN;
import static io.sfsbroker.chaincode.testing.BrokerFixture.BRIDGE;
import static io.sfsbroker.chaincode.testing.ChaincodeAssertions.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import io.sfsbroker.chaincode.common.ErrorCode;
import io.sfsbroker.chaincode.testing.BrokerFixture;
import io.sfsbroker.chaincode.testing.InMemoryLedger;
import io.sfsbroker.chaincode.testing.TestIdentity;
import io.sfsbroker.protocol.Json;
import java.util.Map;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CreditContractTest {

  private static final TestIdentity ORG2_ADMIN = TestIdentity.admin("Org2MSP");

  private final BrokerFixture broker = new BrokerFixture();
  private final InMemoryLedger ledger = broker.ledger;
  private final CreditContract contract = broker.credits;

  /** Sets the treasury through the consortium (proposed by Org1MSP, approved by Org2MSP). */
  private void configure(final String... orgs) {
    broker.consortium.change("treasury", Json.toJson(Map.of("treasuryOrgs", orgs)));
  }

  private String mint(final TestIdentity who, final String to, final long amount) {
    return ledger.submit(
        who, ctx -> contract.mint(ctx, Json.toJson(Map.of("to", to, "amount", amount))));
  }

  private String account(final TestIdentity identity) {
    return Json.parseObject(ledger.evaluate(identity, ctx -> contract.whoAmI(ctx)))
        .get("account")
        .getAsString();
  }

  @Test
  void configureTreasury_directly_isForbiddenForEveryoneAndChangesNothing() {
    for (TestIdentity who : new TestIdentity[] {ADMIN, ORG2_ADMIN, BRIDGE}) {
      ChaincodeException rejection =
          assertRejected(
              ledger,
              ErrorCode.FORBIDDEN,
              () ->
                  ledger.submit(
                      who,
                      ctx -> contract.configureTreasury(ctx, "{\"treasuryOrgs\":[\"Org1MSP\"]}")));
      assertThat(rejection.getMessage()).contains("governance:propose", "'treasury'");
    }
    assertRejected(
        ledger,
        ErrorCode.NOT_FOUND,
        () -> ledger.evaluate(BRIDGE, ctx -> contract.getTreasury(ctx)));
  }

  @Test
  void treasury_throughTheConsortium_isSetThenChanged() {
    configure("Org2MSP");
    assertThat(broker.lastEvent().name()).isEqualTo("TreasuryConfigured");
    configure("Org1MSP", "Org2MSP");

    assertThat(
            Json.parseObject(ledger.evaluate(BRIDGE, ctx -> contract.getTreasury(ctx)))
                .getAsJsonArray("treasuryOrgs"))
        .hasSize(2);
  }

  @Test
  void treasury_withNoOrgs_isRefusedAtProposal() {
    assertRejected(
        ledger,
        ErrorCode.INVALID_ARGUMENT,
        () -> broker.consortium.propose(ADMIN, "treasury", "{\"treasuryOrgs\":[]}"));
  }

  @Test
  void mint_byTreasuryAdmin_creditsTheAccountAndRecordsTheMint() {
    configure("Org1MSP");
    broker.register("fog-1", "FOG_NODE");

    mint(ADMIN, "device:fog-1", 500);
    mint(ADMIN, "device:fog-1", 250);

    assertThat(broker.balance("device:fog-1")).isEqualTo(750);
    assertThat(broker.lastEvent().name()).isEqualTo("CreditsMinted");
    assertThat(ledger.state().keySet().stream().filter(k -> k.contains("credit-mint")).count())
        .isEqualTo(2);
  }

  @Test
  void mint_withoutTreasury_byOtherOrgsAdmin_byClient_orOfNothing_isRejected() {
    assertRejected(ledger, ErrorCode.FORBIDDEN, () -> mint(ADMIN, "device:fog-1", 5));
    configure("Org1MSP");
    assertRejected(ledger, ErrorCode.FORBIDDEN, () -> mint(ORG2_ADMIN, "device:fog-1", 5));
    assertRejected(ledger, ErrorCode.FORBIDDEN, () -> mint(BRIDGE, "device:fog-1", 5));
    assertRejected(ledger, ErrorCode.INVALID_ARGUMENT, () -> mint(ADMIN, "device:fog-1", 0));
    assertRejected(ledger, ErrorCode.INVALID_ARGUMENT, () -> mint(ADMIN, "fog-1", 5));
  }

  @Test
  void transfer_movesCreditsFromTheCallersAccount() {
    configure("Org1MSP");
    String bridge = account(BRIDGE);
    mint(ADMIN, bridge, 100);

    ledger.submit(
        BRIDGE,
        ctx -> contract.transfer(ctx, Json.toJson(Map.of("to", "device:fog-1", "amount", 40))));

    assertThat(broker.balance(bridge)).isEqualTo(60);
    assertThat(broker.balance("device:fog-1")).isEqualTo(40);
    assertThat(broker.lastEvent().name()).isEqualTo("CreditsTransferred");
  }

  @Test
  void transfer_ofMoreThanTheBalance_orToOneself_isRejected() {
    configure("Org1MSP");
    String bridge = account(BRIDGE);
    mint(ADMIN, bridge, 10);

    assertRejected(
        ledger,
        ErrorCode.INVALID_STATE,
        () ->
            ledger.submit(
                BRIDGE,
                ctx ->
                    contract.transfer(
                        ctx, Json.toJson(Map.of("to", "device:fog-1", "amount", 11)))));
    assertRejected(
        ledger,
        ErrorCode.INVALID_ARGUMENT,
        () ->
            ledger.submit(
                BRIDGE,
                ctx -> contract.transfer(ctx, Json.toJson(Map.of("to", bridge, "amount", 1)))));
    assertRejected(
        ledger,
        ErrorCode.MALFORMED,
        () -> ledger.submit(BRIDGE, ctx -> contract.transfer(ctx, "{")));
  }

  @Test
  void balanceOf_unknownAccount_isZero_andMalformedIsRejected() {
    assertThat(broker.balance("device:nobody")).isZero();
    assertRejected(
        ledger,
        ErrorCode.INVALID_ARGUMENT,
        () -> ledger.evaluate(BRIDGE, ctx -> contract.balanceOf(ctx, "client:")));
  }

  @Test
  void getEscrow_missing_isNotFound_andMalformedIsRejected() {
    assertRejected(
        ledger,
        ErrorCode.NOT_FOUND,
        () ->
            ledger.evaluate(BRIDGE, ctx -> contract.getEscrow(ctx, "s-000000000000000000000000")));
    assertRejected(
        ledger,
        ErrorCode.INVALID_ARGUMENT,
        () -> ledger.evaluate(BRIDGE, ctx -> contract.getEscrow(ctx, "a b")));
  }

  @Test
  void mint_toADeviceThatIsNotAParticipant_isNotFound_andChangesNothing() {
    configure("Org1MSP");

    ChaincodeException refused =
        assertRejected(ledger, ErrorCode.NOT_FOUND, () -> mint(ADMIN, "device:ghost-1", 5));

    assertThat(refused.getMessage()).contains("participant ghost-1 does not exist");
    assertThat(broker.balance("device:ghost-1")).isZero();
  }

  @Test
  void mint_beyondTheLargestBalance_isACodedRefusal_andChangesNothing() {
    configure("Org1MSP");
    broker.register("fog-1", "FOG_NODE");
    mint(ADMIN, "device:fog-1", Long.MAX_VALUE);

    ChaincodeException refused =
        assertRejected(
            ledger, ErrorCode.INVALID_ARGUMENT, () -> mint(ADMIN, "device:fog-1", Long.MAX_VALUE));

    assertThat(refused.getMessage()).contains("would exceed the largest balance");
    assertThat(broker.balance("device:fog-1")).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void transfer_thatWouldOverflowTheRecipient_isACodedRefusal_andChangesNothing() {
    configure("Org1MSP");
    broker.register("fog-1", "FOG_NODE");
    String bridge = account(BRIDGE);
    mint(ADMIN, bridge, 10);
    mint(ADMIN, "device:fog-1", Long.MAX_VALUE);

    assertRejected(
        ledger,
        ErrorCode.INVALID_ARGUMENT,
        () ->
            ledger.submit(
                BRIDGE,
                ctx ->
                    contract.transfer(
                        ctx, Json.toJson(Map.of("to", "device:fog-1", "amount", 1)))));
    assertThat(broker.balance(bridge)).isEqualTo(10);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"to\":\"device:fog-1\",\"amount\":1e2}",
        "{\"to\":\"device:fog-1\",\"amount\":100.0}",
        "{\"to\":\"device:fog-1\",\"amount\":\"100\"}",
        "{\"to\":\"device:fog-1\",\"amount\":9223372036854775808}",
        "{\"to\":\"device:fog-1\"}",
        "{\"to\":\"device:fog-1\",\"amount\":100,\"ammount\":5}"
      })
  void mint_ofAnAmountThatIsNoWholeLongOrOfAnUnknownMember_isInvalidNamingTheMember(
      final String body) {
    configure("Org1MSP");
    broker.register("fog-1", "FOG_NODE");

    ChaincodeException refused =
        assertRejected(
            ledger,
            ErrorCode.INVALID_ARGUMENT,
            () -> ledger.submit(ADMIN, ctx -> contract.mint(ctx, body)));

    assertThat(refused.getMessage()).containsAnyOf("amount", "ammount");
    assertThat(broker.balance("device:fog-1")).isZero();
  }
}
