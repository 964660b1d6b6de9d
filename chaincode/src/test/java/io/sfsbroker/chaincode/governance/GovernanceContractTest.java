package io.sfsbroker.chaincode.governance;

import static io.sfsbroker.chaincode.testing.ChaincodeAssertions.assertRejected;
import static io.sfsbroker.chaincode.testing.Consortium.ORG1_ADMIN;
import static io.sfsbroker.chaincode.testing.Consortium.ORG1_CLIENT;
import static io.sfsbroker.chaincode.testing.Consortium.ORG2_ADMIN;
import static io.sfsbroker.chaincode.testing.Consortium.ORG3_ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.sfsbroker.chaincode.catalog.CatalogContract;
import io.sfsbroker.chaincode.common.ErrorCode;
import io.sfsbroker.chaincode.credit.CreditContract;
import io.sfsbroker.chaincode.testing.Consortium;
import io.sfsbroker.chaincode.testing.InMemoryLedger;
import io.sfsbroker.chaincode.testing.TestIdentity;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.catalog.BrokerConfig;
import io.sfsbroker.protocol.governance.Proposal;
import io.sfsbroker.protocol.governance.ProposalState;
import java.time.Duration;
import java.util.List;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.junit.jupiter.api.Test;

class GovernanceContractTest {

  private static final String SHORT_TIMEOUT = "{\"serviceConfirmationTimeoutSeconds\":20}";
  private static final String LONG_TIMEOUT = "{\"serviceConfirmationTimeoutSeconds\":31536000}";

  private final InMemoryLedger ledger = new InMemoryLedger();
  private final Consortium consortium = new Consortium(ledger);
  private final GovernanceContract contract = consortium.governance;
  private final CatalogContract catalog = new CatalogContract();

  @Test
  void apply_withOnlyTheProposersOrganisation_isForbiddenAndChangesNothing() {
    String id = consortium.propose(ORG3_ADMIN, "broker", LONG_TIMEOUT);
    String before = ledger.evaluate(ORG1_CLIENT, catalog::getConfig);

    for (TestIdentity caller : List.of(ORG3_ADMIN, ORG1_CLIENT)) {
      ChaincodeException rejection =
          assertRejected(ledger, ErrorCode.FORBIDDEN, () -> apply(caller, id));
      assertThat(rejection.getMessage()).contains("1 of the 3", "needs 2");
    }

    assertThat(ledger.evaluate(ORG1_CLIENT, catalog::getConfig)).isEqualTo(before);
    assertThat(before).isEqualTo(Json.toJson(BrokerConfig.DEFAULT));
    assertThat(proposal(id).state()).isEqualTo(ProposalState.OPEN);
  }

  @Test
  void apply_withAMajority_putsTheProposedValueInForceAndRecordsItsHistory() {
    String id = consortium.propose(ORG2_ADMIN, "broker", SHORT_TIMEOUT);
    Proposal approved =
        Json.fromJson(ledger.submit(ORG3_ADMIN, ctx -> contract.approve(ctx, id)), Proposal.class);
    assertThat(approved.approvals()).containsExactly("Org2MSP", "Org3MSP");
    assertThat(ledger.events()).last().extracting(e -> e.name()).isEqualTo("ChangeApproved");

    ledger.advance(Duration.ofSeconds(10));
    Proposal applied = Json.fromJson(apply(ORG1_CLIENT, id), Proposal.class);

    assertThat(applied.state()).isEqualTo(ProposalState.APPLIED);
    assertThat(applied.revision()).isEqualTo(1L);
    assertThat(applied.closedAt()).isEqualTo(InMemoryLedger.START.plusSeconds(10));
    JsonObject config = Json.parseObject(ledger.evaluate(ORG1_CLIENT, catalog::getConfig));
    assertThat(config.get("serviceConfirmationTimeoutSeconds").getAsLong()).isEqualTo(20);
    assertThat(config.get("updatedBy").getAsString()).isEqualTo("Org2MSP");
    assertThat(ledger.events()).last().extracting(e -> e.name()).isEqualTo("BrokerConfigured");
    JsonArray history =
        Json.parse(ledger.evaluate(ORG1_CLIENT, ctx -> contract.getHistory(ctx, "broker")))
            .getAsJsonArray();
    assertThat(history).hasSize(1);
    assertThat(history.get(0).getAsJsonObject().get("id").getAsString()).isEqualTo(id);
    assertThat(proposal(id).state()).isEqualTo(ProposalState.APPLIED);
  }

