package io.sfsbroker.chaincode.credit;

import io.sfsbroker.chaincode.common.Ledger;
import io.sfsbroker.protocol.credit.TreasuryConfig;
import io.sfsbroker.protocol.event.EventName;
import java.util.Optional;

/**
 * The treasury setting on the ledger, under {@code sfsb-config~treasury}: which organisations'
 * admins mint credits. It changes only through the {@code governance} contract, which applies a
 * proposal with {@link #store}.
 */
public final class Treasury {

  private static final String CONFIG_KEY_TYPE = "sfsb-config";
  private static final String CONFIG_NAME = "treasury";

  private Treasury() {}

  /** Reads the treasury setting, if one is set. */
  public static Optional<TreasuryConfig> read(final Ledger ledger) {
    return ledger.get(key(ledger), TreasuryConfig.class);
  }

  /**
   * Stores the treasury organisations of {@code given} as set by {@code by} at the transaction time
   * and emits {@link EventName#TREASURY_CONFIGURED}.
   *
   * @return the stored setting
   */
  public static TreasuryConfig store(
      final Ledger ledger, final TreasuryConfig given, final String by) {
    TreasuryConfig stored = new TreasuryConfig(given.treasuryOrgs(), by, ledger.txTime());
    ledger.put(key(ledger), stored);
    ledger.emit(EventName.TREASURY_CONFIGURED, stored);
    return stored;
  }

  private static String key(final Ledger ledger) {
    return ledger.key(CONFIG_KEY_TYPE, CONFIG_NAME);
  }
}
