package io.sfsbroker.chaincode.governance;

import com.google.gson.JsonObject;
import io.sfsbroker.chaincode.catalog.Catalog;
import io.sfsbroker.chaincode.common.Arguments;
import io.sfsbroker.chaincode.common.ErrorCode;
import io.sfsbroker.chaincode.common.Ledger;
import io.sfsbroker.chaincode.credit.Treasury;
import io.sfsbroker.chaincode.envelope.EnvelopeSettings;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.catalog.BrokerConfigUpdate;
import io.sfsbroker.protocol.catalog.ServiceClass;
import io.sfsbroker.protocol.credit.TreasuryConfig;
import io.sfsbroker.protocol.envelope.ConfigUpdate;
import io.sfsbroker.protocol.governance.Proposal;
import io.sfsbroker.protocol.governance.Setting;

/**
 * What each governed {@link Setting} means on the ledger: how a proposed value is validated (with
 * the validation the setting's own feature uses) and which subject it changes, and how an approved
 * proposal is applied (stored and announced by that feature).
 */
final class GovernedSettings {

  /**
   * A validated proposed value.
   *
   * @param subject what it changes, the key of its history
   * @param value the value as its record encodes it
   */
  record Prepared(String subject, JsonObject value) {}

  private GovernedSettings() {}

  /**
   * Validates {@code valueJson} for {@code setting} against the settings in force, as a change by
   * {@code by}.
   *
   * @throws org.hyperledger.fabric.shim.ChaincodeException {@code MALFORMED} or {@code
   *     INVALID_ARGUMENT} when the value is not one the setting accepts
   */
  static Prepared prepare(
      final Ledger ledger, final Setting setting, final String valueJson, final String by) {
    switch (setting) {
      case BROKER -> {
        BrokerConfigUpdate update = Arguments.json("value", valueJson, BrokerConfigUpdate.class);
        Catalog.nextConfig(ledger, update, by);
        return new Prepared(setting.wireName(), tree(update));
      }
      case SERVICE_CLASS -> {
        ServiceClass given = Arguments.json("value", valueJson, ServiceClass.class);
        if (given.updatedBy() != null || given.updatedAt() != null) {
          throw ErrorCode.INVALID_ARGUMENT.reject(
              "value: updatedBy and updatedAt are set by the chaincode; leave them out");
        }
        return new Prepared(setting.wireName() + ":" + given.name(), tree(given));
      }
      case ENVELOPE -> {
        ConfigUpdate update = Arguments.json("value", valueJson, ConfigUpdate.class);
        EnvelopeSettings.next(ledger, update, by);
        return new Prepared(setting.wireName(), tree(update));
      }
      case TREASURY -> {
        TreasuryConfig given = Arguments.json("value", valueJson, TreasuryConfig.class);
        if (given.updatedBy() != null || given.updatedAt() != null) {
          throw ErrorCode.INVALID_ARGUMENT.reject(
              "value: updatedBy and updatedAt are set by the chaincode; leave them out");
        }
        return new Prepared(setting.wireName(), tree(given));
      }
      default -> throw ErrorCode.INTERNAL.reject("setting " + setting + " has no handler");
    }
  }

  /**
   * Applies {@code proposal}'s value: stores it as set by the proposer's organisation and emits the
   * setting's own event.
   */
  static void apply(final Ledger ledger, final Proposal proposal) {
    String json = proposal.value().toString();
    String by = proposal.proposedBy();
    switch (proposal.settingName()) {
      case BROKER ->
          Catalog.storeConfig(
              ledger,
              Catalog.nextConfig(ledger, Json.fromJson(json, BrokerConfigUpdate.class), by));
      case SERVICE_CLASS ->
          Catalog.storeServiceClass(ledger, Json.fromJson(json, ServiceClass.class), by);
      case ENVELOPE ->
          EnvelopeSettings.store(
              ledger, EnvelopeSettings.next(ledger, Json.fromJson(json, ConfigUpdate.class), by));
      case TREASURY -> Treasury.store(ledger, Json.fromJson(json, TreasuryConfig.class), by);
      default ->
          throw ErrorCode.INTERNAL.reject("setting " + proposal.setting() + " has no handler");
    }
  }

  private static JsonObject tree(final Object value) {
    return Json.toJsonTree(value).getAsJsonObject();
  }
}
