package io.sfsbroker.chaincode.credit;

import io.sfsbroker.chaincode.common.Account;
import io.sfsbroker.chaincode.common.ErrorCode;
import io.sfsbroker.chaincode.common.Ledger;
import io.sfsbroker.chaincode.participant.Participants;
import io.sfsbroker.protocol.credit.CreditBalance;
import io.sfsbroker.protocol.credit.CreditTransfer;
import io.sfsbroker.protocol.credit.Escrow;
import io.sfsbroker.protocol.credit.EscrowState;
import io.sfsbroker.protocol.credit.Payee;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Balances and escrow on the ledger, for the credit contract and for the contracts that pay with
 * escrow (selection, slice, multiflow, auction). Not a transaction: only the broker's own contracts
 * call it.
 *
 * <p>Keys: {@code credit-balance~<account>} holds a {@link CreditBalance}; {@code escrow~<id>} an
 * {@link Escrow}; {@code credit-mint~<txId>} the {@link CreditTransfer} of each mint, so that the
 * total minted is a range sum and no counter is written by every mint. Each step writes each key at
 * most once, because a transaction does not see its own writes.
 */
public final class Credits {

  /** The object type of balance keys. */
  public static final String BALANCE_KEY_TYPE = "credit-balance";

  /** The object type of escrow keys. */
  public static final String ESCROW_KEY_TYPE = "escrow";

  /** The object type of mint records. */
  public static final String MINT_KEY_TYPE = "credit-mint";

  private Credits() {}

  /** Returns the balance of {@code account}; 0 when it never held credits. */
  public static long balance(final Ledger ledger, final String account) {
    return ledger
        .get(balanceKey(ledger, account), CreditBalance.class)
        .map(CreditBalance::balance)
        .orElse(0L);
  }

  /** Reads escrow {@code id}, if there is one. */
  public static Optional<Escrow> escrow(final Ledger ledger, final String id) {
    return ledger.get(escrowKey(ledger, id), Escrow.class);
  }

  /**
   * Moves {@code payees}' total from {@code payer}'s balance into a new escrow {@code id}. Payees
   * of the same account are merged. The caller has checked that the payer can afford it.
   *
   * @return the escrow
   * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INTERNAL} when escrow {@code id}
   *     exists or the payer cannot afford it (a defect of the caller)
   */
  public static Escrow lock(
      final Ledger ledger, final String id, final String payer, final List<Payee> payees) {
    return lockAll(ledger, payer, new TreeMap<>(Map.of(id, payees))).get(0);
  }

  /**
   * Locks several escrows that one payer pays, in one step: the payer's balance is read and written
   * once, for the sum of them all (a transaction does not see its own writes, so separate {@link
   * #lock} calls for one payer would each debit the same old balance). Payees of the same account
   * are merged within each escrow. The caller has checked that the payer can afford the sum.
   *
   * @param payees the payees of each new escrow, by escrow id
   * @return the escrows, in id order
   * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INTERNAL} when one of the escrows
   *     exists or the payer cannot afford the sum (a defect of the caller)
   */
  public static List<Escrow> lockAll(
      final Ledger ledger, final String payer, final SortedMap<String, List<Payee>> payees) {
    return lockAll(ledger, payer, payees, null);
  }

  /**
   * Locks several escrows that one payer pays, in one step, as {@link #lockAll(Ledger, String,
   * SortedMap)} does, each with the same deadline.
   *
   * @param payees the payees of each new escrow, by escrow id
   * @param deadline the time after which the locking contract lets anyone settle them; {@code null}
   *     for none
   * @return the escrows, in id order
   * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INTERNAL} when one of the escrows
   *     exists or the payer cannot afford the sum (a defect of the caller)
   */
  public static List<Escrow> lockAll(
      final Ledger ledger,
      final String payer,
      final SortedMap<String, List<Payee>> payees,
      final Instant deadline) {
    Objects.requireNonNull(payer, "payer");
    List<Escrow> escrows = new ArrayList<>();
    long total = 0;
    for (Map.Entry<String, List<Payee>> entry : payees.entrySet()) {
      String id = entry.getKey();
      if (ledger.exists(escrowKey(ledger, id))) {
        throw ErrorCode.INTERNAL.reject("escrow " + id + " already exists");
      }
      Map<String, Long> merged = new TreeMap<>();
      long amount = 0;
      for (Payee payee : entry.getValue()) {
        merged.merge(payee.account(), payee.amount(), Math::addExact);
        amount = Math.addExact(amount, payee.amount());
      }
      List<Payee> list = new ArrayList<>();
      merged.forEach((account, each) -> list.add(new Payee(account, each)));
      escrows.add(
          new Escrow(
              id,
              payer,
              amount,
              list,
              EscrowState.LOCKED,
              ledger.txTime(),
              null,
              null,
              null,
              deadline));
      total = Math.addExact(total, amount);
    }
    long balance = balance(ledger, payer);
    if (balance < total) {
      throw ErrorCode.INTERNAL.reject(
          payer
              + " holds "
              + balance
              + " and cannot afford escrow "
              + String.join(", ", payees.keySet())
              + " of "
              + total);
    }
    ledger.put(balanceKey(ledger, payer), new CreditBalance(payer, balance - total));
    for (Escrow escrow : escrows) {
      ledger.put(escrowKey(ledger, escrow.id()), escrow);
    }
    return escrows;
  }

