package io.sfsbroker.rp;

import io.sfsbroker.market.qoe.QoeRequirement;
import io.sfsbroker.market.qoe.QoeTerms;
import io.sfsbroker.protocol.offer.OfferBody;
import io.sfsbroker.protocol.offer.OfferedCategory;
import io.sfsbroker.protocol.offer.OfferedQoe;
import io.sfsbroker.protocol.request.Blueprint;
import io.sfsbroker.protocol.request.BlueprintCategory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * Decides what an RP offers for a blueprint (docs/rp-agent.md, <i>Offers</i>). Per category the
 * blueprint asks for:
 *
 * <ul>
 *   <li>it is left out when the RP does not serve it, when the RP's cost is above the tenant's
 *       maximum unit price (no rule could pay it), when its QoE terms cannot meet the blueprint's
 *       QoE needs (the ledger's own {@code QoeRequirement.shortfall}, which would exclude it), or
 *       when less than the requested amount is free (a cell that cannot serve the whole amount is
 *       never priced);
 *   <li>it carries the RP's QoE terms of the category;
 *   <li>the <b>ask</b> ({@code unitPrice}) is the RP's list price, lowered to the tenant's maximum
 *       when above it (it would never be paid more, and the lowest-offer rule refuses asks above
 *       the maximum), never below its cost;
 *   <li>the <b>reserve price</b> is its cost;
 *   <li>the <b>available</b> amount is what is free, but at most what the tenant may take ({@code
 *       maxAmount}: exactly the requested amount unless the request opted into more) and at most
 *       {@code offerFactor} times the requested amount, which bounds what one slice can take.
 * </ul>
 */
final class OfferPlanner {

  /** The largest amount an offer may make available. */
  static final long MAX_AVAILABLE = CategoryTerms.MAX_VALUE;

  /**
   * What to offer for a blueprint, and why the other categories are left out.
   *
   * @param offer the offer, or empty when no category can be served
   * @param skipped one sentence per category left out
   */
  record Plan(Optional<OfferBody> offer, List<String> skipped) {

    /** Copies the list. */
    Plan {
      Objects.requireNonNull(offer, "offer");
      skipped = List.copyOf(skipped);
    }

    /** The available amount per offered category, which the offer reserves. */
    Map<String, Long> amounts() {
      Map<String, Long> amounts = new LinkedHashMap<>();
      offer.ifPresent(o -> o.categories().forEach(c -> amounts.put(c.category(), c.available())));
      return amounts;
    }
  }

  private final Map<String, CategoryTerms> terms;
  private final long offerFactor;

  OfferPlanner(final Map<String, CategoryTerms> terms, final long offerFactor) {
    this.terms = Map.copyOf(Objects.requireNonNull(terms, "terms"));
    if (offerFactor < 1) {
      throw new IllegalArgumentException("offerFactor must be at least 1, was " + offerFactor);
    }
    this.offerFactor = offerFactor;
  }

  /**
   * Plans the offer for {@code blueprint}.
   *
   * @param free what is free per category now
   */
  Plan plan(final Blueprint blueprint, final ToLongFunction<String> free) {
    Objects.requireNonNull(blueprint, "blueprint");
    Objects.requireNonNull(free, "free");
    QoeRequirement needs = QoeRequirement.of(blueprint.qoe());
    List<OfferedCategory> offered = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (BlueprintCategory request : blueprint.categories()) {
      String category = request.category();
      CategoryTerms own = terms.get(category);
      if (own == null) {
        skipped.add(category + ": not served");
        continue;
      }
      if (own.cost() > request.maxUnitPrice()) {
        skipped.add(
            category
                + ": cost "
                + own.cost()
                + " is above the tenant's maximum unit price "
                + request.maxUnitPrice());
        continue;
      }
      Optional<String> shortfall = needs.shortfall(qoeTerms(own.qoe()));
      if (shortfall.isPresent()) {
        skipped.add(category + ": " + shortfall.get());
        continue;
      }
      long available = free.applyAsLong(category);
      if (available < request.amount()) {
        skipped.add(category + ": " + available + " free, " + request.amount() + " asked for");
        continue;
      }
      long cap = Math.min(request.maxAmount(), saturatedProduct(request.amount(), offerFactor));
      long amount = Math.min(Math.min(available, cap), MAX_AVAILABLE);
      long ask = Math.max(own.cost(), Math.min(own.price(), request.maxUnitPrice()));
      offered.add(new OfferedCategory(category, Math.max(ask, 1), amount, own.cost(), own.qoe()));
    }
    Optional<OfferBody> offer =
        offered.isEmpty() ? Optional.empty() : Optional.of(new OfferBody(blueprint.id(), offered));
    return new Plan(offer, skipped);
  }

  /** The market's view of the RP's QoE terms, for the ledger's own check. */
  private static QoeTerms qoeTerms(final OfferedQoe qoe) {
    return qoe == null ? null : new QoeTerms(qoe.latencyMicros(), qoe.bandwidthMbps());
  }

  private static long saturatedProduct(final long a, final long b) {
    try {
      return Math.multiplyExact(a, b);
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }
}
