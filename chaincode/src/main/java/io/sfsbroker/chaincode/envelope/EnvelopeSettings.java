package io.sfsbroker.chaincode.envelope;

import io.sfsbroker.chaincode.common.ErrorCode;
import io.sfsbroker.chaincode.common.Ledger;
import io.sfsbroker.protocol.envelope.ConfigUpdate;
import io.sfsbroker.protocol.envelope.EnvelopeConfig;
import io.sfsbroker.protocol.event.EventName;
import java.util.Objects;

/**
 * Reads and writes the {@link EnvelopeConfig} on the ledger, under {@code sfsb-config~envelope}. It
 * changes only through the {@code governance} contract, which validates a proposed value with
 * {@link #next} and applies it with {@link #store}.
 */
public final class EnvelopeSettings {

  static final String KEY_TYPE = "sfsb-config";
  static final String NAME = "envelope";

  private EnvelopeSettings() {}

  /** Returns the settings in force: the stored ones, else {@link EnvelopeConfig#DEFAULT}. */
  public static EnvelopeConfig read(final Ledger ledger) {
    return ledger.get(key(ledger), EnvelopeConfig.class).orElse(EnvelopeConfig.DEFAULT);
  }

  /**
   * Returns the settings {@code update} sets, as set by {@code by} at the transaction time.
   *
   * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT} when the skew
   *     is missing or not 5 to 3600 seconds
   */
  public static EnvelopeConfig next(
      final Ledger ledger, final ConfigUpdate update, final String by) {
    Objects.requireNonNull(update, "update");
    if (update.maxClockSkewSeconds() == null) {
      throw ErrorCode.INVALID_ARGUMENT.reject("maxClockSkewSeconds is missing");
    }
    try {
      return new EnvelopeConfig(update.maxClockSkewSeconds(), by, ledger.txTime());
    } catch (IllegalArgumentException e) {
      throw ErrorCode.INVALID_ARGUMENT.reject(e.getMessage(), e);
    }
  }

  /** Stores {@code config} and emits {@link EventName#ENVELOPE_CONFIGURED}. */
  public static void store(final Ledger ledger, final EnvelopeConfig config) {
    ledger.put(key(ledger), config);
    ledger.emit(EventName.ENVELOPE_CONFIGURED, config);
  }

  static String key(final Ledger ledger) {
    return ledger.key(KEY_TYPE, NAME);
  }
}
