package io.sfsbroker.chaincode.catalog;

import io.sfsbroker.chaincode.common.ErrorCode;
import io.sfsbroker.chaincode.common.Ledger;
import io.sfsbroker.protocol.catalog.BrokerConfig;
import io.sfsbroker.protocol.catalog.BrokerConfigUpdate;
import io.sfsbroker.protocol.catalog.Names;
import io.sfsbroker.protocol.catalog.ServiceClass;
import io.sfsbroker.protocol.event.EventName;
import java.util.Objects;
import java.util.Optional;

/**
 * The catalog and the broker settings on the ledger, for the catalog contract and every contract
 * that needs them.
 *
 * <p>Keys: {@code service-class~<name>} holds a {@link ServiceClass}; {@code sfsb-config~broker}
 * holds the {@link BrokerConfig}. Both change only through the {@code governance} contract, which
 * validates a proposed value with {@link #nextConfig} / the {@link ServiceClass} record and applies
 * it with {@link #storeConfig} / {@link #storeServiceClass}.
 */
public final class Catalog {

  /** The object type of service-class keys. */
  public static final String CLASS_KEY_TYPE = "service-class";

  /** The object type of settings keys (shared with the envelope settings). */
  public static final String CONFIG_KEY_TYPE = "sfsb-config";

  /** The name of the broker settings under {@link #CONFIG_KEY_TYPE}. */
  public static final String CONFIG_NAME = "broker";

  private Catalog() {}

  /** Returns the broker settings in force: the stored ones, else {@link BrokerConfig#DEFAULT}. */
  public static BrokerConfig config(final Ledger ledger) {
    return ledger.get(configKey(ledger), BrokerConfig.class).orElse(BrokerConfig.DEFAULT);
  }

  /**
   * Returns the service class called {@code name}: the stored one, else the default of that name.
   */
  public static Optional<ServiceClass> serviceClass(final Ledger ledger, final String name) {
    if (name == null || !Names.NAME.matcher(name).matches()) {
      return Optional.empty();
    }
    Optional<ServiceClass> stored = ledger.get(classKey(ledger, name), ServiceClass.class);
    return stored.isPresent() ? stored : DefaultCatalog.find(name);
  }

  /**
   * Returns the broker settings in force with {@code update} applied, as set by {@code by} at the
   * transaction time, checking every bound.
   *
   * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT} when a value is
   *     out of its bounds or the defaults leave theirs
   */
  public static BrokerConfig nextConfig(
      final Ledger ledger, final BrokerConfigUpdate update, final String by) {
    Objects.requireNonNull(update, "update");
    try {
      return config(ledger).with(update, by, ledger.txTime());
    } catch (IllegalArgumentException e) {
      throw ErrorCode.INVALID_ARGUMENT.reject(e.getMessage(), e);
    }
  }

  /**
   * Stores {@code config} as the broker settings under {@code sfsb-config~broker} and emits {@link
   * EventName#BROKER_CONFIGURED}. Only the governance contract calls it, when a proposal applies.
   */
  public static void storeConfig(final Ledger ledger, final BrokerConfig config) {
    ledger.put(configKey(ledger), config);
    ledger.emit(EventName.BROKER_CONFIGURED, config);
  }

  /**
   * Stores {@code given} as set by {@code by} at the transaction time under {@code
   * service-class~<name>} and emits {@link EventName#SERVICE_CLASS_SET}. Only the governance
   * contract calls it, when a proposal applies.
   *
   * @return the stored class
   */
  public static ServiceClass storeServiceClass(
      final Ledger ledger, final ServiceClass given, final String by) {
    ServiceClass stored = given.setBy(by, ledger.txTime());
    ledger.put(classKey(ledger, stored.name()), stored);
    ledger.emit(EventName.SERVICE_CLASS_SET, stored);
    return stored;
  }

  static String configKey(final Ledger ledger) {
    return ledger.key(CONFIG_KEY_TYPE, CONFIG_NAME);
  }

  static String classKey(final Ledger ledger, final String name) {
    return ledger.key(CLASS_KEY_TYPE, name);
  }
}
