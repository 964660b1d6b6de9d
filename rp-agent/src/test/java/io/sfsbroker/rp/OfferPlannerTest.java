package io.sfsbroker.rp;

import static org.assertj.core.api.Assertions.assertThat;

import io.sfsbroker.market.selection.Allocation;
import io.sfsbroker.market.selection.CategoryOffer;
import io.sfsbroker.market.selection.CategoryRequest;
import io.sfsbroker.market.selection.RpOffer;
import io.sfsbroker.market.selection.SelectionResult;
import io.sfsbroker.market.selection.SliceBlueprint;
import io.sfsbroker.market.selection.StackelbergSelection;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.offer.OfferedCategory;
import io.sfsbroker.protocol.request.Blueprint;
import io.sfsbroker.protocol.request.BlueprintCategory;
import io.sfsbroker.protocol.selection.SelectionRule;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OfferPlannerTest {

  private static final Instant DEADLINE = Instant.parse("2025-03-01T10:00:30Z");

  private final OfferPlanner planner = new OfferPlanner(TestConfigs.config().categories(), 2);

  private static Blueprint blueprint(final BlueprintCategory... categories) {
    return new Blueprint(
        "s-1",
        "fog-1",
        null,
        List.of(categories),
        null,
        null,
        SelectionRule.STACKELBERG,
        DEADLINE.minusSeconds(30),
        DEADLINE,
        3600);
  }

  /**
   * A category that opted into up to ten times its amount, with a budget of twice its amount at the
   * maximum price.
   */
  private static BlueprintCategory category(
      final String category, final long amount, final long maxUnitPrice) {
    return new BlueprintCategory(
        category, amount, maxUnitPrice, 2 * amount * maxUnitPrice, 10 * amount);
  }

  @Test
  void plan_forAnExactAmount_offersAndReservesExactlyThatAmount() {
    OfferPlanner.Plan plan =
        planner.plan(
            blueprint(new BlueprintCategory("cpu-millicores", 500, 10, 5000)), category -> 2000);

    assertThat(plan.offer().get().categories())
        .containsExactly(new OfferedCategory("cpu-millicores", 3L, 500L, 1L));
    assertThat(plan.amounts()).containsExactly(Map.entry("cpu-millicores", 500L));
  }

  @Test
  void plan_forAnElasticRequest_offersTheListPriceWithTheCostAsReserve_andTwiceTheAmount() {
    OfferPlanner.Plan plan =
        planner.plan(blueprint(category("cpu-millicores", 500, 10)), category -> 2000);

    assertThat(plan.offer()).isPresent();
    assertThat(plan.offer().get().categories())
        .containsExactly(new OfferedCategory("cpu-millicores", 3L, 1000L, 1L));
    assertThat(plan.amounts()).containsExactly(Map.entry("cpu-millicores", 1000L));
    assertThat(plan.skipped()).isEmpty();
  }

  @Test
  void plan_offersNoMoreThanIsFree() {
    OfferPlanner.Plan plan =
        planner.plan(blueprint(category("cpu-millicores", 500, 10)), category -> 700);

    assertThat(plan.offer().get().categories().get(0).available()).isEqualTo(700);
  }

  @Test
  void plan_withAListPriceAboveTheTenantsMaximum_asksTheMaximum() {
    OfferPlanner.Plan plan =
        planner.plan(blueprint(category("bandwidth-mbps", 100, 4)), category -> 1000);

    assertThat(plan.offer().get().categories())
        .containsExactly(new OfferedCategory("bandwidth-mbps", 4L, 200L, 2L));
  }

  @Test
  void plan_withTheCostAboveTheTenantsMaximum_leavesTheCategoryOut() {
    OfferPlanner.Plan plan =
        planner.plan(
            blueprint(category("bandwidth-mbps", 100, 1), category("memory-mib", 256, 5)),
            category -> 1000);

    assertThat(plan.offer().get().categories())
        .extracting(OfferedCategory::category)
        .containsExactly("memory-mib");
    assertThat(plan.skipped())
        .containsExactly("bandwidth-mbps: cost 2 is above the tenant's maximum unit price 1");
  }

  @Test
  void plan_withLessFreeThanAskedFor_leavesTheCategoryOut() {
    OfferPlanner.Plan plan =
        planner.plan(blueprint(category("memory-mib", 256, 5)), category -> 255);

    assertThat(plan.offer()).isEmpty();
    assertThat(plan.skipped()).containsExactly("memory-mib: 255 free, 256 asked for");
  }

  @Test
  void plan_forCategoriesTheRpDoesNotServe_offersNothing() {
    OfferPlanner.Plan plan =
        planner.plan(blueprint(category("rendering-k", 400, 5)), category -> 0);

    assertThat(plan.offer()).isEmpty();
    assertThat(plan.skipped()).containsExactly("rendering-k: not served");
  }

  @Test
  void plan_writesTheOfferBodyOfTheContracts() {
    OfferPlanner.Plan plan =
        planner.plan(blueprint(category("memory-mib", 256, 5)), category -> 1024);

    assertThat(Json.toJson(plan.offer().get()))
        .isEqualTo(
            "{\"blueprintId\":\"s-1\",\"categories\":[{\"category\":\"memory-mib\",\"unitPrice\":2,"
                + "\"available\":512,\"reservePrice\":1}]}");
  }

  @Test
  void plannedOffer_winsTheStackelbergSelection_withinTheReservedAmounts() {
    Blueprint blueprint =
        blueprint(category("cpu-millicores", 500, 10), category("memory-mib", 256, 8));
    OfferPlanner.Plan plan = planner.plan(blueprint, category -> 4000);

    SelectionResult result =
        new StackelbergSelection()
            .select(
                new SliceBlueprint(
                    blueprint.id(),
                    blueprint.categories().stream()
                        .map(
                            c ->
                                new CategoryRequest(
                                    c.category(),
                                    c.amount(),
                                    c.maxAmount(),
                                    c.maxUnitPrice(),
                                    c.budget()))
                        .toList()),
                List.of(
                    new RpOffer(
                        "rp-1",
                        plan.offer().get().categories().stream()
                            .map(
                                c ->
                                    new CategoryOffer(
                                        c.category(),
                                        c.unitPrice(),
                                        c.available(),
                                        c.reservePrice()))
                            .toList())));

    assertThat(result.isSelected()).isTrue();
    for (Allocation winner : result.winners()) {
      assertThat(winner.rpId()).isEqualTo("rp-1");
      assertThat(winner.amount()).isLessThanOrEqualTo(plan.amounts().get(winner.category()));
      assertThat(winner.unitPrice())
          .isBetween(
              1L,
              plan.offer().get().categories().stream()
                  .filter(c -> c.category().equals(winner.category()))
                  .findFirst()
                  .orElseThrow()
                  .unitPrice());
    }
  }

  private static Blueprint withQoe(final Map<String, Long> qoe, final BlueprintCategory category) {
    return new Blueprint(
        "s-2",
        "fog-1",
        "ar-vr",
        List.of(category),
        new java.util.TreeMap<>(qoe),
        null,
        SelectionRule.STACKELBERG,
        DEADLINE.minusSeconds(30),
        DEADLINE,
        3600);
  }

  private static OfferPlanner plannerWithQoe(final String extraTerms) {
    com.google.gson.JsonObject json = TestConfigs.json("rp-1", "");
    com.google.gson.JsonObject cpu =
        json.getAsJsonObject("categories").getAsJsonObject("cpu-millicores");
    Json.parseObject(extraTerms).entrySet().forEach(e -> cpu.add(e.getKey(), e.getValue()));
    return new OfferPlanner(RpConfig.fromJson(json, java.nio.file.Path.of(".")).categories(), 2);
  }

  @Test
  void plan_carriesTheRpsQoeTermsOfTheCategory() {
    OfferPlanner qoePlanner = plannerWithQoe("{\"latencyMicros\": 900, \"bandwidthMbps\": 1000}");

    OfferPlanner.Plan plan =
        qoePlanner.plan(
            withQoe(
                Map.of("maxLatencyMicros", 1500L, "peakDataRateMbps", 1000L),
                category("cpu-millicores", 500, 10)),
            category -> 2000);

    assertThat(plan.offer().get().categories())
        .containsExactly(
            new OfferedCategory(
                "cpu-millicores",
                3L,
                1000L,
                1L,
                new io.sfsbroker.protocol.offer.OfferedQoe(900L, 1000L)));
  }

  @Test
  void plan_termsThatMissTheBlueprintsQoe_leaveTheCategoryOutWithTheReason() {
    OfferPlanner qoePlanner = plannerWithQoe("{\"latencyMicros\": 5000, \"bandwidthMbps\": 1000}");

    OfferPlanner.Plan plan =
        qoePlanner.plan(
            withQoe(Map.of("maxLatencyMicros", 1500L), category("cpu-millicores", 500, 10)),
            category -> 2000);

    assertThat(plan.offer()).isEmpty();
    assertThat(plan.skipped())
        .containsExactly(
            "cpu-millicores: guarantees 5000 µs latency, the tenant needs at most 1500 µs");
  }

  @Test
  void plan_withoutQoeTermsAgainstQoeNeeds_leavesTheCategoryOut() {
    OfferPlanner.Plan plan =
        planner.plan(
            withQoe(Map.of("peakDataRateMbps", 100L), category("cpu-millicores", 500, 10)),
            category -> 2000);

    assertThat(plan.offer()).isEmpty();
    assertThat(plan.skipped())
        .containsExactly("cpu-millicores: guarantees no bandwidth, the tenant needs 100 Mbit/s");
  }
}
