package io.sfsbroker.chaincode.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.sfsbroker.chaincode.common.ErrorCode;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.hyperledger.fabric.shim.ChaincodeException;

/** Assertions shared by contract tests. */
public final class ChaincodeAssertions {

  private ChaincodeAssertions() {}

  /**
   * Runs {@code call} on {@code ledger} and asserts that it was rejected with {@code code} and
   * wrote nothing: no state changed and the transaction did not even try to write.
   *
   * @return the rejection, for further assertions on its message
   */
  public static ChaincodeException assertRejected(
      final InMemoryLedger ledger, final ErrorCode code, final ThrowingCallable call) {
    var stateBefore = ledger.state();
    int eventsBefore = ledger.events().size();

    Throwable thrown = catchThrowable(call);

    assertThat(thrown)
        .as("the call should have been rejected")
        .isInstanceOf(ChaincodeException.class);
    ChaincodeException rejection = (ChaincodeException) thrown;
    assertThat(rejection.getMessage()).startsWith(code.name() + ": ");
    assertThat(ErrorCode.of(rejection.getMessage())).contains(code);
    assertThat(ledger.lastWrites()).as("writes of the rejected call").isEmpty();
    assertThat(ledger.state()).isEqualTo(stateBefore);
    assertThat(ledger.events()).hasSize(eventsBefore);
    return rejection;
  }
}
