package io.sfsbroker.chaincode.catalog;

import io.sfsbroker.chaincode.common.ErrorCode;
import io.sfsbroker.chaincode.common.Governed;
import io.sfsbroker.chaincode.common.Ledger;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.catalog.BrokerConfig;
import io.sfsbroker.protocol.catalog.ServiceClass;
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

/**
 * The service-class catalog and the broker settings. Every member reads them; they change only
 * through the {@code governance} contract, with the approval of a majority of the governing
 * organisations.
 */
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
   * Refused: service classes change only by the consortium. An org admin proposes the class with
   * {@code governance:propose} (setting {@code service-class}), an admin of another governing
   * organisation approves it, and any member applies it.
   *
   * <p>Who may call: nobody; kept so that a direct call gets a clear answer. Reads and writes
   * nothing.
   *
   * @param classJson ignored
   * @return never
   * @throws ChaincodeException {@code FORBIDDEN}, always
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String setServiceClass(final Context ctx, final String classJson) {
    throw Governed.forbidden("service classes", "service-class");
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
   * Refused: the broker settings change only by the consortium. An org admin proposes the change
   * with {@code governance:propose} (setting {@code broker}), an admin of another governing
   * organisation approves it, and any member applies it.
   *
   * <p>Who may call: nobody; kept so that a direct call gets a clear answer. Reads and writes
   * nothing.
   *
   * @param updateJson ignored
   * @return never
   * @throws ChaincodeException {@code FORBIDDEN}, always
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String configure(final Context ctx, final String updateJson) {
    throw Governed.forbidden("the broker settings", "broker");
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
