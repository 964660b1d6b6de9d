package io.sfsbroker.chaincode.credit;

import io.sfsbroker.chaincode.common.Account;
import io.sfsbroker.chaincode.common.Arguments;
import io.sfsbroker.chaincode.common.Caller;
import io.sfsbroker.chaincode.common.ErrorCode;
import io.sfsbroker.chaincode.common.Governed;
import io.sfsbroker.chaincode.common.Ledger;
import io.sfsbroker.chaincode.participant.Participants;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.credit.CreditBalance;
import io.sfsbroker.protocol.credit.CreditTransfer;
import io.sfsbroker.protocol.credit.Escrow;
import io.sfsbroker.protocol.credit.TreasuryConfig;
import io.sfsbroker.protocol.event.EventName;
import io.sfsbroker.protocol.transaction.Contracts;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contact;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.License;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.shim.ChaincodeException;

/**
 * The credit ledger: the treasury setting, minting, transfers between client identities, balances
 * and escrow look-ups. Escrow itself is locked, released and refunded by the broker's contracts
 * through {@link Credits}, never by a transaction of its own.
 */
@Contract(
    name = Contracts.CREDIT,
    info =
        @Info(
            title = "SFSBroker credits and escrow",
            description = "Fungible credits in minor units, treasury minting, escrow look-ups",
            version = "0.1.0",
            license = @License(name = "Apache-2.0"),
            contact = @Contact(name = "SFSBroker")))
public final class CreditContract implements ContractInterface {

  private static final String NO_TREASURY =
      "no treasury is configured; the governing organisations set it through governance:propose"
          + " with setting 'treasury', governance:approve and governance:apply";

  /**
   * Refused: which organisations mint credits changes only by the consortium. An org admin proposes
   * the treasury with {@code governance:propose} (setting {@code treasury}), an admin of another
   * governing organisation approves it, and any member applies it; the first treasury is set the
   * same way.
   *
   * <p>Who may call: nobody; kept so that a direct call gets a clear answer. Reads and writes
   * nothing.
   *
   * @param configJson ignored
   * @return never
   * @throws ChaincodeException {@code FORBIDDEN}, always
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String configureTreasury(final Context ctx, final String configJson) {
    throw Governed.forbidden("the treasury organisations", "treasury");
  }

  /**
   * Returns the treasury setting.
   *
   * <p>Who may call: any member of the channel. Reads {@code sfsb-config~treasury}.
   *
   * @return the {@link TreasuryConfig} as JSON
   * @throws ChaincodeException {@code NOT_FOUND} while none is set
   */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String getTreasury(final Context ctx) {
    return Json.toJson(
        Treasury.read(Ledger.of(ctx)).orElseThrow(() -> ErrorCode.NOT_FOUND.reject(NO_TREASURY)));
  }

