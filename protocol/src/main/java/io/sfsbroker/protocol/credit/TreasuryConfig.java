package io.sfsbroker.protocol.credit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Which organisations administer credits and tokens, stored under {@code sfsb-config~treasury}:
 * their admins mint credits. It is set, the first time included, only by a governance proposal
 * (setting {@code treasury}) that a majority of the peer organisations' admins approved.
 *
 * @param treasuryOrgs the MSP ids, sorted, at least one
 * @param updatedBy the MSP id of the organisation that proposed it
 * @param updatedAt the transaction time it was set
 */
public record TreasuryConfig(List<String> treasuryOrgs, String updatedBy, Instant updatedAt) {

  /** Sorts and de-duplicates the organisations and requires at least one. */
  public TreasuryConfig {
    Objects.requireNonNull(treasuryOrgs, "treasuryOrgs");
    TreeSet<String> sorted = new TreeSet<>();
    for (String org : treasuryOrgs) {
      if (org == null || !org.matches("[A-Za-z0-9.-]{1,64}")) {
        throw new IllegalArgumentException("'" + org + "' is not an MSP id");
      }
      sorted.add(org);
    }
    if (sorted.isEmpty()) {
      throw new IllegalArgumentException("treasuryOrgs must name at least one MSP id");
    }
    treasuryOrgs = List.copyOf(sorted);
  }
}
