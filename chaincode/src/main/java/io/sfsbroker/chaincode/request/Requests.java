package io.sfsbroker.chaincode.request;

import io.sfsbroker.chaincode.common.ErrorCode;
import io.sfsbroker.chaincode.common.Ledger;
import io.sfsbroker.chaincode.slice.Slices;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Slice requests and blueprints on the ledger, for the request contract and the contracts that read
 * blueprints.
 *
 * <p>Keys: {@code slice-request~<id>} holds the {@link SliceRequest}; {@code blueprint~<id>} holds
 * the {@link Blueprint}. Ids are derived from the signer and nonce of the request envelope, which
 * never repeat, so every endorsing peer derives the same id and no two requests share one.
 */
public final class Requests {

  /** The object type of request keys. */
  public static final String REQUEST_KEY_TYPE = "slice-request";

  /** The object type of blueprint keys. */
  public static final String BLUEPRINT_KEY_TYPE = "blueprint";

  private Requests() {}

  /**
   * Derives the id of the request signed by {@code signerId} with {@code nonce}: {@code s-} and the
   * first 24 hex digits of SHA-256({@code signerId} NUL {@code nonce}).
   */
  public static String idOf(final String signerId, final String nonce) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] digest = sha.digest((signerId + '\u0000' + nonce).getBytes(StandardCharsets.UTF_8));
      return "s-" + HexFormat.of().formatHex(digest).substring(0, 24);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }

  /** Reads blueprint {@code id}, if there is one. */
  public static Optional<Blueprint> findBlueprint(final Ledger ledger, final String id) {
    return ledger.get(blueprintKey(ledger, id), Blueprint.class);
  }

  /**
   * Reads blueprint {@code id}.
   *
   * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT} when the id is
   *     malformed, {@code NOT_FOUND} when there is no such blueprint
   */
  public static Blueprint requireBlueprint(final Ledger ledger, final String id) {
    Slices.requireId(id);
    return findBlueprint(ledger, id)
        .orElseThrow(() -> ErrorCode.NOT_FOUND.reject("blueprint " + id + " does not exist"));
  }

  static String requestKey(final Ledger ledger, final String id) {
    return ledger.key(REQUEST_KEY_TYPE, id);
  }

  static String blueprintKey(final Ledger ledger, final String id) {
    return ledger.key(BLUEPRINT_KEY_TYPE, id);
  }
}
