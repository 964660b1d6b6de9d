package io.sfsbroker.chaincode.nft;

import static io.sfsbroker.chaincode.testing.BrokerFixture.BRIDGE;
import static io.sfsbroker.chaincode.testing.ChaincodeAssertions.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.sfsbroker.chaincode.common.ErrorCode;
import io.sfsbroker.chaincode.common.Ledger;
import io.sfsbroker.chaincode.testing.BrokerFixture;
import io.sfsbroker.chaincode.testing.InMemoryLedger;
import io.sfsbroker.chaincode.testing.TestDevice;
import io.sfsbroker.chaincode.testing.TestIdentity;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.envelope.MessageType;
import io.sfsbroker.protocol.nft.Token;
import io.sfsbroker.protocol.nft.TokenKind;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ERC-721 behaviours OpenZeppelin's tests describe, on the shared in-memory ledger. */
class NftContractTest {

  private static final TestIdentity ALICE = TestIdentity.of("Org1MSP", "alice", "client");
  private static final TestIdentity BOB = TestIdentity.of("Org2MSP", "bob", "client");
  private static final TestIdentity CAROL = TestIdentity.of("Org1MSP", "carol", "client");

  private final BrokerFixture broker = new BrokerFixture();
  private final InMemoryLedger ledger = broker.ledger;
  private final NftContract contract = broker.nfts;
  private final String alice = account(ALICE);
  private final String bob = account(BOB);
  private final String carol = account(CAROL);

  private String account(final TestIdentity identity) {
    return Json.parseObject(ledger.evaluate(identity, ctx -> broker.credits.whoAmI(ctx)))
        .get("account")
        .getAsString();
  }

  private void mint(final String id, final String owner) {
    ledger.submit(
        BRIDGE,
        ctx -> {
          Nfts.mint(
              Ledger.of(ctx),
              Token.of(
                  id,
                  TokenKind.BUNDLE,
                  owner,
                  Map.of("sliceId", "s-1", "category", "cpu"),
                  ledger.now(),
                  "tx"));
          return null;
        });
  }

  private String owner(final String id) {
    return Json.parseObject(ledger.evaluate(BRIDGE, ctx -> contract.ownerOf(ctx, id)))
        .get("owner")
        .getAsString();
  }

  private JsonObject token(final String id) {
    return Json.parseObject(ledger.evaluate(BRIDGE, ctx -> contract.getToken(ctx, id)));
  }

  private long balance(final String owner) {
    return Json.parseObject(ledger.evaluate(BRIDGE, ctx -> contract.balanceOf(ctx, owner)))
        .get("balance")
        .getAsLong();
  }

  @Test
  void whoAmI_namesTheClientIdentityWithItsMsp() {
    assertThat(alice).startsWith("client:Org1MSP:x509::").contains("CN=alice");
    assertThat(bob).startsWith("client:Org2MSP:");
  }

  @Test
  void mint_givesTheOwnerTheToken_andCountsIt() {
    mint("t-1", alice);
    mint("t-2", alice);

    assertThat(owner("t-1")).isEqualTo(alice);
    assertThat(balance(alice)).isEqualTo(2);
    assertThat(balance(bob)).isZero();
    assertThat(token("t-1").getAsJsonObject("metadata").get("category").getAsString())
        .isEqualTo("cpu");
    assertThat(
            Json.parseObject(ledger.evaluate(BRIDGE, ctx -> contract.totalSupply(ctx)))
                .get("totalSupply")
                .getAsLong())
        .isEqualTo(2);
  }

  @Test
  void mint_ofAnExistingToken_isRejectedAsConflict() {
    mint("t-1", alice);

    assertRejected(ledger, ErrorCode.CONFLICT, () -> mint("t-1", bob));
  }

  @Test
  void transferFrom_byOwner_movesTheTokenAndEmitsTransfer() {
    mint("t-1", alice);

    ledger.submit(ALICE, ctx -> contract.transferFrom(ctx, alice, bob, "t-1"));

    assertThat(owner("t-1")).isEqualTo(bob);
    assertThat(balance(alice)).isZero();
    assertThat(balance(bob)).isEqualTo(1);
    assertThat(broker.lastEvent().name()).isEqualTo("Transfer");
    JsonObject event = Json.parseObject(broker.lastEvent().payload());
    assertThat(event.get("from").getAsString()).isEqualTo(alice);
    assertThat(event.get("to").getAsString()).isEqualTo(bob);
  }

