package io.sfsbroker.market.selection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Endorsing peers must agree byte for byte, whatever order the offers arrive in. */
class SelectionDeterminismTest {

  private static SliceBlueprint blueprint(Random random, int categories) {
    List<CategoryRequest> requests = new ArrayList<>();
    for (int i = 0; i < categories; i++) {
      long amount = 1 + random.nextInt(64);
      long maxPrice = 5_000 + random.nextInt(5_000);
      // Every other category opts into up to three times its amount, spending up to twice its cost.
      requests.add(
          i % 2 == 0
              ? new CategoryRequest("cat-" + i, amount, maxPrice)
              : new CategoryRequest(
                  "cat-" + i, amount, 3 * amount, maxPrice, 2 * amount * maxPrice));
    }
    return new SliceBlueprint("bp-determinism", requests);
  }

  private static List<RpOffer> offers(Random random, SliceBlueprint blueprint, int rps) {
    List<RpOffer> offers = new ArrayList<>();
    for (int j = 0; j < rps; j++) {
      List<CategoryOffer> categories = new ArrayList<>();
      for (CategoryRequest request : blueprint.categories()) {
        long reserve = 1_000 + random.nextInt(5_000);
        categories.add(
            new CategoryOffer(
                request.category(),
                reserve + random.nextInt(4_000),
                request.amount() / 2 + random.nextInt((int) request.amount() * 3),
                reserve));
      }
      offers.add(new RpOffer("rp-" + j, categories));
    }
    return offers;
  }

  /** The same offers in another order, each with its categories in another order too. */
  private static List<RpOffer> reshuffled(List<RpOffer> offers, long seed) {
    Random random = new Random(seed);
    List<RpOffer> copy = new ArrayList<>();
    for (RpOffer offer : offers) {
      List<CategoryOffer> categories = new ArrayList<>(offer.categories());
      Collections.shuffle(categories, random);
      copy.add(new RpOffer(offer.rpId(), categories));
    }
    Collections.shuffle(copy, random);
    return copy;
  }

  @Test
  void select_sameOffersInAnyOrder_givesEqualResultsAndDigests() {
    Random random = new Random(7);
    SliceBlueprint blueprint = blueprint(random, 12);
    List<RpOffer> offers = offers(random, blueprint, 40);
    for (SelectionStrategy strategy :
        List.of(
            new StackelbergSelection(),
            new ProportionalShareSelection(),
            new LowestOfferSelection())) {
      SelectionResult reference = strategy.select(blueprint, offers);
      for (long seed = 1; seed <= 5; seed++) {
        SelectionResult other = strategy.select(blueprint, reshuffled(offers, seed));

        assertThat(other).isEqualTo(reference);
        assertThat(other.toString()).isEqualTo(reference.toString());
        assertThat(other.tableDigest()).isEqualTo(reference.tableDigest());
      }
    }
  }

  @Test
  void digest_changesWhenAnyCellChanges() {
    Random random = new Random(8);
    SliceBlueprint blueprint = blueprint(random, 4);
    List<RpOffer> offers = new ArrayList<>(offers(random, blueprint, 5));
    String before = new StackelbergSelection().select(blueprint, offers).tableDigest();
    RpOffer last = offers.remove(offers.size() - 1);
    List<CategoryOffer> categories = new ArrayList<>(last.categories());
    // Category 1 is elastic (see blueprint): more available changes what the tenant takes.
    CategoryOffer elastic = categories.get(1);
    categories.set(
        1,
        new CategoryOffer(
            elastic.category(),
            elastic.unitPrice(),
            elastic.available() + 1000,
            elastic.reservePrice()));
    offers.add(new RpOffer(last.rpId(), categories));

    String after = new StackelbergSelection().select(blueprint, offers).tableDigest();

    assertThat(after).isNotEqualTo(before);
  }

  @Test
  void digest_ofAFixedInput_isPinned() {
    // Pins the canonical byte form (docs/selection.md) and the arithmetic: if this changes, peers
    // running the old and the new code would disagree, so change it only with a format version.
    SliceBlueprint blueprint =
        new SliceBlueprint(
            "bp-1",
            List.of(
                new CategoryRequest("cpu", 10, 1000, 100, 2000),
                new CategoryRequest("mem", 20, 20, 50, 1000),
                new CategoryRequest("storage", 50, 50, 40, 2000)));
    List<RpOffer> offers =
        List.of(
            new RpOffer(
                "rp-a",
                List.of(
                    new CategoryOffer("cpu", 90, 100, 8),
                    new CategoryOffer("mem", 50, 200, 9),
                    new CategoryOffer("storage", 40, 500, 20))),
            new RpOffer(
                "rp-b",
                List.of(
                    new CategoryOffer("cpu", 95, 100, 18),
                    new CategoryOffer("mem", 45, 200, 4),
                    new CategoryOffer("storage", 40, 10, 20))));

    SelectionResult stackelberg = new StackelbergSelection().select(blueprint, offers);
    SelectionResult proportional = new ProportionalShareSelection().select(blueprint, offers);
    assertThat(stackelberg.tableDigest())
        .isEqualTo("d94108de33d53673031cc2f19b35633a25a8002d33cc538642cb67f3c79fc5b9");
    assertThat(proportional.tableDigest())
        .isEqualTo("ab45c31b5d677b66ae208a430c1ad7329c499ba014661250abfbae494b629937");
    // The same tables in the format of records stored before v4: every cell is what it was.
    assertThat(stackelberg.table().legacyDigest())
        .isEqualTo("38a2a8c890f8e631b33fe190d395af67d72baa02733a60bbc56b84928de8c2dd");
    assertThat(proportional.table().legacyDigest())
        .isEqualTo("e2193cb786a988351a97f1ad00171a9676c78397fd3a5708af703c1e405b861a");
  }
}
