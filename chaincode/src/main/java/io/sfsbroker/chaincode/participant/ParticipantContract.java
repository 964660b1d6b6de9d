package io.sfsbroker.chaincode.participant;

import io.sfsbroker.chaincode.common.Arguments;
import io.sfsbroker.chaincode.common.Caller;
import io.sfsbroker.chaincode.common.ErrorCode;
import io.sfsbroker.chaincode.common.Ledger;
import io.sfsbroker.chaincode.common.Page;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.envelope.Envelope;
import io.sfsbroker.protocol.event.EventName;
import io.sfsbroker.protocol.keys.Pem;
import io.sfsbroker.protocol.participant.Participant;
import io.sfsbroker.protocol.participant.ParticipantQuery;
import io.sfsbroker.protocol.participant.ParticipantRole;
import io.sfsbroker.protocol.participant.ParticipantStatus;
import io.sfsbroker.protocol.participant.Registration;
import io.sfsbroker.protocol.transaction.Contracts;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.List;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contact;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.License;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.shim.ChaincodeException;

/**
 * The participant registry: organisation admins register the fog nodes, resource providers and
 * other devices of their organisation with the public keys they sign with, and revoke them. Every
 * signed message the chaincode accepts comes from an active participant registered here.
 */
@Contract(
    name = Contracts.PARTICIPANT,
    info =
        @Info(
            title = "SFSBroker participant registry",
            description = "Fog nodes, resource providers and other signers, with their P-256 keys",
            version = "0.1.0",
            license = @License(name = "Apache-2.0"),
            contact = @Contact(name = "SFSBroker")))
public final class ParticipantContract implements ContractInterface {

  /** The page size of {@link #list} when none is given. */
  public static final int DEFAULT_PAGE_SIZE = 50;

  private static final int MAX_ID_LENGTH = 64;

  /**
   * Registers a participant of the caller's organisation.
   *
   * <p>Who may call: an admin (certificate with {@code OU=admin}) of the organisation the
   * participant belongs to. Reads {@code participant~<id>}; writes {@code participant~<id>} and the
   * index entry {@code participant-role~<ROLE>~<id>}; emits {@value
   * EventName#PARTICIPANT_REGISTERED}. The organisation is the caller's MSP id; the key is stored
   * as a {@code PUBLIC KEY} PEM block even when a certificate was given. Ids are never reused, not
   * even after a revocation.
   *
   * @param registrationJson a {@link Registration}, for example {@code
   *     {"id":"fog-7","role":"FOG_NODE","publicKey":"-----BEGIN CERTIFICATE-----\n…"}}
   * @return the registered {@link Participant} as JSON
   * @throws ChaincodeException {@code MALFORMED} when the argument is not a JSON object; {@code
   *     INVALID_ARGUMENT} when the id, role or key is missing or invalid (a key that is not P-256
   *     included); {@code FORBIDDEN} when the caller is not an admin, or {@code org} names another
   *     organisation; {@code CONFLICT} when the id is taken
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String register(final Context ctx, final String registrationJson) {
    Registration registration =
        Arguments.json("registration", registrationJson, Registration.class);
    Caller caller = Caller.of(ctx);
    String org = registration.org() == null ? caller.mspId() : registration.org();
    caller.requireAdminOf(org, "register participants");
    String id = requireId(registration.id());
    if (registration.role() == null) {
      throw ErrorCode.INVALID_ARGUMENT.reject(
          "role is missing; use one of " + List.of(ParticipantRole.values()));
    }
    ECPublicKey key;
    try {
      key = Pem.parsePublicKey(registration.publicKey());
    } catch (IllegalArgumentException e) {
      throw ErrorCode.INVALID_ARGUMENT.reject("publicKey: " + e.getMessage(), e);
    }
    Ledger ledger = Ledger.of(ctx);
    String participantKey = Participants.key(ledger, id);
    if (ledger.exists(participantKey)) {
      throw ErrorCode.CONFLICT.reject("participant " + id + " already exists");
    }
    Instant now = ledger.txTime();
    Participant participant =
        new Participant(
            id,
            registration.role(),
            org,
            Pem.encodePublicKey(key),
            ParticipantStatus.ACTIVE,
            now,
            null);
    ledger.put(participantKey, participant);
    ledger.putMarker(Participants.roleIndexKey(ledger, participant));
    ledger.emit(EventName.PARTICIPANT_REGISTERED, participant);
    return Json.toJson(participant);
  }

  /**
   * Revokes a participant: from this transaction on, nothing it signs is accepted. Final.
   *
   * <p>Who may call: an admin of the participant's organisation. Reads and writes {@code
   * participant~<id>}, writes the index entry {@code participant-revoked~<ROLE>~<id>}; emits {@link
   * EventName#PARTICIPANT_REVOKED}.
   *
   * @param id the participant's id
   * @return the revoked {@link Participant} as JSON
   * @throws ChaincodeException {@code INVALID_ARGUMENT} when the id is not a valid participant id;
   *     {@code NOT_FOUND} when there is no such participant; {@code FORBIDDEN} when the caller is
   *     not an admin of its organisation; {@code INVALID_STATE} when it is already revoked
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String revoke(final Context ctx, final String id) {
    requireId(id);
    Caller caller = Caller.of(ctx);
    Ledger ledger = Ledger.of(ctx);
    Participant participant = Participants.require(ledger, id);
    caller.requireAdminOf(participant.org(), "revoke participants");
    if (!participant.isActive()) {
      throw ErrorCode.INVALID_STATE.reject(
          "participant " + id + " was already revoked at " + participant.revokedAt());
    }
    Participant revoked = participant.revoked(ledger.txTime());
    ledger.put(Participants.key(ledger, id), revoked);
    ledger.putMarker(Participants.revokedIndexKey(ledger, revoked));
    ledger.emit(EventName.PARTICIPANT_REVOKED, revoked);
    return Json.toJson(revoked);
  }

  /**
   * Returns a participant.
   *
   * <p>Who may call: any member of the channel. Reads {@code participant~<id>}; writes nothing.
   *
   * @param id the participant's id
   * @return the {@link Participant} as JSON
   * @throws ChaincodeException {@code INVALID_ARGUMENT} when the id is not a valid participant id;
   *     {@code NOT_FOUND} when there is no such participant
   */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String get(final Context ctx, final String id) {
    requireId(id);
    return Json.toJson(Participants.require(Ledger.of(ctx), id));
  }

