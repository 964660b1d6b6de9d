package io.sfsbroker.chaincode.auction;

import io.sfsbroker.chaincode.common.Account;
import io.sfsbroker.chaincode.common.ErrorCode;
import io.sfsbroker.chaincode.common.Ledger;
import io.sfsbroker.chaincode.credit.Credits;
import io.sfsbroker.chaincode.deadline.Deadlines;
import io.sfsbroker.chaincode.nft.Nfts;
import io.sfsbroker.market.auction.AuctionInstance;
import io.sfsbroker.market.auction.GroupBidding;
import io.sfsbroker.market.auction.Planet;
import io.sfsbroker.market.auction.Resource;
import io.sfsbroker.market.auction.ResourceVector;
import io.sfsbroker.market.auction.UserGroup;
import io.sfsbroker.protocol.credit.Escrow;
import io.sfsbroker.protocol.credit.Payee;
import io.sfsbroker.protocol.nft.Token;
import io.sfsbroker.protocol.nft.TokenKind;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * What a settled auction does to credits and tokens. Each group pays each Planet it won volume on
 * the final prices for that volume, {@code Σ_{s,r} p̂_{j,r}·c^j_{s,r}·r_{i,s}·x̂_{i,j}} (the
 * library's bid formula at {@code (p̂, x̂)}; by eq. (17) never more than the group's last bid to
 * that Planet), converted to credit minor units by the auction's payment scale. A volume that costs
 * less than one minor unit is dust, neither paid nor tokenised: the damped step (16) leaves a group
 * that moved a remainder {@code (1 − γ)^n·x̂} on its old Planet, such as 1e-24 Mb. A group whose
 * balance covers all its payments has one escrow per Planet locked, payable to the Planet, and one
 * {@link TokenKind#ALLOCATION} token per Planet minted to it; a group whose balance does not is
 * left out whole (nothing locked, nothing minted) and reported, so that settling never fails for
 * want of credits. Only groups that opted in are charged. Every escrow carries a deadline, the
 * settling time plus the auction's {@code confirmationSeconds}. The group's confirmation releases
 * an escrow to the Planet; the Planet's failure report, or anyone's expiry after the deadline,
 * refunds it to the group and burns the token.
 */
final class AuctionPayments {

  /** The number of decimal places of the volumes and resource amounts in token metadata. */
  static final int METADATA_DECIMALS = 6;

  private AuctionPayments() {}

  /** One payment of a group before it is known whether the group can pay them all. */
  private record Owed(int planet, double volume, double payment, BigInteger amount) {}

  /** What settling locked and minted, and which groups could not pay. */
  record Settlement(List<AllocationPayment> payments, List<UnfundedGroup> unfunded) {

    /** Copies the lists. */
    Settlement {
      payments = List.copyOf(payments);
      unfunded = List.copyOf(unfunded);
    }
  }

  /**
   * The id of both the allocation token and the escrow of one group and Planet: {@code
   * allocation:<auctionId>:<groupId>:<planetId>}. Participant ids contain no {@code ':'}, so the id
   * reads back unambiguously, and it fits {@link Nfts#ID} (at most 167 characters).
   */
  static String allocationId(final String auctionId, final String groupId, final String planetId) {
    return "allocation:" + auctionId + ":" + groupId + ":" + planetId;
  }

  /**
   * Returns a payment in credit minor units: the exact value of the double (not its decimal
   * rendering) times {@code scale}, rounded half up to a whole number. The same on every peer and
   * every JVM.
   *
   * @throws IllegalArgumentException when the payment is negative or not finite
   */
  static BigInteger minorUnits(final double payment, final long scale) {
    if (!(payment >= 0) || Double.isInfinite(payment)) {
      throw new IllegalArgumentException("a payment must be finite and >= 0, was " + payment);
    }
    return new BigDecimal(payment)
        .multiply(BigDecimal.valueOf(scale))
        .setScale(0, RoundingMode.HALF_UP)
        .toBigIntegerExact();
  }

  /**
   * Locks the payments of a final allocation and mints the allocation tokens, group by group in
   * group order. Reads the balance of every group that owes something; writes, for each group that
   * can pay, its balance (once), one {@code escrow~<allocation id>} per Planet and one token with
   * its owner entry per Planet.
   *
   * @param bound the indices of the groups that opted in; no other group pays or is tokenised
   * @param prices {@code p̂}, in Planet order
   * @param allocation {@code x̂}, indexed by group, then Planet
   * @return the payments locked and the groups left out
   * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INTERNAL} when the library cannot
   *     price the allocation (a defect: the last round's bids priced the same volumes at least as
   *     high)
   */
  /**
   * The subject of a payment's {@link Deadlines deadline}: a locked allocation escrow waits for
   * {@code auction:expireAllocation} until it is confirmed or refunded.
   */
  static String deadlineSubject(final AllocationPayment payment) {
    return payment.escrowId();
  }

  static Settlement settle(
      final Ledger ledger,
      final Auction auction,
      final Set<Integer> bound,
      final List<ResourceVector> prices,
      final List<List<Double>> allocation) {
    AuctionInstance instance = auction.instance();
    Instant deadline = ledger.txTime().plusSeconds(auction.confirmationSeconds());
    List<AllocationPayment> payments = new ArrayList<>();
    List<UnfundedGroup> unfunded = new ArrayList<>();
    for (int i = 0; i < instance.groups().size(); i++) {
      if (!bound.contains(i)) {
        continue;
      }
      List<Owed> owed = new ArrayList<>();
      BigInteger required = BigInteger.ZERO;
      for (int j = 0; j < instance.planets().size(); j++) {
        double volume = allocation.get(i).get(j);
        if (volume > 0) {
          double payment = payment(instance, i, j, prices.get(j), volume);
          BigInteger amount = minorUnits(payment, auction.paymentScale());
          if (amount.signum() > 0) {
            owed.add(new Owed(j, volume, payment, amount));
            required = required.add(amount);
          }
        }
      }
      if (owed.isEmpty()) {
        continue;
      }
      String groupId = instance.groups().get(i).id();
      String payer = Account.device(groupId);
      long balance = Credits.balance(ledger, payer);
      if (required.compareTo(BigInteger.valueOf(balance)) > 0) {
        unfunded.add(
            new UnfundedGroup(
                groupId,
                required,
                balance,
                payer
                    + " holds "
                    + balance
                    + " credits, fewer than the "
                    + required
                    + " its allocation from "
                    + owed.size()
                    + " Planet(s) costs; nothing was locked and no token minted"));
        continue;
      }
      List<AllocationPayment> locked = new ArrayList<>();
      SortedMap<String, List<Payee>> escrows = new TreeMap<>();
      for (Owed owes : owed) {
        String planetId = instance.planets().get(owes.planet()).id();
        String id = allocationId(auction.id(), groupId, planetId);
        AllocationPayment payment =
            new AllocationPayment(
                groupId,
                planetId,
                owes.volume(),
                owes.payment(),
                owes.amount().longValueExact(),
                id,
                id,
                deadline);
        locked.add(payment);
        escrows.put(id, List.of(new Payee(Account.device(planetId), payment.amount())));
      }
      Credits.lockAll(ledger, payer, escrows, deadline);
      for (AllocationPayment payment : locked) {
        Deadlines.set(
            ledger,
            deadlineSubject(payment),
            deadline,
            TransactionName.AUCTION_EXPIRE_ALLOCATION,
            auction.id(),
            groupId,
            payment.planetId());
      }
      for (int k = 0; k < owed.size(); k++) {
        AllocationPayment payment = locked.get(k);
        Nfts.mint(
            ledger,
            Token.of(
                payment.tokenId(),
                TokenKind.ALLOCATION,
                payer,
                metadata(auction, i, owed.get(k).planet(), payment),
                ledger.txTime(),
                ledger.txId()));
      }
      payments.addAll(locked);
    }
    return new Settlement(payments, unfunded);
  }

  /** Pays a locked allocation escrow to its Planet; the token stays with its owner. */
  static Escrow release(final Ledger ledger, final AllocationPayment payment, final String why) {
    return Credits.release(ledger, payment.escrowId(), why)
        .orElseThrow(
            () -> ErrorCode.INTERNAL.reject("escrow " + payment.escrowId() + " was not locked"));
  }

  /** Returns a locked allocation escrow to its group and burns the allocation token. */
  static Escrow refund(final Ledger ledger, final AllocationPayment payment, final String why) {
    Escrow refunded =
        Credits.refund(ledger, payment.escrowId(), why)
            .orElseThrow(
                () ->
                    ErrorCode.INTERNAL.reject("escrow " + payment.escrowId() + " was not locked"));
    Nfts.burnIfPresent(ledger, payment.tokenId());
    return refunded;
  }

  /**
   * Returns {@code Σ_{s,r} p̂_{j,r}·c^j_{s,r}·r_{i,s}·x̂_{i,j}}: the library's bid of the group for
   * its final volume at the final prices.
   */
  static double payment(
      final AuctionInstance instance,
      final int group,
      final int planet,
      final ResourceVector prices,
      final double volume) {
    String what =
        "the allocation of group "
            + instance.groups().get(group).id()
            + " on Planet "
            + instance.planets().get(planet).id();
    double payment;
    try {
      payment = GroupBidding.bid(instance, group, planet, prices, volume).totalPayment();
    } catch (IllegalArgumentException e) {
      throw ErrorCode.INTERNAL.reject(what + " cannot be priced: " + e.getMessage(), e);
    }
    if (Double.isInfinite(payment)) {
      throw ErrorCode.INTERNAL.reject(what + " costs more than a double holds");
    }
    return payment;
  }

  /**
   * The token's metadata: what was won (the volume and, per resource, what it uses of the Planet in
   * each slot of the period, {@code x̂·Σ_s r_{i,s}·c^j_{s,r}·A_{i,t,s}/D_{i,s}}), for which auction
   * and period, and how it is paid.
   */
  private static Map<String, String> metadata(
      final Auction auction, final int group, final int planet, final AllocationPayment payment) {
    UserGroup userGroup = auction.instance().groups().get(group);
    Planet target = auction.instance().planets().get(planet);
    Map<String, String> metadata = new TreeMap<>();
    metadata.put("auctionId", auction.id());
    metadata.put("period", auction.period());
    metadata.put("groupId", payment.groupId());
    metadata.put("planetId", payment.planetId());
    metadata.put("slots", Integer.toString(auction.instance().slotCount()));
    metadata.put("volume", decimal(payment.volume()));
    for (Resource resource : Resource.values()) {
      StringJoiner perSlot = new StringJoiner(",");
      for (int t = 0; t < auction.instance().slotCount(); t++) {
        perSlot.add(decimal(payment.volume() * userGroup.loadPerUnit(target, resource, t)));
      }
      metadata.put(resource.name().toLowerCase(Locale.ROOT) + "PerSlot", perSlot.toString());
    }
    metadata.put("payment", Long.toString(payment.amount()));
    metadata.put("paymentScale", Long.toString(auction.paymentScale()));
    metadata.put("escrowId", payment.escrowId());
    metadata.put("deadline", payment.deadline().toString());
    return metadata;
  }

  /** A double as a plain decimal with {@value #METADATA_DECIMALS} places, rounded half up. */
  private static String decimal(final double value) {
    return new BigDecimal(value).setScale(METADATA_DECIMALS, RoundingMode.HALF_UP).toPlainString();
  }
}
