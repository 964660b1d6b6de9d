package io.sfsbroker.gateway.keeper;

import static org.assertj.core.api.Assertions.assertThat;

import io.sfsbroker.gateway.ledger.Committed;
import io.sfsbroker.gateway.ledger.LedgerException;
import io.sfsbroker.gateway.ledger.Stage;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.deadline.Deadline;
import io.sfsbroker.protocol.deadline.DuePage;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Several keepers fire the same deadline: the one that is second counts it as done. */
class KeeperSettlementTest {

  private static final Instant DUE = Instant.parse("2026-12-06T10:00:00Z");
  private static final Deadline WINDOW =
      new Deadline(
          "slice:s-1", "selection", "closeAndSelect", List.of("s-1"), DUE, DUE.minusSeconds(8));

  /** A ledger that lists {@code listed} and refuses every settlement with {@code refusal}. */
  private static final class FakeLedger implements KeeperLedger {
    private final List<Deadline> listed = new CopyOnWriteArrayList<>();
    private final List<String> submitted = new ArrayList<>();
    private String refusal;

    @Override
    public String evaluate(final TransactionName transaction, final String... args) {
      return Json.toJson(new DuePage(List.copyOf(listed), ""));
    }

    @Override
    public synchronized Committed submit(final TransactionName transaction, final String... args) {
      submitted.add(transaction.name());
      if (refusal != null) {
        throw new LedgerException(Stage.ENDORSE, refusal, "tx-2", refusal + ": no", null);
      }
      listed.remove(WINDOW);
      return new Committed("tx-1", 9, "{}");
    }
  }

  private static Keeper keeper(final FakeLedger ledger) {
    return Keeper.create(
        ledger,
        Clock.fixed(DUE.plusSeconds(5), ZoneOffset.UTC),
        Duration.ofSeconds(1),
        Duration.ofSeconds(1));
  }

  @Test
  void aSettlementThatCommits_isFired() {
    FakeLedger ledger = new FakeLedger();
    ledger.listed.add(WINDOW);

    assertThat(keeper(ledger).fire(WINDOW)).isEqualTo(Keeper.Outcome.FIRED);
  }

  @Test
  void refusedAsInvalidState_afterAnotherKeeperSettledIt_isDoneNotAFailure() {
    FakeLedger ledger = new FakeLedger();
    ledger.refusal = "INVALID_STATE";

    assertThat(keeper(ledger).fire(WINDOW)).isEqualTo(Keeper.Outcome.SETTLED_ELSEWHERE);
  }

  @Test
  void aReadConflictWithTheKeeperThatWon_isDone() {
    FakeLedger ledger = new FakeLedger();
    ledger.refusal = "MVCC_READ_CONFLICT";

    assertThat(keeper(ledger).fire(WINDOW)).isEqualTo(Keeper.Outcome.SETTLED_ELSEWHERE);
  }

  @Test
  void refusedWhileTheLedgerStillListsIt_isAFailureTriedAgain() {
    // INVALID_STATE also means "too early" (the peers' clock is behind): not settled.
    FakeLedger ledger = new FakeLedger();
    ledger.listed.add(WINDOW);
    ledger.refusal = "INVALID_STATE";

    assertThat(keeper(ledger).fire(WINDOW)).isEqualTo(Keeper.Outcome.FAILED);
  }

  @Test
  void aNetworkThatDoesNotAnswer_isAFailure_evenWhenNothingIsListed() {
    FakeLedger ledger = new FakeLedger();
    ledger.refusal = "UNAVAILABLE";

    assertThat(keeper(ledger).fire(WINDOW)).isEqualTo(Keeper.Outcome.FAILED);
  }
}