  /**
   * Pays a locked escrow to its payees. A payee that is a participant revoked since the escrow was
   * locked is not paid: its share goes back to the payer, and the reason names it (revocation bites
   * at payout, issue 11 item 5). Does nothing when there is no such escrow or it is already
   * settled, so that each escrow is paid out at most once.
   *
   * @return the released escrow, or empty when nothing moved
   */
  public static Optional<Escrow> release(final Ledger ledger, final String id, final String why) {
    Optional<Escrow> locked = escrow(ledger, id).filter(e -> e.state() == EscrowState.LOCKED);
    if (locked.isEmpty()) {
      return Optional.empty();
    }
    long returned = 0;
    TreeSet<String> revoked = new TreeSet<>();
    for (Payee payee : locked.get().payees()) {
      if (isRevoked(ledger, payee.account())) {
        returned = Math.addExact(returned, payee.amount());
        revoked.add(payee.account());
      } else {
        credit(ledger, payee.account(), payee.amount());
      }
    }
    String reason = why;
    if (!revoked.isEmpty()) {
      credit(ledger, locked.get().payer(), returned);
      reason =
          why
              + "; "
              + returned
              + " returned to "
              + locked.get().payer()
              + " instead of paying revoked "
              + String.join(", ", revoked);
    }
    return Optional.of(settle(ledger, locked.get(), EscrowState.RELEASED, reason));
  }

  private static boolean isRevoked(final Ledger ledger, final String account) {
    return Account.participantId(account)
        .map(id -> Participants.isRevoked(ledger, id))
        .orElse(false);
  }

  /**
   * Returns a locked escrow to its payer. Does nothing when there is no such escrow or it is
   * already settled.
   *
   * @return the refunded escrow, or empty when nothing moved
   */
  public static Optional<Escrow> refund(final Ledger ledger, final String id, final String why) {
    Optional<Escrow> locked = escrow(ledger, id).filter(e -> e.state() == EscrowState.LOCKED);
    if (locked.isEmpty()) {
      return Optional.empty();
    }
    credit(ledger, locked.get().payer(), locked.get().amount());
    return Optional.of(settle(ledger, locked.get(), EscrowState.REFUNDED, why));
  }

  /**
   * Adds {@code amount} to {@code account}'s balance; one write per account per transaction.
   *
   * @return the new balance
   * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT} when the
   *     balance would exceed {@value Long#MAX_VALUE}
   */
  static long credit(final Ledger ledger, final String account, final long amount) {
    long balance = plus(account, balance(ledger, account), amount);
    ledger.put(balanceKey(ledger, account), new CreditBalance(account, balance));
    return balance;
  }

  /**
   * Returns {@code balance + amount}.
   *
   * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT} when it would
   *     exceed {@value Long#MAX_VALUE}
   */
  static long plus(final String account, final long balance, final long amount) {
    try {
      return Math.addExact(balance, amount);
    } catch (ArithmeticException e) {
      throw ErrorCode.INVALID_ARGUMENT.reject(
          account
              + " holds "
              + balance
              + " credits; "
              + amount
              + " more would exceed the largest balance, "
              + Long.MAX_VALUE,
          e);
    }
  }

  static String balanceKey(final Ledger ledger, final String account) {
    return ledger.key(BALANCE_KEY_TYPE, account);
  }

  static String escrowKey(final Ledger ledger, final String id) {
    return ledger.key(ESCROW_KEY_TYPE, id);
  }

  private static Escrow settle(
      final Ledger ledger, final Escrow escrow, final EscrowState next, final String why) {
    Escrow settled = escrow.settled(next, ledger.txTime(), ledger.txId(), why);
    ledger.put(escrowKey(ledger, escrow.id()), settled);
    return settled;
  }
}
