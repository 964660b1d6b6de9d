package io.sfsbroker.gateway.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.sfsbroker.protocol.mqtt.Receipt;
import org.junit.jupiter.api.Test;

class VerdictsTest {

  private static final String TOPIC = "sfsb/v1/in/fog-1/request";
  private static final String NONCE = "nonce-0000000000000001";

  @Test
  void networkFailuresAndReadConflicts_areNoVerdict() {
    assertThat(Verdicts.isTransient("UNAVAILABLE")).isTrue();
    assertThat(Verdicts.isTransient("DEADLINE_EXCEEDED")).isTrue();
    assertThat(Verdicts.isTransient("MVCC_READ_CONFLICT")).isTrue();
    assertThat(Verdicts.isTransient("PHANTOM_READ_CONFLICT")).isTrue();
  }

  @Test
  void chaincodeAndValidationRejections_areVerdicts() {
    assertThat(Verdicts.isTransient("BAD_SIGNATURE")).isFalse();
    assertThat(Verdicts.isTransient("REPLAY")).isFalse();
    assertThat(Verdicts.isTransient("ENDORSEMENT_POLICY_FAILURE")).isFalse();
    assertThat(Verdicts.isFinal(rejected("LATE_OFFER"))).isTrue();
    assertThat(Verdicts.isFinal(committed())).isTrue();
    assertThat(Verdicts.isFinal(rejected("UNAVAILABLE"))).isFalse();
  }

  @Test
  void redeliveryOfAnAnsweredMessage_getsTheSameReceipt() {
    Receipt original = committed();
    assertThat(Verdicts.answerKnown(original, TOPIC, "fog-1", NONCE, "slice-request", true))
        .isSameAs(original);
  }

  @Test
  void committedMessageSentAgain_isReplay_namingTheFirstCommit() {
    Receipt answer =
        Verdicts.answerKnown(committed(), TOPIC, "fog-1", NONCE, "slice-request", false);

    assertThat(answer.isCommitted()).isFalse();
    assertThat(answer.code()).isEqualTo("REPLAY");
    Receipt first = answer.earlierCommit().orElseThrow();
    assertThat(first.isCommitted()).isTrue();
    assertThat(first.transactionId()).isEqualTo("tx-1");
    assertThat(first.blockNumber()).isEqualTo(42L);
    assertThat(first.result().getAsJsonObject().get("id").getAsString()).isEqualTo("s-1");
  }

  @Test
  void rejectedMessageSentAgain_isReplay_withNoCommit() {
    Receipt answer =
        Verdicts.answerKnown(rejected("LATE_OFFER"), TOPIC, "fog-1", NONCE, "offer", false);

    assertThat(answer.code()).isEqualTo("REPLAY");
    assertThat(answer.reason()).contains("REJECTED");
    assertThat(answer.earlierCommit()).isEmpty();
  }

  @Test
  void endorsedMessage_isResubmitted() {
    DedupeStore.Entry endorsed =
        new DedupeStore.Entry(
            "fog-1", NONCE, TOPIC, DedupeStore.State.ENDORSED, "AQI=", null, null);
    assertThat(Verdicts.answerKnown(endorsed, "d1", false)).isEmpty();
  }

  @Test
  void rejectedMessage_signedAgainWithTheSameNonce_isNew_butTheSameEnvelope_isReplay() {
    DedupeStore.Entry rejected =
        new DedupeStore.Entry(
            "fog-1", NONCE, TOPIC, DedupeStore.State.DONE, null, rejected("EXPIRED"), "d1");

    assertThat(Verdicts.answerKnown(rejected, "d2", false)).isEmpty();
    assertThat(Verdicts.answerKnown(rejected, "d1", false).orElseThrow().code())
        .isEqualTo("REPLAY");
    assertThat(Verdicts.answerKnown(rejected, "d2", true).orElseThrow().code())
        .isEqualTo("EXPIRED");
  }

  @Test
  void committedMessage_signedAgainWithTheSameNonce_isReplay_namingTheCommit() {
    DedupeStore.Entry done =
        new DedupeStore.Entry(
            "fog-1", NONCE, TOPIC, DedupeStore.State.DONE, null, committed(), "d1");

    Receipt answer = Verdicts.answerKnown(done, "d2", false).orElseThrow();
    assertThat(answer.code()).isEqualTo("REPLAY");
    assertThat(answer.earlierCommit().orElseThrow().transactionId()).isEqualTo("tx-1");
  }

  private static Receipt committed() {
    JsonObject result = new JsonObject();
    result.addProperty("id", "s-1");
    return Receipt.committed(TOPIC, "fog-1", NONCE, "slice-request", "tx-1", 42, result);
  }

  private static Receipt rejected(final String code) {
    return Receipt.rejected(TOPIC, "fog-1", NONCE, "slice-request", "tx-2", code, "no");
  }
}
