package io.sfsbroker.rp;

import static org.assertj.core.api.Assertions.assertThat;

import io.sfsbroker.protocol.multiflow.Application;
import io.sfsbroker.protocol.multiflow.ApplicationState;
import io.sfsbroker.protocol.multiflow.FlowBidBody;
import io.sfsbroker.protocol.multiflow.FlowRequirement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlowBidderTest {

  private static final FlowTerms TERMS = new FlowTerms(50_000, 5_000, 100, 40);

  /** A throughput-only flow: the terms score q = 50,000 / 100,000 = 500,000. */
  private static FlowRequirement flow(
      final String id, final long qMin, final long pMax, final String... intervals) {
    return new FlowRequirement(
        id, 1_000_000, 0, 0, 500_000, qMin, pMax, 100_000, 10_000, 10_000, List.of(intervals));
  }

  private static FlowBidder.Plan plan(final FlowRequirement... flows) {
    return new FlowBidder("rp-1", TERMS)
        .plan(
            new Application(
                "m-1",
                "fog-1",
                List.of(flows),
                ApplicationState.OPEN,
                Instant.parse("2025-03-01T10:00:00Z"),
                Instant.parse("2025-03-01T10:00:30Z"),
                0,
                null,
                "opened",
                Instant.parse("2025-03-01T10:00:00Z")));
  }

  @Test
  void plan_atExactlyQminAndPmax_bidsForEveryInterval() {
    FlowBidder.Plan plan = plan(flow("video", 500_000, 40, "t0", "t1", "t2"));

    assertThat(plan.bids()).extracting(FlowBidBody::interval).containsExactly("t0", "t1", "t2");
    assertThat(plan.bids())
        .allSatisfy(
            b ->
                assertThat(b)
                    .isEqualTo(
                        new FlowBidBody("m-1", "video", b.interval(), 50_000, 5_000, 100, 40)));
    assertThat(plan.skipped()).isEmpty();
  }

  @Test
  void plan_leavesOutFlowsWhoseQualityOrPriceIsNotAcceptable() {
    FlowBidder.Plan plan =
        plan(
            flow("too-good", 500_001, 100, "t0"),
            flow("too-cheap", 0, 39, "t0"),
            flow("fits", 0, 100, "t0"));

    assertThat(plan.bids()).extracting(FlowBidBody::flowId).containsExactly("fits");
    assertThat(plan.skipped()).containsOnlyKeys("too-good", "too-cheap");
    assertThat(plan.skipped().get("too-good")).contains("q 500000 (needs >= 500001)");
  }
}
