package io.sfsbroker.chaincode.testing;

import io.sfsbroker.chaincode.governance.GovernanceContract;
import io.sfsbroker.chaincode.governance.GoverningOrgs;
import io.sfsbroker.protocol.Json;
import java.util.List;

/**
 * The three governing organisations of the contract tests and the one way tests change a
 * market-wide setting: Org1MSP's admin proposes, Org2MSP's admin approves, the bridge applies.
 */
public final class Consortium {

  /** The governing organisations: Org1MSP, Org2MSP, Org3MSP. */
  public static final GoverningOrgs ORGS =
      new GoverningOrgs(List.of("Org1MSP", "Org2MSP", "Org3MSP"));

  /** An admin of Org1MSP. */
  public static final TestIdentity ORG1_ADMIN = TestIdentity.admin("Org1MSP");

  /** An admin of Org2MSP. */
  public static final TestIdentity ORG2_ADMIN = TestIdentity.admin("Org2MSP");

  /** An admin of Org3MSP. */
  public static final TestIdentity ORG3_ADMIN = TestIdentity.admin("Org3MSP");

  /** A client of Org1MSP. */
  public static final TestIdentity ORG1_CLIENT = TestIdentity.client("Org1MSP");

  /** The governance contract governed by {@link #ORGS}. */
  public final GovernanceContract governance = new GovernanceContract(ORGS);

  private final InMemoryLedger ledger;

  /** The consortium acting on {@code ledger}. */
  public Consortium(final InMemoryLedger ledger) {
    this.ledger = ledger;
  }

  /**
   * Changes {@code setting} to {@code valueJson} with a majority: proposes as Org1MSP's admin,
   * approves as Org2MSP's, applies as a client.
   *
   * @return the proposal's id
   */
  public String change(final String setting, final String valueJson) {
    String id = propose(ORG1_ADMIN, setting, valueJson);
    ledger.submit(ORG2_ADMIN, ctx -> governance.approve(ctx, id));
    ledger.submit(ORG1_CLIENT, ctx -> governance.apply(ctx, id));
    return id;
  }

  /** Proposes as {@code admin}; returns the proposal's id. */
  public String propose(final TestIdentity admin, final String setting, final String valueJson) {
    return Json.parseObject(
            ledger.submit(admin, ctx -> governance.propose(ctx, setting, valueJson)))
        .get("id")
        .getAsString();
  }
}
