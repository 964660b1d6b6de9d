package io.sfsbroker.chaincode.request;

import io.sfsbroker.chaincode.common.ErrorCode;
import io.sfsbroker.chaincode.common.Ledger;
import io.sfsbroker.chaincode.slice.Slices;
import io.sfsbroker.market.selection.CategoryRequest;
import io.sfsbroker.market.selection.LowestOfferSelection;
import io.sfsbroker.market.selection.ProportionalShareSelection;
import io.sfsbroker.market.selection.SelectionStrategy;
import io.sfsbroker.market.selection.SliceBlueprint;
import io.sfsbroker.market.selection.StackelbergSelection;
import io.sfsbroker.protocol.request.Blueprint;
import io.sfsbroker.protocol.request.BlueprintCategory;
import io.sfsbroker.protocol.selection.SelectionRule;
import java.util.List;
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

  /** Returns {@code blueprint} as the selection algorithms take it. */
  public static SliceBlueprint selectionInput(final Blueprint blueprint) {
    return new SliceBlueprint(
        blueprint.id(),
        blueprint.categories().stream()
            .map(
                c ->
                    new CategoryRequest(
                        c.category(), c.amount(), c.maxAmount(), c.maxUnitPrice(), c.budget()))
            .toList());
  }

  /** The selection strategy of {@code rule}, with the default parameters. */
  public static SelectionStrategy strategy(final SelectionRule rule) {
    return switch (rule) {
      case STACKELBERG -> new StackelbergSelection();
      case LOWEST_OFFER -> new LowestOfferSelection();
      case PROPORTIONAL_SHARE -> new ProportionalShareSelection();
    };
  }

  /** Returns the selection's category requests as a blueprint stores them. */
  static List<BlueprintCategory> blueprintCategories(final List<CategoryRequest> requests) {
    return requests.stream()
        .map(
            r ->
                new BlueprintCategory(
                    r.category(), r.amount(), r.maxUnitPrice(), r.budget(), r.maxAmount()))
        .toList();
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
