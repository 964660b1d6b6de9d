package io.sfsbroker.chaincode.governance;

import io.sfsbroker.chaincode.common.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The peer organisations whose admins govern the market: the MSP ids a majority of which must
 * approve every change of a market-wide setting.
 *
 * <p>The chaincode server is told them at start, in the environment variable {@value #VARIABLE}
 * (comma-separated MSP ids; the network scripts pass the channel's peer organisations). They are
 * not on the ledger, so no transaction, and no single organisation's admin, can change them: every
 * organisation's endorsement is computed with the list its own chaincode server holds, and under
 * the {@code MAJORITY} endorsement policy a transaction that a majority's chaincode does not agree
 * with is never valid. Changing the list means restarting the chaincode servers, as adding an
 * organisation to the channel needs a channel update signed by a majority of admins anyway.
 *
 * @param mspIds the MSP ids, sorted, de-duplicated; empty when the server was started without any
 */
public record GoverningOrgs(List<String> mspIds) {

  /** The environment variable holding the governing organisations. */
  public static final String VARIABLE = "SFSB_GOVERNANCE_ORGS";

  /** Checks each MSP id and sorts them. */
  public GoverningOrgs {
    Objects.requireNonNull(mspIds, "mspIds");
    TreeSet<String> sorted = new TreeSet<>();
    for (String id : mspIds) {
      if (id == null || !id.matches("[A-Za-z0-9.-]{1,64}")) {
        throw new IllegalArgumentException("'" + id + "' is not an MSP id");
      }
      sorted.add(id);
    }
    mspIds = List.copyOf(sorted);
  }

  /** Reads {@value #VARIABLE}; none when it is unset or blank. */
  public static GoverningOrgs fromEnvironment() {
    return parse(System.getenv(VARIABLE));
  }

  /** Reads a comma-separated list of MSP ids; blanks around ids are ignored. */
  public static GoverningOrgs parse(final String list) {
    List<String> ids = new ArrayList<>();
    if (list != null) {
      for (String part : list.split(",")) {
        if (!part.isBlank()) {
          ids.add(part.strip());
        }
      }
    }
    return new GoverningOrgs(ids);
  }

  /** How many approvals a change needs: more than half of the governing organisations. */
  public int majority() {
    return mspIds.size() / 2 + 1;
  }

  /** Tells whether {@code mspId} is a governing organisation. */
  public boolean includes(final String mspId) {
    return mspIds.contains(mspId);
  }

  /** Counts the organisations of {@code approvals} that govern. */
  public long countApprovals(final List<String> approvals) {
    return approvals.stream().distinct().filter(mspIds::contains).count();
  }

  /**
   * Requires that some organisations govern.
   *
   * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INTERNAL} when the chaincode
   *     server was started without {@value #VARIABLE}
   */
  public GoverningOrgs requireConfigured() {
    if (mspIds.isEmpty()) {
      throw ErrorCode.INTERNAL.reject(
          "this chaincode server was started without "
              + VARIABLE
              + " (the comma-separated MSP ids of the channel's peer organisations); restart it"
              + " with them");
    }
    return this;
  }

  /**
   * Requires {@code mspId} to be a governing organisation.
   *
   * @param action what the caller tried, for the message
   * @throws org.hyperledger.fabric.shim.ChaincodeException {@code FORBIDDEN} otherwise
   */
  public void requireMember(final String mspId, final String action) {
    if (!includes(mspId)) {
      throw ErrorCode.FORBIDDEN.reject(
          mspId + " is not a governing organisation " + mspIds + " and may not " + action);
    }
  }
}
