package io.sfsbroker.protocol.transaction;

import java.util.Optional;

/**
 * Every transaction of the broker chaincode: its contract, its function name and whether it writes
 * ({@link Kind#SUBMIT}) or only reads ({@link Kind#EVALUATE}). Clients call the chaincode through
 * these (gateway-client's {@code ChaincodeClient}), never with names spelled as strings; the
 * chaincode's tests check that this list and its {@code @Transaction} methods are the same.
 * docs/contracts.md describes each transaction.
 */
public enum TransactionName {
  PARTICIPANT_REGISTER(Contracts.PARTICIPANT, "register", Kind.SUBMIT),
  PARTICIPANT_REVOKE(Contracts.PARTICIPANT, "revoke", Kind.SUBMIT),
  PARTICIPANT_GET(Contracts.PARTICIPANT, "get", Kind.EVALUATE),
  PARTICIPANT_LIST(Contracts.PARTICIPANT, "list", Kind.EVALUATE),
  ENVELOPE_VERIFY(Contracts.ENVELOPE, "verify", Kind.EVALUATE),
  ENVELOPE_CONFIGURE(Contracts.ENVELOPE, "configure", Kind.SUBMIT),
  ENVELOPE_GET_CONFIG(Contracts.ENVELOPE, "getConfig", Kind.EVALUATE),
  ENVELOPE_GET_USED_NONCE(Contracts.ENVELOPE, "getUsedNonce", Kind.EVALUATE),
  CATALOG_SET_SERVICE_CLASS(Contracts.CATALOG, "setServiceClass", Kind.SUBMIT),
  CATALOG_GET_SERVICE_CLASS(Contracts.CATALOG, "getServiceClass", Kind.EVALUATE),
  CATALOG_LIST_SERVICE_CLASSES(Contracts.CATALOG, "listServiceClasses", Kind.EVALUATE),
  CATALOG_CONFIGURE(Contracts.CATALOG, "configure", Kind.SUBMIT),
  CATALOG_GET_CONFIG(Contracts.CATALOG, "getConfig", Kind.EVALUATE),
  REQUEST_SUBMIT_SLICE_REQUEST(Contracts.REQUEST, "submitSliceRequest", Kind.SUBMIT),
  REQUEST_GET_REQUEST(Contracts.REQUEST, "getRequest", Kind.EVALUATE),
  REQUEST_GET_BLUEPRINT(Contracts.REQUEST, "getBlueprint", Kind.EVALUATE),
  REQUEST_LIST_BLUEPRINTS(Contracts.REQUEST, "listBlueprints", Kind.EVALUATE),
  OFFER_SUBMIT_OFFER(Contracts.OFFER, "submitOffer", Kind.SUBMIT),
  OFFER_GET_OFFER(Contracts.OFFER, "getOffer", Kind.EVALUATE),
  OFFER_LIST_OFFERS(Contracts.OFFER, "listOffers", Kind.EVALUATE),
  SELECTION_CLOSE_AND_SELECT(Contracts.SELECTION, "closeAndSelect", Kind.SUBMIT),
  SELECTION_GET_SELECTION(Contracts.SELECTION, "getSelection", Kind.EVALUATE),
  SELECTION_GET_EQUILIBRIUM_TABLE(Contracts.SELECTION, "getEquilibriumTable", Kind.EVALUATE),
  SLICE_CONFIRM_INSTANTIATION(Contracts.SLICE, "confirmInstantiation", Kind.SUBMIT),
  SLICE_CONFIRM_SERVICE(Contracts.SLICE, "confirmService", Kind.SUBMIT),
  SLICE_REPORT_FAILURE(Contracts.SLICE, "reportFailure", Kind.SUBMIT),
  SLICE_EXPIRE(Contracts.SLICE, "expire", Kind.SUBMIT),
  SLICE_DECOMMISSION(Contracts.SLICE, "decommission", Kind.SUBMIT),
  SLICE_DECOMMISSION_AS_ADMIN(Contracts.SLICE, "decommissionAsAdmin", Kind.SUBMIT),
  SLICE_GET_SLICE(Contracts.SLICE, "getSlice", Kind.EVALUATE),
  SLICE_LIST_SLICES(Contracts.SLICE, "listSlices", Kind.EVALUATE),
  SLICE_GET_SLICE_HISTORY(Contracts.SLICE, "getSliceHistory", Kind.EVALUATE),
  SLICE_GET_SLICE_PARTS(Contracts.SLICE, "getSliceParts", Kind.EVALUATE),
  SLICE_GET_SLICE_ENDPOINTS(Contracts.SLICE, "getSliceEndpoints", Kind.EVALUATE),
  CREDIT_CONFIGURE_TREASURY(Contracts.CREDIT, "configureTreasury", Kind.SUBMIT),
  CREDIT_GET_TREASURY(Contracts.CREDIT, "getTreasury", Kind.EVALUATE),
  CREDIT_MINT(Contracts.CREDIT, "mint", Kind.SUBMIT),
  CREDIT_TRANSFER(Contracts.CREDIT, "transfer", Kind.SUBMIT),
  CREDIT_BALANCE_OF(Contracts.CREDIT, "balanceOf", Kind.EVALUATE),
  CREDIT_WHO_AM_I(Contracts.CREDIT, "whoAmI", Kind.EVALUATE),
  CREDIT_GET_ESCROW(Contracts.CREDIT, "getEscrow", Kind.EVALUATE),
  NFT_TRANSFER_FROM(Contracts.NFT, "transferFrom", Kind.SUBMIT),
  NFT_APPROVE(Contracts.NFT, "approve", Kind.SUBMIT),
  NFT_SET_APPROVAL_FOR_ALL(Contracts.NFT, "setApprovalForAll", Kind.SUBMIT),
  NFT_BURN(Contracts.NFT, "burn", Kind.SUBMIT),
  NFT_APPLY_SIGNED(Contracts.NFT, "applySigned", Kind.SUBMIT),
  NFT_BALANCE_OF(Contracts.NFT, "balanceOf", Kind.EVALUATE),
  NFT_OWNER_OF(Contracts.NFT, "ownerOf", Kind.EVALUATE),
  NFT_GET_APPROVED(Contracts.NFT, "getApproved", Kind.EVALUATE),
  NFT_IS_APPROVED_FOR_ALL(Contracts.NFT, "isApprovedForAll", Kind.EVALUATE),
  NFT_GET_TOKEN(Contracts.NFT, "getToken", Kind.EVALUATE),
  NFT_TOTAL_SUPPLY(Contracts.NFT, "totalSupply", Kind.EVALUATE),
  NFT_LIST_BY_OWNER(Contracts.NFT, "listByOwner", Kind.EVALUATE),
  MULTIFLOW_REQUEST_APPLICATION(Contracts.MULTIFLOW, "requestApplication", Kind.SUBMIT),
  MULTIFLOW_SUBMIT_FLOW_BID(Contracts.MULTIFLOW, "submitFlowBid", Kind.SUBMIT),
  MULTIFLOW_CLOSE_APPLICATION(Contracts.MULTIFLOW, "closeApplication", Kind.SUBMIT),
  MULTIFLOW_CONFIRM_APPLICATION(Contracts.MULTIFLOW, "confirmApplication", Kind.SUBMIT),
  MULTIFLOW_EXPIRE_APPLICATION(Contracts.MULTIFLOW, "expireApplication", Kind.SUBMIT),
  MULTIFLOW_RELEASE_APPLICATION(Contracts.MULTIFLOW, "releaseApplication", Kind.SUBMIT),
  MULTIFLOW_GET_APPLICATION(Contracts.MULTIFLOW, "getApplication", Kind.EVALUATE),
  MULTIFLOW_GET_APPLICATION_SELECTION(
      Contracts.MULTIFLOW, "getApplicationSelection", Kind.EVALUATE),
  MULTIFLOW_LIST_APPLICATIONS(Contracts.MULTIFLOW, "listApplications", Kind.EVALUATE),
  AUCTION_OPEN_AUCTION(Contracts.AUCTION, "openAuction", Kind.SUBMIT),
  AUCTION_SUBMIT_BID(Contracts.AUCTION, "submitBid", Kind.SUBMIT),
  AUCTION_CLOSE_ROUND(Contracts.AUCTION, "closeRound", Kind.SUBMIT),
  AUCTION_GET_AUCTION(Contracts.AUCTION, "getAuction", Kind.EVALUATE),
  AUCTION_GET_ROUND(Contracts.AUCTION, "getRound", Kind.EVALUATE),
  AUCTION_GET_ALLOCATION(Contracts.AUCTION, "getAllocation", Kind.EVALUATE),
  AUCTION_LIST_AUCTIONS(Contracts.AUCTION, "listAuctions", Kind.EVALUATE),
  AUCTION_LIST_ROUNDS(Contracts.AUCTION, "listRounds", Kind.EVALUATE),
  AUCTION_CONFIRM_ALLOCATION(Contracts.AUCTION, "confirmAllocation", Kind.SUBMIT),
  AUCTION_CONFIRM_ALLOCATION_AS_ADMIN(Contracts.AUCTION, "confirmAllocationAsAdmin", Kind.SUBMIT),
  AUCTION_REFUND_ALLOCATION(Contracts.AUCTION, "refundAllocation", Kind.SUBMIT),
  AUCTION_REFUND_ALLOCATION_AS_ADMIN(Contracts.AUCTION, "refundAllocationAsAdmin", Kind.SUBMIT),
  AUCTION_OPT_IN(Contracts.AUCTION, "optIn", Kind.SUBMIT),
  AUCTION_OPT_IN_AS_ADMIN(Contracts.AUCTION, "optInAsAdmin", Kind.SUBMIT),
  AUCTION_GET_CONSENTS(Contracts.AUCTION, "getConsents", Kind.EVALUATE),
  AUCTION_EXPIRE_ALLOCATION(Contracts.AUCTION, "expireAllocation", Kind.SUBMIT),
  DEADLINE_LIST_DUE(Contracts.DEADLINE, "listDue", Kind.EVALUATE),
  GOVERNANCE_PROPOSE(Contracts.GOVERNANCE, "propose", Kind.SUBMIT),
  GOVERNANCE_APPROVE(Contracts.GOVERNANCE, "approve", Kind.SUBMIT),
  GOVERNANCE_WITHDRAW(Contracts.GOVERNANCE, "withdraw", Kind.SUBMIT),
  GOVERNANCE_APPLY(Contracts.GOVERNANCE, "apply", Kind.SUBMIT),
  GOVERNANCE_GET_PROPOSAL(Contracts.GOVERNANCE, "getProposal", Kind.EVALUATE),
  GOVERNANCE_LIST_PROPOSALS(Contracts.GOVERNANCE, "listProposals", Kind.EVALUATE),
  GOVERNANCE_GET_HISTORY(Contracts.GOVERNANCE, "getHistory", Kind.EVALUATE),
  GOVERNANCE_GET_GOVERNING_ORGS(Contracts.GOVERNANCE, "getGoverningOrgs", Kind.EVALUATE),
  PROBE_RECORD(Contracts.PROBE, "record", Kind.SUBMIT),
  PROBE_READ(Contracts.PROBE, "read", Kind.EVALUATE);

  /** Whether a transaction is submitted to the orderers or only evaluated on one peer. */
  public enum Kind {
    /** It writes: endorsed, ordered and committed. */
    SUBMIT,
    /** It only reads: evaluated on one peer. */
    EVALUATE
  }

  private final String contract;
  private final String function;
  private final Kind kind;

  TransactionName(final String contract, final String function, final Kind kind) {
    this.contract = contract;
    this.function = function;
    this.kind = kind;
  }

  /** The contract, such as {@code slice}. */
  public String contract() {
    return contract;
  }

  /** The transaction function within the contract, such as {@code getSlice}. */
  public String function() {
    return function;
  }

  /** Whether it writes or only reads. */
  public Kind kind() {
    return kind;
  }

  /** The transaction {@code contract:function}, if the broker has one by that name. */
  public static Optional<TransactionName> of(final String contract, final String function) {
    for (TransactionName name : values()) {
      if (name.contract.equals(contract) && name.function.equals(function)) {
        return Optional.of(name);
      }
    }
    return Optional.empty();
  }

  /** {@code contract:function}, as the docs and log lines write it. */
  @Override
  public String toString() {
    return contract + ":" + function;
  }
}
