package io.sfsbroker.gateway.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LedgerExceptionTest {

  @Test
  void chaincodeCode_fromAPeerEndorsementMessage_isTheLeadingCode() {
    assertThat(
            LedgerException.chaincodeCode(
                "chaincode response 500, NOT_FOUND: slice s-17 does not exist"))
        .contains("NOT_FOUND");
  }

  @Test
  void chaincodeCode_fromABareChaincodeMessage_isTheLeadingCode() {
    assertThat(LedgerException.chaincodeCode("BAD_SIGNATURE: the signature does not verify"))
        .contains("BAD_SIGNATURE");
  }

  @Test
  void chaincodeCode_fromATransportMessage_isEmpty() {
    assertThat(LedgerException.chaincodeCode("failed to connect to 127.0.0.1:7050")).isEmpty();
    assertThat(LedgerException.chaincodeCode(null)).isEmpty();
  }
}
