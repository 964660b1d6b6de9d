package io.sfsbroker.fog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The ids the ledger derives from a request's signer and nonce (docs/contracts.md, "One id for
 * everything"), so that the agent knows its slice's id the moment it signs the request and can
 * match notices that arrive before the receipt.
 */
final class Ids {

  private Ids() {}

  /** The slice id of a slice request: {@code s-} + 24 hex digits of SHA-256(signer NUL nonce). */
  static String slice(final String signerId, final String nonce) {
    return "s-" + sha256Hex(signerId + '\u0000' + nonce).substring(0, 24);
  }

  /** The id of a multi-flow application: {@code m-} + 24 hex digits of SHA-256 of the same. */
  static String application(final String signerId, final String nonce) {
    return "m-" + sha256Hex("application\u0000" + signerId + '\u0000' + nonce).substring(0, 24);
  }

  private static String sha256Hex(final String text) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }
}
