package io.sfsbroker.chaincode.deadline;

import io.sfsbroker.chaincode.common.Arguments;
import io.sfsbroker.chaincode.common.Ledger;
import io.sfsbroker.chaincode.common.Page;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.deadline.Deadline;
import io.sfsbroker.protocol.deadline.DuePage;
import io.sfsbroker.protocol.deadline.DueQuery;
import io.sfsbroker.protocol.transaction.Contracts;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contact;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.License;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.shim.ChaincodeException;

/**
 * The ledger's schedule, read by the broker's keeper: every offer window, instantiation, service
 * confirmation and validity of a slice, bid window and confirmation of an application, auction
 * round and allocation escrow that waits for time, with the transaction that settles it once due.
 */
@Contract(
    name = Contracts.DEADLINE,
    info =
        @Info(
            title = "SFSBroker deadlines",
            description = "What is due on the ledger, and by which transaction it settles",
            version = "0.1.0",
            license = @License(name = "Apache-2.0"),
            contact = @Contact(name = "SFSBroker")))
public final class DeadlineContract implements ContractInterface {

  /**
   * Lists the deadlines due at or before {@code until}, earliest first, one page at a time.
   *
   * <p>Who may call: any member of the channel. Reads {@code deadline~*}; writes nothing.
   *
   * @param queryJson a {@link DueQuery}, for example {@code {"until":"2026-12-04T10:00:00Z"}}
   * @return a {@link DuePage} as JSON
   * @throws ChaincodeException {@code INVALID_ARGUMENT} when the query is malformed, the page size
   *     is out of range or the bookmark belongs to another query
   */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String listDue(final Context ctx, final String queryJson) {
    DueQuery query = Arguments.json("query", queryJson, DueQuery.class);
    Page<Deadline> page =
        Deadlines.due(Ledger.of(ctx), query.until(), query.pageSizeOrDefault(), query.bookmark());
    return Json.toJson(new DuePage(page.items(), page.bookmark()));
  }
}