  @Test
  void transferFrom_byApprovedAccount_movesTheTokenAndClearsTheApproval() {
    mint("t-1", alice);
    ledger.submit(ALICE, ctx -> contract.approve(ctx, carol, "t-1"));
    assertThat(broker.lastEvent().name()).isEqualTo("Approval");
    assertThat(token("t-1").get("approved").getAsString()).isEqualTo(carol);

    ledger.submit(CAROL, ctx -> contract.transferFrom(ctx, alice, bob, "t-1"));

    assertThat(owner("t-1")).isEqualTo(bob);
    assertThat(token("t-1").has("approved")).isFalse();
    assertThat(
            Json.parseObject(ledger.evaluate(BRIDGE, ctx -> contract.getApproved(ctx, "t-1")))
                .has("approved"))
        .isFalse();
  }

  @Test
  void transferFrom_byOperator_movesTheTokenAndClearsTheApproval() {
    mint("t-1", alice);
    ledger.submit(ALICE, ctx -> contract.approve(ctx, bob, "t-1"));
    ledger.submit(ALICE, ctx -> contract.setApprovalForAll(ctx, carol, "true"));
    assertThat(broker.lastEvent().name()).isEqualTo("ApprovalForAll");

    ledger.submit(CAROL, ctx -> contract.transferFrom(ctx, alice, carol, "t-1"));

    assertThat(owner("t-1")).isEqualTo(carol);
    assertThat(token("t-1").has("approved")).isFalse();
  }

  @Test
  void transferFrom_byAnyoneElse_isForbidden() {
    mint("t-1", alice);

    assertRejected(
        ledger,
        ErrorCode.FORBIDDEN,
        () -> ledger.submit(BOB, ctx -> contract.transferFrom(ctx, alice, bob, "t-1")));
  }

  @Test
  void transferFrom_afterTheApprovalWasUsed_isForbiddenToTheFormerlyApproved() {
    mint("t-1", alice);
    ledger.submit(ALICE, ctx -> contract.approve(ctx, carol, "t-1"));
    ledger.submit(ALICE, ctx -> contract.transferFrom(ctx, alice, bob, "t-1"));

    assertRejected(
        ledger,
        ErrorCode.FORBIDDEN,
        () -> ledger.submit(CAROL, ctx -> contract.transferFrom(ctx, bob, carol, "t-1")));
  }

  @Test
  void transferFrom_withWrongFrom_isRejected() {
    mint("t-1", alice);

    assertRejected(
        ledger,
        ErrorCode.INVALID_ARGUMENT,
        () -> ledger.submit(ALICE, ctx -> contract.transferFrom(ctx, bob, carol, "t-1")));
  }

  @Test
  void transferFrom_ofMissingToken_isNotFound() {
    assertRejected(
        ledger,
        ErrorCode.NOT_FOUND,
        () -> ledger.submit(ALICE, ctx -> contract.transferFrom(ctx, alice, bob, "t-9")));
  }

  @Test
  void transferFrom_toAMalformedAccount_isRejected() {
    mint("t-1", alice);

    assertRejected(
        ledger,
        ErrorCode.INVALID_ARGUMENT,
        () -> ledger.submit(ALICE, ctx -> contract.transferFrom(ctx, alice, "nobody", "t-1")));
  }

  @Test
  void approve_byOperator_isAllowed() {
    mint("t-1", alice);
    ledger.submit(ALICE, ctx -> contract.setApprovalForAll(ctx, carol, "true"));

    ledger.submit(CAROL, ctx -> contract.approve(ctx, bob, "t-1"));

    assertThat(token("t-1").get("approved").getAsString()).isEqualTo(bob);
    ledger.submit(BOB, ctx -> contract.transferFrom(ctx, alice, bob, "t-1"));
    assertThat(owner("t-1")).isEqualTo(bob);
  }

