package io.sfsbroker.rp;

import static io.sfsbroker.rp.ReceiptWatcher.millisSince;

import io.sfsbroker.device.DeviceLink;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.deadline.Windows;
import io.sfsbroker.protocol.mqtt.Uplink;
import io.sfsbroker.protocol.multiflow.Application;
import io.sfsbroker.protocol.multiflow.ApplicationSelection;
import io.sfsbroker.protocol.multiflow.FlowBidBody;
import io.sfsbroker.protocol.multiflow.FlowOutcome;
import io.sfsbroker.protocol.offer.OfferBody;
import io.sfsbroker.protocol.request.Blueprint;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The agent's offer side: what it sends when it hears of something to sell.
 *
 * <ul>
 *   <li><b>Blueprint</b>: the {@link OfferPlanner} decides per category from what is free ({@link
 *       Capacity}, at most what one container may get on this engine); the offered amounts stay
 *       reserved until the award, a rejection, or {@code offerHoldSeconds} after the deadline; the
 *       offer is signed and sent, and a refused offer's reservation is cancelled.
 *   <li><b>Application</b>, only with {@code flows} configured: the {@link FlowBidder} scores the
 *       RP's flow terms; one signed flow bid per satisfied flow and interval is sent.
 *   <li><b>Application award</b>: logged (a flow is a network service, not a container).
 * </ul>
 *
 * Capacity changes happen under {@code lock}, shared with the {@link SliceSide}.
 */
final class OfferSide {

  private static final System.Logger LOG = System.getLogger(OfferSide.class.getName());

  private final RpConfig config;
  private final Clock clock;
  private final Capacity capacity;
  private final OfferPlanner planner;
  private final FlowBidder bidder;
  private final Supplier<Map<String, Long>> ceilings;
  private final Object lock;
  private final DeviceLink link;
  private final ReceiptWatcher receipts;

  /**
   * An offer side for {@code config}: {@code ceilings} gives the most one slice may get per
   * category on the engine; {@code bidder} is null when the RP sells no flows.
   */
  OfferSide(
      final RpConfig config,
      final Clock clock,
      final Capacity capacity,
      final FlowBidder bidder,
      final Supplier<Map<String, Long>> ceilings,
      final Object lock,
      final DeviceLink link,
      final ReceiptWatcher receipts) {
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.capacity = Objects.requireNonNull(capacity, "capacity");
    this.planner = new OfferPlanner(config.categories(), config.offerFactor());
    this.bidder = bidder;
    this.ceilings = Objects.requireNonNull(ceilings, "ceilings");
    this.lock = Objects.requireNonNull(lock, "lock");
    this.link = Objects.requireNonNull(link, "link");
    this.receipts = Objects.requireNonNull(receipts, "receipts");
  }

  void onBlueprint(final Blueprint blueprint) {
    long began = System.nanoTime();
    Instant now = clock.instant();
    if (!Windows.inTime(blueprint.offerDeadline(), now)) {
      LOG.log(
          Level.INFO,
          config.rpId()
              + ": no offer for "
              + blueprint.id()
              + ": its window closed at "
              + blueprint.offerDeadline());
      return;
    }
    OfferPlanner.Plan plan;
    synchronized (lock) {
      plan =
          planner.plan(
              blueprint,
              category ->
                  Math.min(
                      capacity.free(category, now),
                      ceilings.get().getOrDefault(category, Long.MAX_VALUE)));
      if (plan.offer().isEmpty()) {
        LOG.log(
            Level.INFO, config.rpId() + ": no offer for " + blueprint.id() + ": " + plan.skipped());
        return;
      }
      Instant until = blueprint.offerDeadline().plus(config.offerHold());
      if (!capacity.reserve(blueprint.id(), plan.amounts(), until, now)) {
        LOG.log(
            Level.WARNING, config.rpId() + ": capacity changed while planning " + blueprint.id());
        return;
      }
    }
    OfferBody offer = plan.offer().get();
    String what = "offer for " + blueprint.id();
    String nonce = link.send(Uplink.OFFER, offer).nonce();
    LOG.log(
        Level.INFO,
        String.format(
            "%s: %s sent in %d ms: %s%s",
            config.rpId(),
            what,
            millisSince(began),
            Json.toJson(offer.categories()),
            plan.skipped().isEmpty() ? "" : "; left out " + plan.skipped()));
    receipts.watch(
        nonce,
        what,
        began,
        1,
        receipt -> {
          if (!receipt.isCommitted()) {
            capacity.cancelReservation(blueprint.id());
          }
        });
  }

  void onApplication(final Application application) {
    if (bidder == null) {
      LOG.log(
          Level.DEBUG,
          config.rpId() + ": no flow bids for " + application.id() + ": no flows configured");
      return;
    }
    long began = System.nanoTime();
    if (clock.instant().isAfter(application.bidDeadline())) {
      LOG.log(
          Level.INFO,
          config.rpId()
              + ": no flow bids for "
              + application.id()
              + ": its window closed at "
              + application.bidDeadline());
      return;
    }
    FlowBidder.Plan plan = bidder.plan(application);
    if (plan.bids().isEmpty()) {
      LOG.log(
          Level.INFO,
          config.rpId() + ": no flow bids for " + application.id() + ": " + plan.skipped());
      return;
    }
    for (FlowBidBody bid : plan.bids()) {
      String what = "flow bid for " + application.id() + " " + bid.flowId() + "/" + bid.interval();
      String nonce = link.send(Uplink.FLOW_BID, bid).nonce();
      receipts.watch(nonce, what, began, 1, receipt -> {});
    }
    LOG.log(
        Level.INFO,
        String.format(
            "%s: %d flow bid(s) for %s sent in %d ms at price %d%s",
            config.rpId(),
            plan.bids().size(),
            application.id(),
            millisSince(began),
            config.flows().price(),
            plan.skipped().isEmpty() ? "" : "; left out " + plan.skipped()));
  }

  void onApplicationAward(final ApplicationSelection award) {
    List<FlowOutcome> won = award.wonBy(config.rpId());
    if (won.isEmpty()) {
      LOG.log(
          Level.DEBUG,
          config.rpId() + ": no flow of " + award.applicationId() + " was won by this RP");
      return;
    }
    long earned = 0;
    List<String> flows = new ArrayList<>();
    for (FlowOutcome outcome : won) {
      earned = Math.addExact(earned, outcome.winner().bid().price());
      flows.add(outcome.flowId() + "/" + outcome.interval());
    }
    LOG.log(
        Level.INFO,
        String.format(
            "%s: won %d flow interval(s) of %s for %d: %s",
            config.rpId(), won.size(), award.applicationId(), earned, flows));
  }
}
