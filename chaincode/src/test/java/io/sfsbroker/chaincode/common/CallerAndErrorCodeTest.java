package io.sfsbroker.chaincode.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sfsbroker.chaincode.testing.InMemoryLedger;
import io.sfsbroker.chaincode.testing.TestIdentity;
import java.nio.charset.StandardCharsets;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.junit.jupiter.api.Test;

class CallerAndErrorCodeTest {

  private final InMemoryLedger ledger = new InMemoryLedger();

  @Test
  void caller_admin_isRecognisedByItsOu() {
    Caller caller = ledger.evaluate(TestIdentity.admin("Org2MSP"), Caller::of);

    assertThat(caller.mspId()).isEqualTo("Org2MSP");
    assertThat(caller.isAdmin()).isTrue();
    assertThat(caller.organizationalUnits()).containsExactly("admin");
  }

  @Test
  void caller_clientOrPeer_isNotAdmin() {
    assertThat(ledger.evaluate(TestIdentity.client("Org1MSP"), Caller::of).isAdmin()).isFalse();
    assertThat(ledger.evaluate(TestIdentity.peer("Org1MSP"), Caller::of).isAdmin()).isFalse();
    assertThat(
            ledger
                .evaluate(TestIdentity.of("Org1MSP", "Administrator", "administrators"), Caller::of)
                .isAdmin())
        .isFalse();
  }

  @Test
  void requireAdminOf_otherOrg_isForbidden() {
    Caller caller = ledger.evaluate(TestIdentity.admin("Org1MSP"), Caller::of);

    assertThatThrownBy(() -> caller.requireAdminOf("Org2MSP", "register participants"))
        .isInstanceOf(ChaincodeException.class)
        .hasMessageStartingWith("FORBIDDEN: an admin of Org1MSP may not register participants");
  }

  @Test
  void reject_buildsCodeColonMessageWithTheCodeAsPayload() {
    ChaincodeException e = ErrorCode.NOT_FOUND.reject("participant fog-7 does not exist");

    assertThat(e.getMessage()).isEqualTo("NOT_FOUND: participant fog-7 does not exist");
    assertThat(new String(e.getPayload(), StandardCharsets.UTF_8)).isEqualTo("NOT_FOUND");
  }

  @Test
  void of_readsTheCodeBackFromAMessage() {
    assertThat(ErrorCode.of("REPLAY: nonce used")).contains(ErrorCode.REPLAY);
    assertThat(ErrorCode.of("NOPE: x")).isEmpty();
    assertThat(ErrorCode.of("no code here")).isEmpty();
    assertThat(ErrorCode.of(null)).isEmpty();
  }
}
