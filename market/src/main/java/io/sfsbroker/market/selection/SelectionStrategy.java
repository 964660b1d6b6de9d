package io.sfsbroker.market.selection;

import java.util.List;

/**
 * A rule that picks the RPs serving a blueprint. Implementations are deterministic: the same
 * blueprint and the same set of offers, in any order, give an equal result with the same digest.
 */
public interface SelectionStrategy {

  /** A stable name, recorded in the result and in the table digest. */
  String name();

  /**
   * Selects the winners for {@code blueprint} among {@code offers}.
   *
   * @return a result whose status says whether a slice was formed, never {@code null}
   * @throws IllegalArgumentException if two offers come from the same RP
   */
  SelectionResult select(SliceBlueprint blueprint, List<RpOffer> offers);
}
