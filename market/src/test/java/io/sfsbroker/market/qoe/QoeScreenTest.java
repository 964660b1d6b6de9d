package io.sfsbroker.market.qoe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sfsbroker.market.selection.CategoryOffer;
import io.sfsbroker.market.selection.CategoryRequest;
import io.sfsbroker.market.selection.LowestOfferSelection;
import io.sfsbroker.market.selection.RpOffer;
import io.sfsbroker.market.selection.SelectionResult;
import io.sfsbroker.market.selection.SelectionStatus;
import io.sfsbroker.market.selection.SliceBlueprint;
import io.sfsbroker.market.selection.StackelbergSelection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QoeScreenTest {

  /** AR/VR's Table I needs: latency below 1.5 ms, a peak data rate of 1 Gbit/s. */
  private static final QoeRequirement AR_VR =
      QoeRequirement.of(Map.of("maxLatencyMicros", 1500L, "peakDataRateMbps", 1000L));

  private static CategoryOffer cpu(final long ask, final QoeTerms qoe) {
    return new CategoryOffer("cpu-millicores", ask, 4000, 1, qoe);
  }

  @Test
  void of_readsLatencyAndDataRate_andLeavesOtherMetricsUnchecked() {
    Map<String, Long> metrics = Map.of("maxLatencyMicros", 10_000L, "maxSyncIntervalMillis", 100L);

    assertThat(QoeRequirement.of(metrics)).isEqualTo(new QoeRequirement(10_000L, null));
    assertThat(QoeRequirement.unchecked(metrics)).containsExactly("maxSyncIntervalMillis");
  }

  @Test
  void shortfall_termsThatMeetEveryNeed_isEmpty() {
    assertThat(AR_VR.shortfall(new QoeTerms(1500L, 1000L))).isEmpty();
    assertThat(AR_VR.shortfall(new QoeTerms(200L, 10_000L))).isEmpty();
    assertThat(QoeRequirement.NONE.shortfall(null)).isEmpty();
  }

  @Test
  void shortfall_latencyAboveTheNeed_namesBothValues() {
    assertThat(AR_VR.shortfall(new QoeTerms(3000L, 1000L)))
        .contains("guarantees 3000 µs latency, the tenant needs at most 1500 µs");
  }

  @Test
  void shortfall_bandwidthBelowTheNeed_namesBothValues() {
    assertThat(AR_VR.shortfall(new QoeTerms(1000L, 100L)))
        .contains("guarantees 100 Mbit/s, the tenant needs 1000 Mbit/s");
  }

  @Test
  void shortfall_noTermsAgainstNeeds_saysNothingIsGuaranteed() {
    assertThat(AR_VR.shortfall(null))
        .contains(
            "guarantees no latency, the tenant needs at most 1500 µs; guarantees no bandwidth,"
                + " the tenant needs 1000 Mbit/s");
    assertThat(new QoeRequirement(null, 50L).shortfall(new QoeTerms(10L, null)))
        .contains("guarantees no bandwidth, the tenant needs 50 Mbit/s");
  }

  @Test
  void screen_removesOnlyTheInfeasibleCategories_withTheirReasons() {
    RpOffer mixed =
        new RpOffer(
            "rp-b",
            List.of(
                cpu(3, new QoeTerms(800L, 2000L)),
                new CategoryOffer("memory-mib", 2, 4096, 1, new QoeTerms(5000L, 2000L))));
    RpOffer none = new RpOffer("rp-a", List.of(cpu(2, null)));
    RpOffer good = new RpOffer("rp-c", List.of(cpu(4, new QoeTerms(1000L, 1000L))));

    QoeScreening screening = QoeScreen.screen(AR_VR, List.of(mixed, none, good));

    assertThat(screening.feasible())
        .containsExactly(new RpOffer("rp-b", List.of(mixed.categories().get(0))), good);
    assertThat(screening.excluded())
        .containsExactly(
            new QoeExclusion(
                "rp-a",
                "cpu-millicores",
                "guarantees no latency, the tenant needs at most 1500 µs; guarantees no"
                    + " bandwidth, the tenant needs 1000 Mbit/s"),
            new QoeExclusion(
                "rp-b",
                "memory-mib",
                "guarantees 5000 µs latency, the tenant needs at most 1500 µs"));
    assertThat(screening.excludedFrom("memory-mib"))
        .extracting(QoeExclusion::rpId)
        .containsExactly("rp-b");
  }

  @Test
  void screen_withoutNeeds_keepsEveryOfferAsItIs() {
    List<RpOffer> offers =
        List.of(
            new RpOffer("rp-a", List.of(cpu(2, null))),
            new RpOffer("rp-b", List.of(cpu(3, new QoeTerms(9L, null)))));

    QoeScreening screening = QoeScreen.screen(QoeRequirement.NONE, offers);

    assertThat(screening.feasible()).isEqualTo(offers);
    assertThat(screening.excluded()).isEmpty();
  }

  @Test
  void screen_exclusionsDoNotDependOnTheOrderOfTheOffers() {
    RpOffer a = new RpOffer("rp-a", List.of(cpu(2, new QoeTerms(9000L, 10L))));
    RpOffer b = new RpOffer("rp-b", List.of(cpu(2, null)));

    assertThat(QoeScreen.screen(AR_VR, List.of(b, a)).excluded())
        .isEqualTo(QoeScreen.screen(AR_VR, List.of(a, b)).excluded());
  }

  @Test
  void screen_cheapestOfferThatMissesTheLatency_losesUnderEveryStrategy() {
    SliceBlueprint blueprint =
        new SliceBlueprint("s-1", List.of(new CategoryRequest("cpu-millicores", 1000, 10)));
    RpOffer cheapButFar = new RpOffer("rp-a", List.of(cpu(2, new QoeTerms(20_000L, 1000L))));
    RpOffer dearButNear = new RpOffer("rp-b", List.of(cpu(8, new QoeTerms(1000L, 1000L))));

    List<RpOffer> feasible = QoeScreen.screen(AR_VR, List.of(cheapButFar, dearButNear)).feasible();

    for (var strategy : List.of(new StackelbergSelection(), new LowestOfferSelection())) {
      SelectionResult result = strategy.select(blueprint, feasible);
      assertThat(result.status()).as(strategy.name()).isEqualTo(SelectionStatus.SELECTED);
      assertThat(result.winners()).as(strategy.name()).allMatch(w -> w.rpId().equals("rp-b"));
    }
  }

  @Test
  void terms_outOfRange_areRejectedWithTheirName() {
    assertThatThrownBy(() -> new QoeTerms(-1L, null)).hasMessageContaining("latencyMicros");
    assertThatThrownBy(() -> new QoeTerms(null, 0L)).hasMessageContaining("bandwidthMbps");
    assertThatThrownBy(() -> new QoeRequirement(-5L, null))
        .hasMessageContaining("maxLatencyMicros");
  }

  @Test
  void reasonOf_failedSelection_namesEachExcludedOfferOfTheUnservedCategory() {
    SliceBlueprint blueprint =
        new SliceBlueprint(
            "s-2",
            List.of(
                new CategoryRequest("cpu-millicores", 1000, 10),
                new CategoryRequest("memory-mib", 512, 10)));
    RpOffer partial =
        new RpOffer(
            "rp-a",
            List.of(
                cpu(2, new QoeTerms(1000L, 1000L)),
                new CategoryOffer("memory-mib", 2, 4096, 1, new QoeTerms(9000L, 1000L))));
    QoeScreening screening = QoeScreen.screen(AR_VR, List.of(partial));

    SelectionResult result = new StackelbergSelection().select(blueprint, screening.feasible());

    assertThat(screening.statusOf(result)).isEqualTo(SelectionStatus.NO_FEASIBLE_OFFER);
    assertThat(screening.reasonOf(result))
        .startsWith(result.reason())
        .endsWith(
            "; memory-mib offers infeasible for QoE: rp-a guarantees 9000 µs latency, the tenant"
                + " needs at most 1500 µs");
  }

  @Test
  void statusOf_everyOfferExcluded_isNoFeasibleOffer_notNoOffers() {
    SliceBlueprint blueprint =
        new SliceBlueprint("s-3", List.of(new CategoryRequest("cpu-millicores", 1000, 10)));
    QoeScreening screening =
        QoeScreen.screen(AR_VR, List.of(new RpOffer("rp-a", List.of(cpu(2, null)))));

    SelectionResult result = new LowestOfferSelection().select(blueprint, screening.feasible());

    assertThat(result.status()).isEqualTo(SelectionStatus.NO_OFFERS);
    assertThat(screening.statusOf(result)).isEqualTo(SelectionStatus.NO_FEASIBLE_OFFER);
    assertThat(screening.reasonOf(result))
        .startsWith(
            "no offer for blueprint s-3 meets its QoE needs; cpu-millicores offers"
                + " infeasible for QoE: rp-a guarantees no latency");
  }

  @Test
  void reasonOf_selectedSlice_isTheStrategysOwnReason() {
    SliceBlueprint blueprint =
        new SliceBlueprint("s-4", List.of(new CategoryRequest("cpu-millicores", 1000, 10)));
    QoeScreening screening =
        QoeScreen.screen(
            AR_VR,
            List.of(
                new RpOffer("rp-a", List.of(cpu(2, null))),
                new RpOffer("rp-b", List.of(cpu(3, new QoeTerms(100L, 5000L))))));

    SelectionResult result = new StackelbergSelection().select(blueprint, screening.feasible());

    assertThat(screening.statusOf(result)).isEqualTo(SelectionStatus.SELECTED);
    assertThat(screening.reasonOf(result)).isEqualTo(result.reason());
  }
}