  /**
   * Lists participants in id order, one page at a time, optionally only those of one role. Active
   * and revoked participants are both listed.
   *
   * <p>Who may call: any member of the channel; evaluate only (Fabric allows paginated queries in
   * evaluated transactions only). Reads {@code participant~*} (or {@code participant-role~<ROLE>~*}
   * and the participants it names); writes nothing.
   *
   * @param queryJson a {@link ParticipantQuery}, for example {@code
   *     {"role":"RESOURCE_PROVIDER","pageSize":20,"bookmark":""}}; {@code {}} for the first page of
   *     all participants
   * @return a {@link Page} of {@link Participant}s as JSON: {@code {"items":[…],"bookmark":"…"}},
   *     whose bookmark is empty on the last page
   * @throws ChaincodeException {@code MALFORMED} when the argument is not a JSON object; {@code
   *     INVALID_ARGUMENT} when the role is unknown, the page size is not 1 to 200 or the bookmark
   *     does not belong to the query
   */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String list(final Context ctx, final String queryJson) {
    ParticipantQuery query = Arguments.json("query", queryJson, ParticipantQuery.class);
    int pageSize = query.pageSize() == null ? DEFAULT_PAGE_SIZE : query.pageSize();
    Ledger ledger = Ledger.of(ctx);
    Page<Participant> page;
    if (query.role() == null) {
      page =
          ledger.page(
              Participants.KEY_TYPE,
              List.of(),
              pageSize,
              query.bookmark(),
              entry -> ledger.decode(entry, Participant.class));
    } else {
      page =
          ledger.page(
              Participants.ROLE_INDEX,
              List.of(query.role().name()),
              pageSize,
              query.bookmark(),
              entry -> {
                List<String> attributes = ledger.split(entry.getKey()).getAttributes();
                String id = attributes.get(attributes.size() - 1);
                return Participants.find(ledger, id)
                    .orElseThrow(
                        () ->
                            ErrorCode.INTERNAL.reject(
                                "the role index names participant " + id + ", which is missing"));
              });
    }
    return Json.toJson(page);
  }

  private static String requireId(final String id) {
    if (id == null || id.length() > MAX_ID_LENGTH || !Envelope.SIGNER_ID.matcher(id).matches()) {
      throw ErrorCode.INVALID_ARGUMENT.reject(
          "participant id must be 1 to 64 letters, digits, '.', '_' or '-', starting with a"
              + " letter or digit");
    }
    return id;
  }
}