  @Test
  void approve_byApprovedAccountOrStranger_isForbidden() {
    mint("t-1", alice);
    ledger.submit(ALICE, ctx -> contract.approve(ctx, carol, "t-1"));

    assertRejected(
        ledger,
        ErrorCode.FORBIDDEN,
        () -> ledger.submit(CAROL, ctx -> contract.approve(ctx, bob, "t-1")));
    assertRejected(
        ledger,
        ErrorCode.FORBIDDEN,
        () -> ledger.submit(BOB, ctx -> contract.approve(ctx, bob, "t-1")));
  }

  @Test
  void approve_toTheOwner_isRejected_andEmptyClears() {
    mint("t-1", alice);
    assertRejected(
        ledger,
        ErrorCode.INVALID_ARGUMENT,
        () -> ledger.submit(ALICE, ctx -> contract.approve(ctx, alice, "t-1")));
    ledger.submit(ALICE, ctx -> contract.approve(ctx, bob, "t-1"));

    ledger.submit(ALICE, ctx -> contract.approve(ctx, "", "t-1"));

    assertThat(token("t-1").has("approved")).isFalse();
  }

  @Test
  void setApprovalForAll_revoked_forbidsTheOperatorAgain() {
    mint("t-1", alice);
    ledger.submit(ALICE, ctx -> contract.setApprovalForAll(ctx, carol, "true"));
    assertThat(
            Json.parseObject(
                    ledger.evaluate(BRIDGE, ctx -> contract.isApprovedForAll(ctx, alice, carol)))
                .get("approved")
                .getAsBoolean())
        .isTrue();

    ledger.submit(ALICE, ctx -> contract.setApprovalForAll(ctx, carol, "false"));

    assertThat(
            Json.parseObject(
                    ledger.evaluate(BRIDGE, ctx -> contract.isApprovedForAll(ctx, alice, carol)))
                .get("approved")
                .getAsBoolean())
        .isFalse();
    assertRejected(
        ledger,
        ErrorCode.FORBIDDEN,
        () -> ledger.submit(CAROL, ctx -> contract.transferFrom(ctx, alice, carol, "t-1")));
  }

  @Test
  void setApprovalForAll_toOneself_orWithBadFlag_isRejected() {
    assertRejected(
        ledger,
        ErrorCode.INVALID_ARGUMENT,
        () -> ledger.submit(ALICE, ctx -> contract.setApprovalForAll(ctx, alice, "true")));
    assertRejected(
        ledger,
        ErrorCode.INVALID_ARGUMENT,
        () -> ledger.submit(ALICE, ctx -> contract.setApprovalForAll(ctx, bob, "yes")));
  }

  @Test
  void burn_byOwner_removesTheToken_andASecondBurnIsNotFound() {
    mint("t-1", alice);

    ledger.submit(ALICE, ctx -> contract.burn(ctx, "t-1"));

    assertThat(broker.lastEvent().name()).isEqualTo("Transfer");
    assertThat(Json.parseObject(broker.lastEvent().payload()).has("to")).isFalse();
    assertThat(balance(alice)).isZero();
    assertRejected(
        ledger,
        ErrorCode.NOT_FOUND,
        () -> ledger.evaluate(BRIDGE, ctx -> contract.ownerOf(ctx, "t-1")));
    assertRejected(
        ledger, ErrorCode.NOT_FOUND, () -> ledger.submit(ALICE, ctx -> contract.burn(ctx, "t-1")));
  }

  @Test
  void burn_byStranger_isForbidden_andOfMissingTokenIsNotFound() {
    mint("t-1", alice);

    assertRejected(
        ledger, ErrorCode.FORBIDDEN, () -> ledger.submit(BOB, ctx -> contract.burn(ctx, "t-1")));
    assertRejected(
        ledger, ErrorCode.NOT_FOUND, () -> ledger.submit(BOB, ctx -> contract.burn(ctx, "t-2")));
  }

  @Test
  void queries_withMalformedIds_areRejected() {
    assertRejected(
        ledger,
        ErrorCode.INVALID_ARGUMENT,
        () -> ledger.evaluate(BRIDGE, ctx -> contract.ownerOf(ctx, "bad id")));
    assertRejected(
        ledger,
        ErrorCode.INVALID_ARGUMENT,
        () -> ledger.evaluate(BRIDGE, ctx -> contract.balanceOf(ctx, "someone")));
    assertRejected(
        ledger,
        ErrorCode.MALFORMED,
        () -> ledger.evaluate(BRIDGE, ctx -> contract.listByOwner(ctx, "[]")));
  }

