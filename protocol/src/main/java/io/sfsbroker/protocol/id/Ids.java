package io.sfsbroker.protocol.id;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The ids the ledger derives (docs/contracts.md, "One id for everything"), written once for the
 * chaincode, which assigns them, and for the devices, which know their slice's or application's id
 * the moment they sign the request and so can match notices that arrive before the receipt.
 *
 * <p>Each id is a prefix and the first 24 lower-case hex digits of a SHA-256 over UTF-8 text whose
 * parts are separated by NUL.
 */
public final class Ids {

  /** The form of slice ids, which are also the ids of their requests, blueprints and selections. */
  public static final Pattern SLICE_ID = Pattern.compile("s-[0-9a-f]{24}");

  /** The form of multi-flow application ids. */
  public static final Pattern APPLICATION_ID = Pattern.compile("m-[0-9a-f]{24}");

  /** The form of auction ids. */
  public static final Pattern AUCTION_ID = Pattern.compile("a-[0-9a-f]{24}");

  private static final int HEX_DIGITS = 24;

  private Ids() {}

  /**
   * The id of the slice requested in the envelope {@code signerId} signed with {@code nonce}:
   * {@code s-} and SHA-256({@code signerId} NUL {@code nonce}).
   */
  public static String slice(final String signerId, final String nonce) {
    Objects.requireNonNull(signerId, "signerId");
    Objects.requireNonNull(nonce, "nonce");
    return "s-" + digest(signerId + '\u0000' + nonce);
  }

  /**
   * The id of the multi-flow application requested in the envelope {@code signerId} signed with
   * {@code nonce}: {@code m-} and SHA-256({@code application} NUL {@code signerId} NUL {@code
   * nonce}).
   */
  public static String application(final String signerId, final String nonce) {
    Objects.requireNonNull(signerId, "signerId");
    Objects.requireNonNull(nonce, "nonce");
    return "m-" + digest("application\u0000" + signerId + '\u0000' + nonce);
  }

  /**
   * The id of the auction opened by transaction {@code txId}: {@code a-} and SHA-256({@code
   * auction} NUL {@code txId}).
   */
  public static String auction(final String txId) {
    Objects.requireNonNull(txId, "txId");
    return "a-" + digest("auction\u0000" + txId);
  }

  /** Tells whether {@code id} has the form of a slice id. */
  public static boolean isSliceId(final String id) {
    return id != null && SLICE_ID.matcher(id).matches();
  }

  private static String digest(final String text) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of()
          .formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)))
          .substring(0, HEX_DIGITS);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }
}
