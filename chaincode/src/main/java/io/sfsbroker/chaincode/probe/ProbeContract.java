package io.sfsbroker.chaincode.probe;

import io.sfsbroker.protocol.event.EventName;
import io.sfsbroker.protocol.transaction.Contracts;
import java.nio.charset.StandardCharsets;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contact;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Default;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.License;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.hyperledger.fabric.shim.ChaincodeStub;

/**
 * Writes and reads probe records. Used by {@code ./sfsbroker network up} to prove that a
 * transaction commits, and by the integration tests of the network.
 */
@Contract(
    name = Contracts.PROBE,
    info =
        @Info(
            title = "SFSBroker network probe",
            description = "Proves that transactions endorse, commit and emit events",
            version = "0.1.0",
            license = @License(name = "Apache-2.0"),
            contact = @Contact(name = "SFSBroker")))
@Default
public final class ProbeContract implements ContractInterface {

  private static final String KEY_TYPE = "probe";
  private static final int MAX_LENGTH = 256;

  /**
   * Stores {@code note} under {@code id} and emits a {@link EventName#PROBE_RECORDED} event whose
   * payload is the note. Any client of the channel may call it. Writes the key {@code probe~id}.
   *
   * @throws ChaincodeException {@code INVALID_ARGUMENT} when the id or the note is empty or longer
   *     than 256 characters
   * @return the note as stored
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String record(final Context ctx, final String id, final String note) {
    requireText("id", id);
    requireText("note", note);
    ChaincodeStub stub = ctx.getStub();
    stub.putStringState(key(stub, id), note);
    stub.setEvent(EventName.PROBE_RECORDED.wireName(), note.getBytes(StandardCharsets.UTF_8));
    return note;
  }

  /**
   * Returns the note stored under {@code id}. Any client of the channel may call it; it reads the
   * key {@code probe~id} and writes nothing.
   *
   * @throws ChaincodeException {@code NOT_FOUND} when nothing is stored under the id
   * @return the stored note
   */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String read(final Context ctx, final String id) {
    requireText("id", id);
    ChaincodeStub stub = ctx.getStub();
    String note = stub.getStringState(key(stub, id));
    if (note == null || note.isEmpty()) {
      throw new ChaincodeException("NOT_FOUND: no probe record " + id, "NOT_FOUND");
    }
    return note;
  }

  private static String key(final ChaincodeStub stub, final String id) {
    return stub.createCompositeKey(KEY_TYPE, id).toString();
  }

  private static void requireText(final String name, final String value) {
    if (value == null || value.isBlank() || value.length() > MAX_LENGTH) {
      throw new ChaincodeException(
          "INVALID_ARGUMENT: " + name + " must be 1 to " + MAX_LENGTH + " characters",
          "INVALID_ARGUMENT");
    }
  }
}
