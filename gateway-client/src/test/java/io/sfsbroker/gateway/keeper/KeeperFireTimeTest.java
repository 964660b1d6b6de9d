package io.sfsbroker.gateway.keeper;

import static org.assertj.core.api.Assertions.assertThat;

import io.sfsbroker.protocol.deadline.Deadline;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeeperFireTimeTest {

  private static final Instant OPENED = Instant.parse("2026-12-04T10:00:00Z");
  private static final Instant STARTED = OPENED.minusSeconds(600);
  private static final Deadline WINDOW =
      new Deadline(
          "slice:s-1",
          "selection",
          "closeAndSelect",
          List.of("s-1"),
          OPENED.plusSeconds(8),
          OPENED);

  private static Instant fireAt(
      final Deadline deadline, final Instant started, final Instant seen) {
    return Keeper.fireAt(deadline, started, seen);
  }

  @Test
  void aWindowSeenWhenItOpened_firesAtItsDeadline() {
    assertThat(fireAt(WINDOW, STARTED, OPENED)).isEqualTo(WINDOW.due());
  }

  @Test
  void aWindowPublishedInOneBlock_firesAWindowLengthAfterThePublication() {
    Instant published = OPENED.plusMillis(1200);
    assertThat(fireAt(WINDOW, STARTED, published)).isEqualTo(published.plus(WINDOW.length()));
  }

  @Test
  void aWindowWhosePublicationCommittedLate_isExtendedByTheLag() {
    // Published 9 s after its request's timestamp (a Raft failover): the RPs get the full 8 s.
    Instant fired = fireAt(WINDOW, STARTED, OPENED.plusSeconds(9));
    assertThat(fired).isEqualTo(WINDOW.due().plusSeconds(9));
    assertThat(Duration.between(OPENED.plusSeconds(9), fired))
        .isGreaterThanOrEqualTo(WINDOW.length());
  }

  @Test
  void theExtension_staysWithinTheTimeTheChaincodeTakesLateOffers() {
    Instant fired = fireAt(WINDOW, STARTED, OPENED.plusSeconds(600));
    assertThat(fired)
        .isBefore(WINDOW.due().plus(io.sfsbroker.protocol.deadline.Windows.LATE_COMMIT));
  }

  @Test
  void aWindowOpenedBeforeTheKeeperStarted_orNotYetSeen_isNotExtended() {
    assertThat(fireAt(WINDOW, OPENED.plusSeconds(5), OPENED.plusSeconds(9)))
        .isEqualTo(WINDOW.due());
    assertThat(fireAt(WINDOW, STARTED, null)).isEqualTo(WINDOW.due());
  }

  @Test
  void anExpiry_isNeverExtended() {
    Deadline expiry =
        new Deadline("slice:s-2", "slice", "expire", List.of("s-2"), OPENED.plusSeconds(8), OPENED);
    assertThat(fireAt(expiry, STARTED, OPENED.plusSeconds(9))).isEqualTo(expiry.due());
  }
}
