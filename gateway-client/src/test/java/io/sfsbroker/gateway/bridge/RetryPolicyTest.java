package io.sfsbroker.gateway.bridge;

import static io.sfsbroker.gateway.bridge.RetryPolicy.Action.CHECK_STATUS_AGAIN;
import static io.sfsbroker.gateway.bridge.RetryPolicy.Action.ENDORSE_AGAIN;
import static io.sfsbroker.gateway.bridge.RetryPolicy.Action.GIVE_UP;
import static io.sfsbroker.gateway.bridge.RetryPolicy.Action.REJECT;
import static io.sfsbroker.gateway.bridge.RetryPolicy.Action.RESUBMIT;
import static io.sfsbroker.gateway.bridge.RetryPolicy.Action.RETRY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sfsbroker.gateway.ledger.Stage;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  private final RetryPolicy policy =
      new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(1));

  @Test
  void chaincodeRejection_atEndorsement_isFinal() {
    assertThat(policy.afterFailure(Stage.ENDORSE, "BAD_SIGNATURE", 1)).isEqualTo(REJECT);
    assertThat(policy.afterFailure(Stage.ENDORSE, "REPLAY", 1)).isEqualTo(REJECT);
  }

  @Test
  void notFound_atEndorsement_isTriedThreeTimes_forALaggingEndorser_thenFinal() {
    assertThat(policy.afterFailure(Stage.ENDORSE, "NOT_FOUND", 1)).isEqualTo(RETRY);
    assertThat(policy.afterFailure(Stage.ENDORSE, "NOT_FOUND", 2)).isEqualTo(RETRY);
    assertThat(policy.afterFailure(Stage.ENDORSE, "NOT_FOUND", 3)).isEqualTo(REJECT);
    assertThat(policy.afterFailure(Stage.EVALUATE, "NOT_FOUND", 1)).isEqualTo(REJECT);
    RetryPolicy once = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);
    assertThat(once.afterFailure(Stage.ENDORSE, "NOT_FOUND", 1)).isEqualTo(REJECT);
  }

  @Test
  void unavailablePeer_atEndorsement_isRetriedThenGivenUp() {
    assertThat(policy.afterFailure(Stage.ENDORSE, "UNAVAILABLE", 1)).isEqualTo(RETRY);
    assertThat(policy.afterFailure(Stage.ENDORSE, "DEADLINE_EXCEEDED", 3)).isEqualTo(RETRY);
    assertThat(policy.afterFailure(Stage.ENDORSE, "UNAVAILABLE", 4)).isEqualTo(GIVE_UP);
  }

  @Test
  void lostCommitStatus_isCheckedAgain_andTheSameTransactionResubmitted() {
    assertThat(policy.afterFailure(Stage.COMMIT_STATUS, "DEADLINE_EXCEEDED", 1))
        .isEqualTo(CHECK_STATUS_AGAIN);
    assertThat(policy.afterFailure(Stage.COMMIT_STATUS, "UNAVAILABLE", 2)).isEqualTo(RESUBMIT);
    assertThat(policy.afterFailure(Stage.COMMIT_STATUS, "UNAVAILABLE", 3))
        .isEqualTo(CHECK_STATUS_AGAIN);
    assertThat(policy.afterFailure(Stage.COMMIT_STATUS, "UNAVAILABLE", 4)).isEqualTo(GIVE_UP);
  }

  @Test
  void readConflict_atCommit_isEndorsedAgain_otherInvalidCodesAreFinal() {
    assertThat(policy.afterFailure(Stage.COMMIT, "MVCC_READ_CONFLICT", 1)).isEqualTo(ENDORSE_AGAIN);
    assertThat(policy.afterFailure(Stage.COMMIT, "PHANTOM_READ_CONFLICT", 2))
        .isEqualTo(ENDORSE_AGAIN);
    assertThat(policy.afterFailure(Stage.COMMIT, "MVCC_READ_CONFLICT", 4)).isEqualTo(GIVE_UP);
    assertThat(policy.afterFailure(Stage.COMMIT, "ENDORSEMENT_POLICY_FAILURE", 1))
        .isEqualTo(REJECT);
  }

  @Test
  void unreachableOrderer_atSubmit_isResubmitted() {
    assertThat(policy.afterFailure(Stage.SUBMIT, "UNAVAILABLE", 1)).isEqualTo(RESUBMIT);
    assertThat(policy.afterFailure(Stage.SUBMIT, "UNAVAILABLE", 4)).isEqualTo(GIVE_UP);
    assertThat(policy.afterFailure(Stage.SUBMIT, "PERMISSION_DENIED", 1)).isEqualTo(REJECT);
  }

  @Test
  void backoff_doublesUpToTheMaximum() {
    assertThat(policy.backoff(1)).isEqualTo(Duration.ofMillis(100));
    assertThat(policy.backoff(2)).isEqualTo(Duration.ofMillis(200));
    assertThat(policy.backoff(4)).isEqualTo(Duration.ofMillis(800));
    assertThat(policy.backoff(5)).isEqualTo(Duration.ofSeconds(1));
    assertThat(policy.backoff(60)).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void invalidSettings_areRefused() {
    assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RetryPolicy(1, Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> policy.backoff(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
