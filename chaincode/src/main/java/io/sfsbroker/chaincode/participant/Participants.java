package io.sfsbroker.chaincode.participant;

import io.sfsbroker.chaincode.common.ErrorCode;
import io.sfsbroker.chaincode.common.Ledger;
import io.sfsbroker.protocol.envelope.Envelope;
import io.sfsbroker.protocol.participant.Participant;
import io.sfsbroker.protocol.participant.ParticipantRole;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The participant registry on the ledger, for the participant contract and for every contract that
 * needs to know a participant.
 *
 * <p>Keys: {@code participant~<id>} holds the {@link Participant} as JSON; {@code
 * participant-role~<ROLE>~<id>} is an index entry for listing by role; {@code
 * participant-revoked~<ROLE>~<id>} one for each participant revoked.
 */
public final class Participants {

  /** The object type of participant keys. */
  public static final String KEY_TYPE = "participant";

  /** The object type of the by-role index. */
  public static final String ROLE_INDEX = "participant-role";

  /**
   * The object type of the index of revoked participants by role: {@code
   * participant-revoked~<ROLE>~<id>}, written by {@code participant:revoke} (revocation is final).
   */
  public static final String REVOKED_INDEX = "participant-revoked";

  private Participants() {}

  /**
   * The ids of the participants of {@code role} revoked since the index exists, in id order: one
   * range read instead of one read per participant.
   */
  public static TreeSet<String> revokedIds(final Ledger ledger, final ParticipantRole role) {
    return new TreeSet<>(
        ledger.all(
            REVOKED_INDEX,
            List.of(role.name()),
            entry -> {
              List<String> attributes = ledger.split(entry.getKey()).getAttributes();
              return attributes.get(attributes.size() - 1);
            }));
  }

  /**
   * Reads participant {@code id}.
   *
   * @return the participant, or empty when there is none with a valid id like that
   */
  public static Optional<Participant> find(final Ledger ledger, final String id) {
    if (id == null || !Envelope.SIGNER_ID.matcher(id).matches()) {
      return Optional.empty();
    }
    return ledger.get(key(ledger, id), Participant.class);
  }

  /**
   * Whether {@code id} is a participant that was revoked. An id that names no participant is not
   * revoked (callers that need one to exist check that themselves).
   */
  public static boolean isRevoked(final Ledger ledger, final String id) {
    return find(ledger, id).map(participant -> !participant.isActive()).orElse(false);
  }

  /**
   * Reads participant {@code id}.
   *
   * @throws org.hyperledger.fabric.shim.ChaincodeException {@code NOT_FOUND} when there is none
   */
  public static Participant require(final Ledger ledger, final String id) {
    return find(ledger, id)
        .orElseThrow(() -> ErrorCode.NOT_FOUND.reject("participant " + id + " does not exist"));
  }

  /** Returns the ledger key of participant {@code id}, which must be a valid id. */
  public static String key(final Ledger ledger, final String id) {
    return ledger.key(KEY_TYPE, id);
  }

  static String revokedIndexKey(final Ledger ledger, final Participant participant) {
    return ledger.key(REVOKED_INDEX, participant.role().name(), participant.id());
  }

  static String roleIndexKey(final Ledger ledger, final Participant participant) {
    return ledger.key(ROLE_INDEX, participant.role().name(), participant.id());
  }
}
