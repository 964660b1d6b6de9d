package io.sfsbroker.chaincode.catalog;

import io.sfsbroker.chaincode.common.Ledger;
import io.sfsbroker.protocol.catalog.BrokerConfig;
import io.sfsbroker.protocol.catalog.Names;
import io.sfsbroker.protocol.catalog.ServiceClass;
import java.util.Optional;

/**
 * The catalog and the broker settings on the ledger, for the catalog contract and every contract
 * that needs them.
 *
 * <p>Keys: {@code service-class~<name>} holds a {@link ServiceClass}; {@code sfsb-config~broker}
 * holds the {@link BrokerConfig}.
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

  static String configKey(final Ledger ledger) {
    return ledger.key(CONFIG_KEY_TYPE, CONFIG_NAME);
  }

  static String classKey(final Ledger ledger, final String name) {
    return ledger.key(CLASS_KEY_TYPE, name);
  }
}