  @Test
  void apply_twice_isRefusedAndAppliesNothingAgain() {
    String id = consortium.change("broker", SHORT_TIMEOUT);

    assertRejected(ledger, ErrorCode.INVALID_STATE, () -> apply(ORG1_CLIENT, id));
    assertThat(
            Json.parse(ledger.evaluate(ORG1_CLIENT, ctx -> contract.getHistory(ctx, "broker")))
                .getAsJsonArray())
        .hasSize(1);
  }

  @Test
  void approve_twiceByOneOrganisation_countsOnce() {
    String id = consortium.propose(ORG1_ADMIN, "broker", LONG_TIMEOUT);
    TestIdentity secondOrg1Admin = TestIdentity.of("Org1MSP", "Admin2@org1", "admin");

    assertRejected(
        ledger,
        ErrorCode.CONFLICT,
        () -> ledger.submit(ORG1_ADMIN, ctx -> contract.approve(ctx, id)));
    assertRejected(
        ledger,
        ErrorCode.CONFLICT,
        () -> ledger.submit(secondOrg1Admin, ctx -> contract.approve(ctx, id)));
    ledger.submit(ORG2_ADMIN, ctx -> contract.approve(ctx, id));
    assertRejected(
        ledger,
        ErrorCode.CONFLICT,
        () -> ledger.submit(ORG2_ADMIN, ctx -> contract.approve(ctx, id)));

    assertThat(proposal(id).approvals()).containsExactly("Org1MSP", "Org2MSP");
  }

  @Test
  void approve_byOneOrganisationsTwoAdmins_isNoMajority() {
    String id = consortium.propose(ORG1_ADMIN, "treasury", "{\"treasuryOrgs\":[\"Org1MSP\"]}");
    TestIdentity secondOrg1Admin = TestIdentity.of("Org1MSP", "Admin2@org1", "admin");
    assertRejected(
        ledger,
        ErrorCode.CONFLICT,
        () -> ledger.submit(secondOrg1Admin, ctx -> contract.approve(ctx, id)));

    assertRejected(ledger, ErrorCode.FORBIDDEN, () -> apply(secondOrg1Admin, id));
    assertRejected(
        ledger,
        ErrorCode.NOT_FOUND,
        () -> ledger.evaluate(ORG1_CLIENT, ctx -> new CreditContract().getTreasury(ctx)));
  }

  @Test
  void apply_ofAProposalWhoseSettingChangedSince_isRefusedAsStale() {
    String shorter = consortium.propose(ORG1_ADMIN, "broker", SHORT_TIMEOUT);
    String longer = consortium.propose(ORG3_ADMIN, "broker", LONG_TIMEOUT);
    ledger.submit(ORG2_ADMIN, ctx -> contract.approve(ctx, shorter));
    ledger.submit(ORG2_ADMIN, ctx -> contract.approve(ctx, longer));
    apply(ORG1_CLIENT, shorter);
    String before = ledger.evaluate(ORG1_CLIENT, catalog::getConfig);

    ChaincodeException rejection =
        assertRejected(ledger, ErrorCode.INVALID_STATE, () -> apply(ORG1_CLIENT, longer));

    assertThat(rejection.getMessage()).contains("stale");
    assertThat(ledger.evaluate(ORG1_CLIENT, catalog::getConfig)).isEqualTo(before);
    assertThat(proposal(longer).state()).isEqualTo(ProposalState.STALE);
    assertRejected(
        ledger,
        ErrorCode.INVALID_STATE,
        () -> ledger.submit(ORG1_ADMIN, ctx -> contract.approve(ctx, longer)));
  }

