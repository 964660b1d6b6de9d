package io.sfsbroker.gateway.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.sfsbroker.protocol.mqtt.Receipt;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DedupeStoreTest {

  @TempDir Path dir;

  @Test
  void unknownMessage_isNotFound() {
    assertThat(new DedupeStore(dir).find("fog-1", "nonce-0000000000000001")).isEmpty();
  }

  @Test
  void endorsedThenDone_survivesANewStoreOnTheSameFolder() {
    DedupeStore store = new DedupeStore(dir);
    byte[] transaction = {1, 2, 3, (byte) 0xff};
    store.endorsed("fog-1", "nonce-0000000000000001", transaction);

    DedupeStore.Entry endorsed = new DedupeStore(dir).find("fog-1", "nonce-0000000000000001").get();
    assertThat(endorsed.state()).isEqualTo(DedupeStore.State.ENDORSED);
    assertThat(endorsed.transactionBytes()).containsExactly(transaction);

    Receipt receipt =
        Receipt.rejected(
            "t", "fog-1", "nonce-0000000000000001", "offer", null, "LATE_OFFER", "late");
    store.done("fog-1", "nonce-0000000000000001", receipt);
    DedupeStore.Entry done = new DedupeStore(dir).find("fog-1", "nonce-0000000000000001").get();
    assertThat(done.state()).isEqualTo(DedupeStore.State.DONE);
    assertThat(done.receipt()).isEqualTo(receipt);
  }

  @Test
  void sameNonce_ofAnotherSigner_isAnotherMessage() {
    DedupeStore store = new DedupeStore(dir);
    store.endorsed("fog-1", "nonce-0000000000000001", new byte[] {1});

    assertThat(store.find("fog-2", "nonce-0000000000000001")).isEmpty();
    // The separator keeps ("ab", "c…") and ("a", "bc…") apart.
    store.endorsed("ab", "cnonce-000000000000001", new byte[] {1});
    assertThat(store.find("a", "bcnonce-000000000000001")).isEmpty();
  }

  @Test
  void writes_leaveNoTemporaryFiles() throws Exception {
    DedupeStore store = new DedupeStore(dir);
    store.endorsed("fog-1", "nonce-0000000000000001", new byte[] {1});
    store.done(
        "fog-1",
        "nonce-0000000000000001",
        Receipt.rejected("t", null, null, null, null, "MALFORMED", "x"));

    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .hasSize(1)
          .allMatch(name -> name.endsWith(".json"));
    }
  }
}