  /**
   * Mints credits into an account. Each mint is recorded under {@code credit-mint~<txId>}, so the
   * credits in existence are the sum of the mint records.
   *
   * <p>Who may call: an admin of a treasury organisation. Reads {@code sfsb-config~treasury} and
   * the balance; writes {@code credit-balance~<to>} and {@code credit-mint~<txId>}; emits {@value
   * EventName#CREDITS_MINTED}.
   *
   * @param mintJson {@code {"to":"device:fog-1","amount":100000}}
   * @return the new {@link CreditBalance} as JSON
   * @throws ChaincodeException {@code MALFORMED} / {@code INVALID_ARGUMENT} for a bad argument or
   *     account, or a balance that would exceed {@value Long#MAX_VALUE}; {@code FORBIDDEN} when the
   *     caller is not a treasury admin or none is configured; {@code NOT_FOUND} for the account of
   *     a device that is not a registered participant
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String mint(final Context ctx, final String mintJson) {
    CreditTransfer given = Arguments.json("mint", mintJson, CreditTransfer.class);
    String to = Account.require("to", given.to());
    Ledger ledger = Ledger.of(ctx);
    Caller caller = Caller.of(ctx);
    TreasuryConfig config =
        Treasury.read(ledger).orElseThrow(() -> ErrorCode.FORBIDDEN.reject(NO_TREASURY));
    requireTreasuryAdmin(caller, config, "mint credits");
    Account.participantId(to)
        .filter(id -> Participants.find(ledger, id).isEmpty())
        .ifPresent(
            id -> {
              throw ErrorCode.NOT_FOUND.reject(
                  "participant "
                      + id
                      + " does not exist; register it (participant:register) before minting to"
                      + " its account");
            });
    long balance = Credits.credit(ledger, to, given.amount());
    CreditTransfer minted = new CreditTransfer(null, to, given.amount());
    ledger.put(ledger.key(Credits.MINT_KEY_TYPE, ledger.txId()), minted);
    ledger.emit(EventName.CREDITS_MINTED, minted);
    return Json.toJson(new CreditBalance(to, balance));
  }

  /**
   * Transfers credits from the caller's own client-identity account to another account.
   *
   * <p>Who may call: any member of the channel, spending its own {@code client:<msp>:<id>} balance.
   * Reads and writes {@code credit-balance~<from>} and {@code credit-balance~<to>}; emits {@value
   * EventName#CREDITS_TRANSFERRED}.
   *
   * @param transferJson {@code {"to":"device:fog-1","amount":500}}
   * @return the sender's new {@link CreditBalance} as JSON
   * @throws ChaincodeException {@code MALFORMED} / {@code INVALID_ARGUMENT} for a bad argument, an
   *     invalid account, a transfer to oneself or a recipient balance that would exceed {@value
   *     Long#MAX_VALUE}; {@code INVALID_STATE} when the balance is too small
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String transfer(final Context ctx, final String transferJson) {
    CreditTransfer given = Arguments.json("transfer", transferJson, CreditTransfer.class);
    String to = Account.require("to", given.to());
    String from = Account.client(Caller.of(ctx));
    if (from.equals(to)) {
      throw ErrorCode.INVALID_ARGUMENT.reject("a transfer to oneself moves nothing");
    }
    Ledger ledger = Ledger.of(ctx);
    long balance = Credits.balance(ledger, from);
    if (balance < given.amount()) {
      throw ErrorCode.INVALID_STATE.reject(
          from + " holds " + balance + " credits, fewer than the " + given.amount() + " to send");
    }
    // An overflow of the recipient's balance is refused before anything is written.
    Credits.plus(to, Credits.balance(ledger, to), given.amount());
    CreditTransfer done = new CreditTransfer(from, to, given.amount());
    ledger.put(Credits.balanceKey(ledger, from), new CreditBalance(from, balance - given.amount()));
    Credits.credit(ledger, to, given.amount());
    ledger.emit(EventName.CREDITS_TRANSFERRED, done);
    return Json.toJson(new CreditBalance(from, balance - given.amount()));
  }

  /**
   * Returns an account's balance (0 for an account that never held credits).
   *
   * <p>Who may call: any member of the channel. Reads {@code credit-balance~<account>}.
   *
   * @param account {@code device:<id>} or {@code client:<msp>:<x509 id>}
   * @return the {@link CreditBalance} as JSON
   * @throws ChaincodeException {@code INVALID_ARGUMENT} when the account is malformed
   */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String balanceOf(final Context ctx, final String account) {
    Account.require("account", account);
    return Json.toJson(new CreditBalance(account, Credits.balance(Ledger.of(ctx), account)));
  }

  /**
   * Returns the caller's own client-identity account id.
   *
   * <p>Who may call: any member of the channel. Reads nothing.
   *
   * @return {@code {"account":"client:<msp>:<x509 id>"}}
   */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String whoAmI(final Context ctx) {
    return Json.toJson(Map.of("account", Account.client(Caller.of(ctx))));
  }

  /**
   * Returns the escrow of a slice, an application or an auctioned allocation.
   *
   * <p>Who may call: any member of the channel. Reads {@code escrow~<id>}.
   *
   * @param id the slice or application id, or the allocation id {@code
   *     allocation:<auctionId>:<groupId>:<planetId>}
   * @return the {@link Escrow} as JSON
   * @throws ChaincodeException {@code INVALID_ARGUMENT} when the id is malformed; {@code NOT_FOUND}
   *     when there is none
   */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String getEscrow(final Context ctx, final String id) {
    Arguments.text("id", id, 200);
    if (!id.matches("[A-Za-z0-9._:-]+")) {
      throw ErrorCode.INVALID_ARGUMENT.reject(
          "'" + id + "' is not a slice, application or allocation id");
    }
    return Json.toJson(
        Credits.escrow(Ledger.of(ctx), id)
            .orElseThrow(() -> ErrorCode.NOT_FOUND.reject("there is no escrow " + id)));
  }

  private static void requireTreasuryAdmin(
      final Caller caller, final TreasuryConfig config, final String action) {
    caller.requireAdmin(action);
    List<String> orgs = config.treasuryOrgs();
    if (!orgs.contains(caller.mspId())) {
      throw ErrorCode.FORBIDDEN.reject(
          "only an admin of a treasury organisation " + orgs + " may " + action);
    }
  }
}
