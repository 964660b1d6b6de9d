package io.sfsbroker.chaincode.envelope;

import io.sfsbroker.chaincode.common.Ledger;
import io.sfsbroker.protocol.envelope.EnvelopeConfig;

/** Reads and writes the {@link EnvelopeConfig} on the ledger. */
final class EnvelopeSettings {

  static final String KEY_TYPE = "sfsb-config";
  static final String NAME = "envelope";

  private EnvelopeSettings() {}

  static EnvelopeConfig read(final Ledger ledger) {
    return ledger.get(key(ledger), EnvelopeConfig.class).orElse(EnvelopeConfig.DEFAULT);
  }

  static void write(final Ledger ledger, final EnvelopeConfig config) {
    ledger.put(key(ledger), config);
  }

  static String key(final Ledger ledger) {
    return ledger.key(KEY_TYPE, NAME);
  }
}
