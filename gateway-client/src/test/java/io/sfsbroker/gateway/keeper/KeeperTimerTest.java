package io.sfsbroker.gateway.keeper;

import static org.assertj.core.api.Assertions.assertThat;

import io.sfsbroker.gateway.ledger.Committed;
import io.sfsbroker.gateway.ledger.LedgerException;
import io.sfsbroker.gateway.ledger.Stage;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.deadline.Deadline;
import io.sfsbroker.protocol.deadline.DuePage;
import io.sfsbroker.protocol.request.Blueprint;
import io.sfsbroker.protocol.request.BlueprintCategory;
import io.sfsbroker.protocol.selection.SelectionRule;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The keeper fires each deadline it knows of by a timer, not at its next listing: every keeper here
 * lists only once an hour, so whatever fires within the test fired by a timer or a prompt retry.
 */
class KeeperTimerTest {

  private static final Duration HOURLY = Duration.ofHours(1);
  private static final Duration GRACE = Duration.ofSeconds(2);

  /**
   * A ledger that lists {@code listed}, refuses the first {@code early} settlements as still open
   * and then commits each, recording when.
   */
  private static final class FakeLedger implements KeeperLedger {
    private final List<Deadline> listed = new CopyOnWriteArrayList<>();
    private final List<Instant> committed = new CopyOnWriteArrayList<>();
    private final AtomicInteger tries = new AtomicInteger();
    private volatile int early;

    @Override
    public String evaluate(final TransactionName transaction, final String... args) {
      return Json.toJson(new DuePage(List.copyOf(listed), ""));
    }

    @Override
    public Committed submit(final TransactionName transaction, final String... args) {
      if (tries.incrementAndGet() <= early) {
        throw new LedgerException(
            Stage.ENDORSE, "INVALID_STATE", "tx-early", "INVALID_STATE: the window is open", null);
      }
      committed.add(Instant.now());
      listed.clear();
      return new Committed("tx-" + tries.get(), 9, "{}");
    }

    boolean awaitCommitted(final Duration within) throws InterruptedException {
      long until = System.nanoTime() + within.toNanos();
      while (committed.isEmpty() && System.nanoTime() < until) {
        TimeUnit.MILLISECONDS.sleep(20);
      }
      return !committed.isEmpty();
    }
  }

  private static Blueprint blueprintOpenedNow(final Duration window) {
    Instant opened = Instant.now();
    return new Blueprint(
        "s-1",
        "fog-1",
        null,
        List.of(new BlueprintCategory("cpu-millicores", 100, 10, 1000)),
        new TreeMap<>(),
        null,
        SelectionRule.LOWEST_OFFER,
        opened,
        opened.plus(window),
        3600);
  }

  private static void pause() throws InterruptedException {
    // The keeper takes only windows opened after it started.
    TimeUnit.MILLISECONDS.sleep(5);
  }

  @Test
  void aWindowHeardOfByItsEvent_isClosedAtItsDeadline_withoutAListing() throws Exception {
    FakeLedger ledger = new FakeLedger();
    try (Keeper keeper = Keeper.start(ledger, Clock.systemUTC(), HOURLY, GRACE)) {
      pause();
      Blueprint blueprint = blueprintOpenedNow(Duration.ofMillis(300));
      keeper.published(blueprint);

      assertThat(ledger.awaitCommitted(Duration.ofSeconds(10))).isTrue();
      assertThat(ledger.committed.get(0)).isAfter(blueprint.offerDeadline());
    }
  }

  @Test
  void aDeadlineListedAheadOfTime_firesWhenDue_notAtTheNextListing() throws Exception {
    FakeLedger ledger = new FakeLedger();
    Instant due = Instant.now().plusMillis(400);
    ledger.listed.add(
        new Deadline("slice:s-2", "slice", "expire", List.of("s-2"), due, due.minusSeconds(60)));
    try (Keeper keeper = Keeper.start(ledger, Clock.systemUTC(), HOURLY, GRACE)) {
      assertThat(ledger.awaitCommitted(Duration.ofSeconds(10))).isTrue();
      assertThat(ledger.committed.get(0)).isAfter(due);
    }
  }

  @Test
  void aCloseTheLedgerRefusesAsEarly_isTriedAgainPromptly() throws Exception {
    FakeLedger ledger = new FakeLedger();
    ledger.early = 3;
    try (Keeper keeper = Keeper.start(ledger, Clock.systemUTC(), HOURLY, GRACE)) {
      pause();
      Blueprint blueprint = blueprintOpenedNow(Duration.ofMillis(100));
      ledger.listed.add(Keeper.offerWindow(blueprint));
      keeper.published(blueprint);

      assertThat(ledger.awaitCommitted(Duration.ofSeconds(10))).isTrue();
      assertThat(ledger.tries.get()).isEqualTo(4);
    }
  }

  @Test
  void aWindowOpenedBeforeTheKeeperStarted_isLeftToTheListing() throws Exception {
    FakeLedger ledger = new FakeLedger();
    Blueprint replayed = blueprintOpenedNow(Duration.ofMillis(50));
    pause();
    try (Keeper keeper = Keeper.start(ledger, Clock.systemUTC(), HOURLY, GRACE)) {
      keeper.published(replayed);

      assertThat(ledger.awaitCommitted(Duration.ofMillis(800))).isFalse();
      assertThat(ledger.tries.get()).isZero();
    }
  }

  @Test
  void theOfferWindowOfABlueprint_isTheDeadlineTheChaincodeWrites() {
    Blueprint blueprint = blueprintOpenedNow(Duration.ofSeconds(5));

    assertThat(Keeper.offerWindow(blueprint))
        .isEqualTo(
            new Deadline(
                "slice:s-1",
                "selection",
                "closeAndSelect",
                List.of("s-1"),
                blueprint.offerDeadline(),
                blueprint.openedAt()));
  }
}