  @Test
  void stale_isPerSubject_soAnotherServiceClassStillApplies() {
    String a = consortium.propose(ORG1_ADMIN, "service-class", serviceClass("class-a"));
    String b = consortium.propose(ORG1_ADMIN, "service-class", serviceClass("class-b"));
    ledger.submit(ORG3_ADMIN, ctx -> contract.approve(ctx, a));
    ledger.submit(ORG3_ADMIN, ctx -> contract.approve(ctx, b));

    apply(ORG1_CLIENT, a);
    apply(ORG1_CLIENT, b);

    assertThat(proposal(b).subject()).isEqualTo("service-class:class-b");
    String stored = ledger.evaluate(ORG1_CLIENT, ctx -> catalog.getServiceClass(ctx, "class-b"));
    assertThat(stored).contains("\"updatedBy\":\"Org1MSP\"");
  }

  @Test
  void apply_afterTheProposalExpired_isRefusedEvenWithAMajority() {
    String id = consortium.propose(ORG1_ADMIN, "envelope", "{\"maxClockSkewSeconds\":600}");
    ledger.submit(ORG2_ADMIN, ctx -> contract.approve(ctx, id));
    ledger.advance(Duration.ofSeconds(Proposal.LIFETIME_SECONDS));

    ChaincodeException rejection =
        assertRejected(ledger, ErrorCode.INVALID_STATE, () -> apply(ORG1_CLIENT, id));

    assertThat(rejection.getMessage()).contains("expired");
    assertThat(proposal(id).state()).isEqualTo(ProposalState.EXPIRED);
    assertRejected(
        ledger,
        ErrorCode.INVALID_STATE,
        () -> ledger.submit(ORG3_ADMIN, ctx -> contract.approve(ctx, id)));
  }

  @Test
  void apply_justBeforeExpiry_takesEffect() {
    String id = consortium.propose(ORG1_ADMIN, "envelope", "{\"maxClockSkewSeconds\":600}");
    ledger.advance(Duration.ofSeconds(Proposal.LIFETIME_SECONDS - 2));
    ledger.submit(ORG2_ADMIN, ctx -> contract.approve(ctx, id));
    ledger.advance(Duration.ofSeconds(1));

    assertThat(Json.fromJson(apply(ORG1_CLIENT, id), Proposal.class).state())
        .isEqualTo(ProposalState.APPLIED);
  }

  @Test
  void propose_byAClientOrANonGoverningOrganisation_isForbidden() {
    assertRejected(
        ledger,
        ErrorCode.FORBIDDEN,
        () -> consortium.propose(ORG1_CLIENT, "broker", SHORT_TIMEOUT));
    assertRejected(
        ledger,
        ErrorCode.FORBIDDEN,
        () -> consortium.propose(TestIdentity.admin("Org4MSP"), "broker", SHORT_TIMEOUT));
  }

  @Test
  void approve_byANonGoverningOrganisationsAdmin_isForbidden() {
    String id = consortium.propose(ORG1_ADMIN, "broker", SHORT_TIMEOUT);

    assertRejected(
        ledger,
        ErrorCode.FORBIDDEN,
        () -> ledger.submit(TestIdentity.admin("Org4MSP"), ctx -> contract.approve(ctx, id)));
    assertRejected(
        ledger,
        ErrorCode.FORBIDDEN,
        () -> ledger.submit(TestIdentity.client("Org2MSP"), ctx -> contract.approve(ctx, id)));
  }