  @Test
  void listByOwner_pagesThroughTheOwnersTokensInIdOrder() {
    for (int i = 0; i < 5; i++) {
      mint("t-" + i, alice);
    }
    mint("u-1", bob);

    JsonObject first =
        Json.parseObject(
            ledger.evaluate(
                BRIDGE,
                ctx ->
                    contract.listByOwner(ctx, Json.toJson(Map.of("owner", alice, "pageSize", 3)))));
    String bookmark = first.get("bookmark").getAsString();
    Map<String, Object> next = new LinkedHashMap<>();
    next.put("owner", alice);
    next.put("pageSize", 3);
    next.put("bookmark", bookmark);
    JsonObject second =
        Json.parseObject(
            ledger.evaluate(BRIDGE, ctx -> contract.listByOwner(ctx, Json.toJson(next))));

    assertThat(first.getAsJsonArray("items")).hasSize(3);
    assertThat(second.getAsJsonArray("items")).hasSize(2);
    assertThat(second.getAsJsonArray("items").get(1).getAsJsonObject().get("id").getAsString())
        .isEqualTo("t-4");
  }

  @Test
  void applySigned_letsTheOwningDeviceTransfer_andOthersAreForbidden() {
    TestDevice fog = broker.fogNode("fog-1");
    TestDevice other = broker.fogNode("fog-2");
    mint("t-1", "device:fog-1");
    String foreign =
        other.sign(
            MessageType.NFT_TRANSFER,
            Map.of("action", "TRANSFER", "tokenId", "t-1", "from", "device:fog-1", "to", bob));
    assertRejected(
        ledger,
        ErrorCode.FORBIDDEN,
        () -> ledger.submit(BRIDGE, ctx -> contract.applySigned(ctx, foreign)));

    String own =
        fog.sign(
            MessageType.NFT_TRANSFER,
            Map.of("action", "TRANSFER", "tokenId", "t-1", "from", "device:fog-1", "to", bob));
    ledger.submit(BRIDGE, ctx -> contract.applySigned(ctx, own));

    assertThat(owner("t-1")).isEqualTo(bob);
    assertRejected(
        ledger,
        ErrorCode.REPLAY,
        () -> ledger.submit(BRIDGE, ctx -> contract.applySigned(ctx, own)));
  }

  @Test
  void applySigned_approveOperatorAndBurn_followTheSameRules() {
    TestDevice fog = broker.fogNode("fog-1");
    mint("t-1", "device:fog-1");
    mint("t-2", "device:fog-1");
    String approve =
        fog.sign(
            MessageType.NFT_TRANSFER, Map.of("action", "APPROVE", "tokenId", "t-1", "to", bob));
    ledger.submit(BRIDGE, ctx -> contract.applySigned(ctx, approve));
    assertThat(token("t-1").get("approved").getAsString()).isEqualTo(bob);
    ledger.advance(Duration.ofSeconds(1));
    String operator =
        fog.sign(
            MessageType.NFT_TRANSFER,
            Map.of("action", "SET_APPROVAL_FOR_ALL", "operator", carol, "approved", true));
    ledger.submit(BRIDGE, ctx -> contract.applySigned(ctx, operator));
    ledger.submit(CAROL, ctx -> contract.burn(ctx, "t-2"));
    String burn = fog.sign(MessageType.NFT_TRANSFER, Map.of("action", "BURN", "tokenId", "t-1"));

    ledger.submit(BRIDGE, ctx -> contract.applySigned(ctx, burn));

    assertThat(balance("device:fog-1")).isZero();
  }

  @Test
  void applySigned_withIncompleteBody_isRejected() {
    TestDevice fog = broker.fogNode("fog-1");
    String envelope = fog.sign(MessageType.NFT_TRANSFER, Map.of("action", "TRANSFER"));

    assertRejected(
        ledger,
        ErrorCode.INVALID_ARGUMENT,
        () -> ledger.submit(BRIDGE, ctx -> contract.applySigned(ctx, envelope)));
  }
}
