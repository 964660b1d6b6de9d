package io.sfsbroker.chaincode.offer;

import io.sfsbroker.chaincode.common.Ledger;
import java.util.List;
import java.util.Objects;

/** The offers on the ledger. Key: {@code offer~<blueprintId>~<rpId>} holds the {@link Offer}. */
public final class Offers {

  /** The object type of offer keys. */
  public static final String KEY_TYPE = "offer";

  private Offers() {}

  /** Returns the ledger key of the offer of {@code rpId} for {@code blueprintId}. */
  public static String key(final Ledger ledger, final String blueprintId, final String rpId) {
    return ledger.key(
        KEY_TYPE, Objects.requireNonNull(blueprintId, "blueprintId"), Objects.requireNonNull(rpId));
  }

  /** Returns every offer for {@code blueprintId}, in RP-id key order. */
  public static List<Offer> all(final Ledger ledger, final String blueprintId) {
    return ledger.all(KEY_TYPE, List.of(blueprintId), entry -> ledger.decode(entry, Offer.class));
  }
}