  @Test
  void propose_anUnknownSettingOrABadValue_isRejectedAndWritesNothing() {
    assertRejected(
        ledger,
        ErrorCode.INVALID_ARGUMENT,
        () -> consortium.propose(ORG1_ADMIN, "strategy", SHORT_TIMEOUT));
    assertRejected(
        ledger,
        ErrorCode.INVALID_ARGUMENT,
        () -> consortium.propose(ORG1_ADMIN, "broker", "{\"serviceConfirmationTimeout\":20}"));
    assertRejected(
        ledger,
        ErrorCode.INVALID_ARGUMENT,
        () ->
            consortium.propose(
                ORG1_ADMIN, "treasury", "{\"treasuryOrgs\":[\"Org1MSP\"],\"updatedBy\":\"x\"}"));
    assertRejected(
        ledger, ErrorCode.MALFORMED, () -> consortium.propose(ORG1_ADMIN, "broker", "[]"));
  }

  @Test
  void withdraw_byTheProposersOrganisation_closesIt_andOthersMayNot() {
    String id = consortium.propose(ORG1_ADMIN, "broker", SHORT_TIMEOUT);
    ledger.submit(ORG2_ADMIN, ctx -> contract.approve(ctx, id));

    assertRejected(
        ledger,
        ErrorCode.FORBIDDEN,
        () -> ledger.submit(ORG2_ADMIN, ctx -> contract.withdraw(ctx, id)));
    ledger.submit(ORG1_ADMIN, ctx -> contract.withdraw(ctx, id));

    assertThat(proposal(id).state()).isEqualTo(ProposalState.WITHDRAWN);
    assertRejected(ledger, ErrorCode.INVALID_STATE, () -> apply(ORG1_CLIENT, id));
  }

  @Test
  void listProposals_showsEachAsItStands() {
    String applied = consortium.change("broker", SHORT_TIMEOUT);
    String open = consortium.propose(ORG3_ADMIN, "envelope", "{\"maxClockSkewSeconds\":60}");

    JsonObject page =
        Json.parseObject(ledger.evaluate(ORG1_CLIENT, ctx -> contract.listProposals(ctx, "{}")));

    assertThat(page.getAsJsonArray("items"))
        .extracting(e -> e.getAsJsonObject().get("id").getAsString() + "=" + state(e))
        .containsExactlyInAnyOrder(applied + "=APPLIED", open + "=OPEN");
  }

  @Test
  void governance_onAServerWithoutGoverningOrgs_refusesAsInternal() {
    GovernanceContract unconfigured = new GovernanceContract(GoverningOrgs.parse(" "));

    assertRejected(
        ledger,
        ErrorCode.INTERNAL,
        () -> ledger.submit(ORG1_ADMIN, ctx -> unconfigured.propose(ctx, "broker", SHORT_TIMEOUT)));
  }

  @Test
  void governingOrgs_majorityIsMoreThanHalf() {
    assertThat(GoverningOrgs.parse("A").majority()).isEqualTo(1);
    assertThat(GoverningOrgs.parse("A,B").majority()).isEqualTo(2);
    assertThat(GoverningOrgs.parse("BrokerMSP, ProvidersMSP,TenantsMSP").majority()).isEqualTo(2);
    assertThat(GoverningOrgs.parse("A,B,C,D").majority()).isEqualTo(3);
    assertThat(
            Json.parseObject(ledger.evaluate(ORG1_CLIENT, contract::getGoverningOrgs))
                .get("majority")
                .getAsInt())
        .isEqualTo(2);
  }

  private String apply(final TestIdentity caller, final String id) {
    return ledger.submit(caller, ctx -> contract.apply(ctx, id));
  }

  private Proposal proposal(final String id) {
    return Json.fromJson(
        ledger.evaluate(ORG1_CLIENT, ctx -> contract.getProposal(ctx, id)), Proposal.class);
  }

  private static String state(final com.google.gson.JsonElement proposal) {
    return proposal.getAsJsonObject().get("state").getAsString();
  }

  private static String serviceClass(final String name) {
    return "{\"name\":\""
        + name
        + "\",\"resources\":[{\"category\":\"gpu\",\"amount\":1,\"budgetWeight\":1}]}";
  }
}
