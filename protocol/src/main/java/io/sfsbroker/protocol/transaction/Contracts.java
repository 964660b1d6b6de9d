package io.sfsbroker.protocol.transaction;

/**
 * The contract names of the broker chaincode, as its {@code @Contract} annotations and every client
 * spell them; {@link TransactionName} names their transactions.
 */
public final class Contracts {

  /** The {@code participant} contract: the participant registry. */
  public static final String PARTICIPANT = "participant";

  /** The {@code envelope} contract: envelope verification and its settings. */
  public static final String ENVELOPE = "envelope";

  /** The {@code catalog} contract: the service-class catalog and the broker settings. */
  public static final String CATALOG = "catalog";

  /** The {@code request} contract: the prime mover: slice requests and blueprints. */
  public static final String REQUEST = "request";

  /** The {@code offer} contract: the mediator: offers. */
  public static final String OFFER = "offer";

  /** The {@code selection} contract: the mediator: the selection. */
  public static final String SELECTION = "selection";

  /** The {@code slice} contract: the global slice manager. */
  public static final String SLICE = "slice";

  /** The {@code credit} contract: credits and escrow. */
  public static final String CREDIT = "credit";

  /** The {@code nft} contract: resource tokens (ERC-721). */
  public static final String NFT = "nft";

  /** The {@code multiflow} contract: multi-flow applications. */
  public static final String MULTIFLOW = "multiflow";

  /** The {@code auction} contract: the DDRA auction. */
  public static final String AUCTION = "auction";

  /** The {@code deadline} contract: what is due, for the keeper. */
  public static final String DEADLINE = "deadline";

  /** The {@code governance} contract: consortium approval of the market-wide settings. */
  public static final String GOVERNANCE = "governance";

  /** The {@code probe} contract: a probe for tests and latency measurements. */
  public static final String PROBE = "probe";

  private Contracts() {}
}
