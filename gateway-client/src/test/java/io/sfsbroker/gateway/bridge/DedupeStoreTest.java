package io.sfsbroker.gateway.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sfsbroker.protocol.mqtt.Receipt;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DedupeStoreTest {

  private static final String NONCE = "nonce-0000000000000001";
  private static final String REQUEST = "sfsb/v1/in/fog-1/request";
  private static final String SERVICE = "sfsb/v1/in/fog-1/service";
  private static final String DECOMMISSION = "sfsb/v1/in/fog-1/decommission";

  @TempDir Path dir;

  @Test
  void unknownMessage_isNotFound() {
    assertThat(new DedupeStore(dir).find("fog-1", NONCE, REQUEST)).isEmpty();
  }

  @Test
  void endorsedThenDone_survivesANewStoreOnTheSameFolder() {
    DedupeStore store = new DedupeStore(dir);
    byte[] transaction = {1, 2, 3, (byte) 0xff};
    store.endorsed("fog-1", NONCE, REQUEST, transaction);

    DedupeStore.Entry endorsed = new DedupeStore(dir).find("fog-1", NONCE, REQUEST).get();
    assertThat(endorsed.state()).isEqualTo(DedupeStore.State.ENDORSED);
    assertThat(endorsed.transactionBytes()).containsExactly(transaction);
    assertThat(endorsed.topic()).isEqualTo(REQUEST);

    Receipt receipt =
        Receipt.rejected(REQUEST, "fog-1", NONCE, "offer", null, "LATE_OFFER", "late");
    store.done("fog-1", NONCE, REQUEST, "d1", receipt);
    DedupeStore.Entry done = new DedupeStore(dir).find("fog-1", NONCE, REQUEST).get();
    assertThat(done.state()).isEqualTo(DedupeStore.State.DONE);
    assertThat(done.receipt()).isEqualTo(receipt);
  }

  @Test
  void unavailable_isNoVerdict_andLeavesTheEndorsedTransaction() {
    DedupeStore store = new DedupeStore(dir);
    store.endorsed("fog-1", NONCE, REQUEST, new byte[] {7});
    Receipt unavailable =
        Receipt.rejected(REQUEST, "fog-1", NONCE, "slice-request", "tx", "UNAVAILABLE", "later");

    assertThatThrownBy(() -> store.done("fog-1", NONCE, REQUEST, "d1", unavailable))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("re-submittable");
    DedupeStore.Entry entry = store.find("fog-1", NONCE, REQUEST).get();
    assertThat(entry.state()).isEqualTo(DedupeStore.State.ENDORSED);
    assertThat(entry.transactionBytes()).containsExactly(7);
  }

  @Test
  void rejectionOnTheWrongTopic_doesNotMarkTheMessageOnTheRightTopic() {
    DedupeStore store = new DedupeStore(dir);
    store.done(
        "fog-1",
        NONCE,
        SERVICE,
        "d1",
        Receipt.rejected(SERVICE, "fog-1", NONCE, "service-confirmation", "t", "INVALID", "x"));

    assertThat(store.find("fog-1", NONCE, SERVICE)).isPresent();
    assertThat(store.find("fog-1", NONCE, DECOMMISSION)).isEmpty();
  }

  @Test
  void sameNonce_ofAnotherSigner_isAnotherMessage() {
    DedupeStore store = new DedupeStore(dir);
    store.endorsed("fog-1", NONCE, REQUEST, new byte[] {1});

    assertThat(store.find("fog-2", NONCE, REQUEST)).isEmpty();
    // The separator keeps ("ab", "c…") and ("a", "bc…") apart.
    store.endorsed("ab", "cnonce-000000000000001", REQUEST, new byte[] {1});
    assertThat(store.find("a", "bcnonce-000000000000001", REQUEST)).isEmpty();
  }

  @Test
  void writes_leaveNoTemporaryFiles() throws Exception {
    DedupeStore store = new DedupeStore(dir);
    store.endorsed("fog-1", NONCE, REQUEST, new byte[] {1});
    store.done(
        "fog-1",
        NONCE,
        REQUEST,
        "d1",
        Receipt.rejected("t", null, null, null, null, "MALFORMED", "x"));

    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .hasSize(1)
          .allMatch(name -> name.endsWith(".json"));
    }
  }
}
