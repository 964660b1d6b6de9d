package io.sfsbroker.protocol.governance;

import io.sfsbroker.protocol.catalog.BrokerConfigUpdate;
import io.sfsbroker.protocol.catalog.ServiceClass;
import io.sfsbroker.protocol.credit.TreasuryConfig;
import io.sfsbroker.protocol.envelope.ConfigUpdate;
import java.util.Arrays;
import java.util.Optional;

/**
 * The market-wide settings the consortium governs, each with its wire name (what {@code
 * governance:propose} takes) and the record its proposed value decodes to.
 */
public enum Setting {
  /**
   * The broker settings ({@code catalog:getConfig}): offer-window bounds, default selection rule,
   * confirmation timeouts, slice validity; the value is a {@link BrokerConfigUpdate}, members left
   * out keep their value.
   */
  BROKER("broker", BrokerConfigUpdate.class),
  /**
   * One service class of the catalog ({@code catalog:getServiceClass}); the value is a whole {@link
   * ServiceClass} without {@code updatedBy}/{@code updatedAt}.
   */
  SERVICE_CLASS("service-class", ServiceClass.class),
  /** The envelope settings ({@code envelope:getConfig}); the value is a {@link ConfigUpdate}. */
  ENVELOPE("envelope", ConfigUpdate.class),
  /**
   * The organisations whose admins mint credits ({@code credit:getTreasury}); the value is {@code
   * {"treasuryOrgs":[…]}}, a {@link TreasuryConfig}.
   */
  TREASURY("treasury", TreasuryConfig.class);

  private final String wireName;
  private final Class<?> valueType;

  Setting(final String wireName, final Class<?> valueType) {
    this.wireName = wireName;
    this.valueType = valueType;
  }

  /** The name on the wire, such as {@code broker}. */
  public String wireName() {
    return wireName;
  }

  /** The record a proposed value decodes to. */
  public Class<?> valueType() {
    return valueType;
  }

  /** Finds the setting with wire name {@code name}. */
  public static Optional<Setting> fromWireName(final String name) {
    return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
  }

  @Override
  public String toString() {
    return wireName;
  }
}
