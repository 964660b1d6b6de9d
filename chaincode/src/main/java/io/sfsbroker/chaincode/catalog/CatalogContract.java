package io.sfsbroker.chaincode.catalog;

import io.sfsbroker.chaincode.common.Arguments;
import io.sfsbroker.chaincode.common.Caller;
import io.sfsbroker.chaincode.common.ErrorCode;
import io.sfsbroker.chaincode.common.Ledger;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.catalog.BrokerConfig;
import io.sfsbroker.protocol.catalog.BrokerConfigUpdate;
import io.sfsbroker.protocol.catalog.ServiceClass;
import io.sfsbroker.protocol.event.EventName;
import io.sfsbroker.protocol.transaction.Contracts;
import java.util.List;
import java.util.TreeMap;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contact;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.License;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.shim.ChaincodeException;

/** The service-class catalog and the broker settings. Admins set them; every member reads them. */
@Contract(
    name = Contracts.CATALOG,
    info =
        @Info(
            title = "SFSBroker catalog",
            description = "Service classes and broker settings",
            version = "0.1.0",
            license = @License(name = "Apache-2.0"),
            contact = @Contact(name = "SFSBroker")))
public final class CatalogContract implements ContractInterface {

  /**
   * Stores a service class, replacing the stored or default class of the same name.
   *
   * <p>Who may call: an admin (certificate with {@code OU=admin}) of any organisation of the
   * channel. Writes {@code service-class~<name>}; emits {@link EventName#SERVICE_CLASS_SET}.
   *
   * @param classJson a {@link ServiceClass} without {@code updatedBy}/{@code updatedAt}, for
   *     example {@code {"name":"ar-vr","resources":[{"category":"cpu-millicores","amount":2000,
   *     "budgetWeight":1}],"qoe":{"maxLatencyMicros":1500}}}
   * @return the stored {@link ServiceClass} as JSON
   * @throws ChaincodeException {@code MALFORMED} when the argument is not a JSON object; {@code
   *     INVALID_ARGUMENT} when a name, amount, weight or QoE value is invalid; {@code FORBIDDEN}
   *     when the caller is not an admin
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String setServiceClass(final Context ctx, final String classJson) {
    ServiceClass given = Arguments.json("serviceClass", classJson, ServiceClass.class);
    Caller caller = Caller.of(ctx);
    caller.requireAdmin("set service classes");
    Ledger ledger = Ledger.of(ctx);
    ServiceClass stored = given.setBy(caller.mspId(), ledger.txTime());
    ledger.put(Catalog.classKey(ledger, stored.name()), stored);
    ledger.emit(EventName.SERVICE_CLASS_SET, stored);
    return Json.toJson(stored);
  }

  /**
   * Returns a service class: the stored one, or the default of that name.
   *
   * <p>Who may call: any member of the channel. Reads {@code service-class~<name>}; writes nothing.
   *
   * @param name the class's name, such as {@code ar-vr}
   * @return the {@link ServiceClass} as JSON
   * @throws ChaincodeException {@code NOT_FOUND} when there is neither a stored nor a default class
   *     of that name
   */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String getServiceClass(final Context ctx, final String name) {
    return Json.toJson(
        Catalog.serviceClass(Ledger.of(ctx), name)
            .orElseThrow(
                () -> ErrorCode.NOT_FOUND.reject("service class " + name + " does not exist")));
  }

  /**
   * Lists every service class in force, stored and default, in name order.
   *
   * <p>Who may call: any member of the channel. Reads {@code service-class~*}; writes nothing.
   *
   * @return a JSON array of {@link ServiceClass}es
   */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String listServiceClasses(final Context ctx) {
    Ledger ledger = Ledger.of(ctx);
    TreeMap<String, ServiceClass> classes = new TreeMap<>();
    DefaultCatalog.all().forEach(c -> classes.put(c.name(), c));
    ledger
        .all(Catalog.CLASS_KEY_TYPE, List.of(), entry -> ledger.decode(entry, ServiceClass.class))
        .forEach(c -> classes.put(c.name(), c));
    return Json.toJson(List.copyOf(classes.values()));
  }

  /**
   * Changes the broker settings; members left out keep their value.
   *
   * <p>Who may call: an admin of any organisation of the channel. Reads and writes {@code
   * sfsb-config~broker}; emits {@link EventName#BROKER_CONFIGURED}. Requests already open keep the
   * window and rule they were opened with.
   *
   * @param updateJson a {@link BrokerConfigUpdate}, for example {@code
   *     {"defaultOfferWindowSeconds":20,"defaultStrategy":"LOWEST_OFFER"}}
   * @return the new {@link BrokerConfig} as JSON
   * @throws ChaincodeException {@code MALFORMED} when the argument is not a JSON object; {@code
   *     INVALID_ARGUMENT} when a value is out of its bounds or the defaults leave theirs; {@code
   *     FORBIDDEN} when the caller is not an admin
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String configure(final Context ctx, final String updateJson) {
    BrokerConfigUpdate update = Arguments.json("config", updateJson, BrokerConfigUpdate.class);
    Caller caller = Caller.of(ctx);
    caller.requireAdmin("change the broker settings");
    Ledger ledger = Ledger.of(ctx);
    BrokerConfig config;
    try {
      config = Catalog.config(ledger).with(update, caller.mspId(), ledger.txTime());
    } catch (IllegalArgumentException e) {
      throw ErrorCode.INVALID_ARGUMENT.reject(e.getMessage(), e);
    }
    ledger.put(Catalog.configKey(ledger), config);
    ledger.emit(EventName.BROKER_CONFIGURED, config);
    return Json.toJson(config);
  }

  /**
   * Returns the broker settings in force.
   *
   * <p>Who may call: any member of the channel. Reads {@code sfsb-config~broker}; writes nothing.
   *
   * @return the {@link BrokerConfig} as JSON; {@link BrokerConfig#DEFAULT} while none was set
   */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String getConfig(final Context ctx) {
    return Json.toJson(Catalog.config(Ledger.of(ctx)));
  }
}
